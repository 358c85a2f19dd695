"""Templates filled by the tests from the report fixtures: one CSV per section, the XLSX workbook, fixture data dirs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd

from gjj_dash.cli import main
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.publish.templates import section_files, template_bytes
from tests.support.years import FIXTURES, fixture


def _raw(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(r.indicator, r.column): r.raw for r in frame.itertuples(index=False)}


def filled_rows(rows: list[list[str]], table: str, fmt: str, cat: Catalogue, frame: pd.DataFrame) -> list[list[str]]:
    """A section's template rows with the fixture's cells typed in as printed (rows after the header)."""
    raw = _raw(frame)
    columns = cat.columns_of(fmt, table)
    labels = {ind.label: ind for ind in cat.rows(fmt, table)}
    out = []
    for row in rows:
        ind = labels.get(row[0]) if row else None
        out.append([row[0], *(raw.get((ind.id, c.id), "") for c in columns)] if ind is not None else row)
    return out


def section_csvs(name: str, cat: Catalogue) -> dict[str, bytes]:
    """Every section CSV of the fixture's format as `gjj-dash template --split` writes it, filled in (UTF-8 BOM)."""
    fmt = FIXTURES[name][0]
    frame = fixture(name)
    tables = [t.id for t in cat.tables_of(fmt)]
    out = {}
    for (file_name, payload), table in zip(section_files(fmt, cat), tables, strict=True):
        rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(filled_rows(rows, table, fmt, cat, frame))
        out[file_name] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return out


def filled_workbook(name: str, cat: Catalogue) -> bytes:
    """The format's XLSX template with the fixture's figures typed in as numbers (a sheet per section)."""
    fmt = FIXTURES[name][0]
    frame = fixture(name)
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(fmt.removeprefix("new"), "xlsx")))
    for sheet, table in zip(book.worksheets, cat.tables_of(fmt), strict=False):
        rows = [[str(c.value or "") for c in row] for row in sheet.iter_rows()]
        for r, row in enumerate(filled_rows(rows, table.id, fmt, cat, frame), start=1):
            for c, text in enumerate(row[1:], start=2):
                if text and r > 1:
                    sheet.cell(r, c).value = _typed(text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(text: str) -> int | float | str:
    """A figure as a person types it into Excel: a number where it is one, else the text (“251000元”)."""
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


def csv_rows(payload: bytes) -> list[list[str]]:
    """A CSV file's rows (UTF-8, BOM or not)."""
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))


def filled_cells(files: dict[str, bytes]) -> dict[tuple[str, str, str], str]:
    """(table title, row label, column header) → text of every cell of the filled section CSVs (blank ones too)."""
    cat = load_catalogue()
    out = {}
    for table, payload in zip(cat.tables_of("new2021"), files.values(), strict=True):
        title_line, header, *body = csv_rows(payload)
        assert title_line == ["政府信息公开工作年度报告统计表(2021年格式)"]
        for row in body:
            if cat.indicators[next(i.id for i in cat.rows("new2021", table.id) if i.label == row[0])].has_value:
                out.update({(table.title, row[0], head): text for head, text in zip(header[1:], row[1:], strict=True)})
    return out


def exported_cells(payload: bytes) -> dict[tuple[str, str, str], str]:
    """The same addresses in `gjj-dash export --format csv`: each table under its title, 信息内容 and 单位 first."""
    out, title, header = {}, "", []
    for row in csv_rows(payload):
        if len(row) == 1 and row[0]:
            title, header = row[0], []
        elif row and row[:2] == ["信息内容", "单位"]:
            header = row
        elif header and len(row) > 1 and row[1]:  # a row with figures has its unit (group rows have none)
            out.update({(title, row[0], head): text for head, text in zip(header[2:], row[2:], strict=True)})
    return out


def import_and_export(tmp_path: Path, paths: list[Path]) -> bytes:
    """Files imported as 2021 into a new store through the CLI, then that year exported as CSV."""
    store = tmp_path / "store"
    for path in paths:
        assert main(["import", str(path), "--data-dir", str(store), "--year", "2021"]) == 0
    target = tmp_path / "export.csv"
    assert main(["export", "--year", "2021", "--format", "csv", "--data-dir", str(store), "-o", str(target)]) == 0
    return target.read_bytes()
