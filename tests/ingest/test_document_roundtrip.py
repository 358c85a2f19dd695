"""A clean, well-formed web page or Word file of the official tables — the project's own HTML export, or a Word file
laid out from the official tables as a drafted annual report would be — reads back through the report readers to
exactly the stored figures, blanks and qualifiers, for the old, 2019 and 2021 formats."""

from __future__ import annotations

import io
import math
from pathlib import Path

import docx
import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.values import Dataset
from gjj_dash.publish.export import table_html
from gjj_dash.publish.official import official_form
from gjj_dash.store.dataset import load_dataset

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "years" / "formats"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(FORMATS)


def _cells(frame) -> dict[tuple[str, str], tuple[float | None, bool, str]]:
    table = frame[frame["format"] != "measure"]
    return {(r.indicator, r.column): (None if math.isnan(r.value) else r.value, bool(r.blank), r.qualifier)
            for r in table.itertuples(index=False)}


def _word(dataset: Dataset, year: int) -> bytes:
    """The year's official tables in a Word file, as a drafted report lays them out: title, each table's title,
    a head row (label, unit, columns), one row per catalogue row; no merged cells."""
    form = official_form(dataset, year)
    document = docx.Document()
    document.add_paragraph(f"博州住房公积金管理中心{year}年度政府信息公开工作年度报告")
    for official in form.tables:
        document.add_paragraph(official.table.title)
        rows = [official.header] + [[r.indicator.label, r.unit, *("" if c is None else c.raw for c in r.cells)]
                                    for r in official.rows if not r.is_note]
        table = document.add_table(rows=len(rows), cols=len(official.header))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_the_html_export_reads_back_exactly(dataset: Dataset, year: int) -> None:
    """gjj-dash export --format html of a year, imported as a saved web page: every table cell as stored."""
    upload = read_upload(table_html(dataset, year), f"export-{year}.html")
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.year == year and upload.format == dataset.format_of(year)
    assert _cells(upload.frame) == _cells(dataset.year_values(year))


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_a_drafted_word_file_of_the_official_tables_reads_back_exactly(dataset: Dataset, year: int) -> None:
    """The official tables written to Word (as issue 20's drafts are) read back to the stored figures and blanks."""
    upload = read_upload(_word(dataset, year), f"draft-{year}.docx")
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.year == year
    assert _cells(upload.frame) == _cells(dataset.year_values(year))
