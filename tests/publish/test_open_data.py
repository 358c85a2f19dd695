"""publish/open_data: every file under data/ — the year's tidy CSV and JSON (neutralised), its official table as the
dashboard downloads it, every year in one CSV, the data dictionary — and a datapackage.json whose sizes, hashes and
schemas describe exactly those bytes and which `frictionless validate` passes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate

from gjj_dash.cli import main
from gjj_dash.model.values import read_values, write_values
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.publish.export import dataset_csv, table_csv, table_xlsx
from gjj_dash.publish.open_data import DATAPACKAGE, OpenData
from gjj_dash.publish.open_data_index import index_body
from gjj_dash.publish.tidy import TIDY_FIELDS
from gjj_dash.store.dataset import load_dataset
from tests.support.years import data_dir


def _rows(payload: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))


def _written(data: OpenData, folder: Path) -> Path:
    """Every file and datapackage.json written into a folder, as a web server would hold them; the descriptor."""
    folder.mkdir()
    for path in [*data.resources, DATAPACKAGE]:
        (folder / path).write_bytes(data.payload(path))
    return folder / DATAPACKAGE


@pytest.fixture
def three_formats(tmp_path: Path) -> OpenData:
    """Bundled 2016 (old table), Shanghai 2019 (2019 format) and Pingtan 2021 (2021 format) as one dataset."""
    return OpenData(load_dataset(data_dir(tmp_path, "formats")), modified=1_700_000_000.0)


def test_every_year_has_its_files_and_every_year_is_in_all_csv(three_formats: OpenData) -> None:
    """Each year: <year>.csv, .json, .xlsx and -official.csv, then each year's indicators (CSV, JSON); then all.csv
    and dictionary.csv."""
    assert list(three_formats.resources) == [
        *(f"{y}{s}" for y in (2016, 2019, 2021) for s in (".csv", ".json", ".xlsx", "-official.csv")),
        *(f"{y}{s}" for y in (2016, 2019, 2021) for s in ("-indicators.csv", "-indicators.json")),
        "all.csv", "dictionary.csv",
    ]  # fmt: skip
    assert three_formats.payload("all.csv") == dataset_csv(three_formats.dataset)  # the dashboard's own download
    every = _rows(three_formats.payload("all.csv"))
    for year in (2016, 2019, 2021):
        mine = _rows(three_formats.payload(f"{year}.csv"))
        assert mine == [r for r in every if r["year"] == str(year)] and mine


def test_a_year_csv_is_tidy_with_the_dictionary_fields_and_the_real_figures(three_formats: OpenData) -> None:
    """One row per figure: row code, printed label, column, value, unit, format, qualifier, source (2016: 204 条,
    19000余 as 19000 with 余, a blank cell empty with blank=true)."""
    rows = _rows(three_formats.payload("2016.csv"))
    assert list(rows[0]) == TIDY_FIELDS
    by_id = {(r["indicator"], r["column"]): r for r in rows}
    disclosed = by_id[("old.s1.disclosed", "value")]
    assert (disclosed["label"], disclosed["value"], disclosed["unit"], disclosed["format"]) == (
        "(一)主动公开政府信息数", "204", "条", "old")
    assert disclosed["source"] == "附件 政府信息公开情况统计表"
    queries = next(r for r in rows if r["raw"] == "19000余")
    assert (queries["value"], queries["qualifier"]) == ("19000", "余")
    blank = by_id[("old.s1.normative_docs", "value")]
    assert (blank["value"], blank["blank"]) == ("", "true")


def test_the_json_holds_the_csv_rows_with_numbers_nulls_and_booleans(three_formats: OpenData) -> None:
    """2021.json: the same rows as 2021.csv, value a number (null when blank), blank a boolean, year an integer."""
    records = json.loads(three_formats.payload("2021.json"))
    rows = _rows(three_formats.payload("2021.csv"))
    assert len(records) == len(rows) and list(records[0]) == TIDY_FIELDS
    for record, row in zip(records, rows, strict=True):
        assert record["year"] == 2021 and record["indicator"] == row["indicator"]
        assert record["blank"] is (row["blank"] == "true")
        assert (record["value"] is None) == (row["value"] == "")
        if record["value"] is not None:
            assert float(record["value"]) == float(row["value"])


def test_the_official_files_are_the_dashboards_downloads(three_formats: OpenData) -> None:
    """<year>.xlsx and <year>-official.csv are byte for byte what 官方统计表 downloads."""
    for year in (2016, 2021):
        assert three_formats.payload(f"{year}.xlsx") == table_xlsx(three_formats.dataset, year)
        assert three_formats.payload(f"{year}-official.csv") == table_csv(three_formats.dataset, year)


def test_text_starting_like_a_formula_is_neutralised_in_csv_and_json(tmp_path: Path) -> None:
    """A stored text “=HYPERLINK(…)” leaves as “'=HYPERLINK(…)” in the year's CSV and JSON alike."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA / "years", data / "years")
    values = read_values(data / "years" / "2016" / "values.csv")
    values.loc[values["indicator"] == "old.s1.disclosed", "text"] = '=HYPERLINK("http://x")'
    (data / "years" / "2016" / "values.csv").write_bytes(write_values(values))
    opened = OpenData(load_dataset(data))
    row = next(r for r in _rows(opened.payload("2016.csv")) if r["indicator"] == "old.s1.disclosed")
    assert row["text"] == "'=HYPERLINK(\"http://x\")"
    record = next(r for r in json.loads(opened.payload("2016.json")) if r["indicator"] == "old.s1.disclosed")
    assert record["text"] == "'=HYPERLINK(\"http://x\")"


def test_the_data_package_describes_every_file_exactly(three_formats: OpenData) -> None:
    """Every resource with its path, size and SHA-256 of the bytes served, a schema naming the CSV's header with the
    dictionary's descriptions, the licence, and each year's report as a source."""
    package = json.loads(three_formats.payload(DATAPACKAGE))
    assert [r["path"] for r in package["resources"]] == list(three_formats.resources)
    for resource in package["resources"]:
        body = three_formats.payload(resource["path"])
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        assert resource.get("bytes", len(body)) == len(body)
    year = next(r for r in package["resources"] if r["path"] == "2016.csv")
    assert [f["name"] for f in year["schema"]["fields"]] == TIDY_FIELDS
    assert year["schema"]["primaryKey"] == ["year", "reporting_unit", "indicator", "column"]
    value = next(f for f in year["schema"]["fields"] if f["name"] == "value")
    assert value["type"] == "number" and value["description"] == "数值；空白栏为空"
    assert package["licenses"][0]["name"] == "other-at" and package["created"] == "2023-11-14T22:13:20Z"
    titles = " ".join(s["title"] for s in package["sources"])
    assert "博州住房公积金管理中心2016年度政府信息公开工作年度报告" in titles and len(package["sources"]) == 3


def test_frictionless_validate_passes_on_the_package_and_every_file(three_formats: OpenData, tmp_path: Path) -> None:
    """The package written out as data/ validates: descriptor, schemas, primary keys, sizes and hashes."""
    report = validate(str(_written(three_formats, tmp_path / "published")))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "message"])
    assert len(report.tasks) == len(three_formats.resources)


def test_frictionless_catches_a_changed_file(three_formats: OpenData, tmp_path: Path) -> None:
    """The check can fail: one changed figure in 2016.csv breaks its size or hash."""
    descriptor = _written(three_formats, tmp_path / "published")
    changed = three_formats.payload("2016.csv").replace(b",204,204,", b",204,205,")
    assert changed != three_formats.payload("2016.csv")
    (descriptor.parent / "2016.csv").write_bytes(changed)
    assert not validate(str(descriptor)).valid


def test_an_unknown_file_is_none(three_formats: OpenData) -> None:
    """A year not held, a made-up name or a path outside data/ gives no bytes."""
    for name in ("2017.csv", "2016.parquet", "../values.csv", "", "years/2016/values.csv"):
        assert three_formats.payload(name) is None


def test_each_years_indicators_are_the_rows_the_cli_prints(three_formats: OpenData, tmp_path) -> None:
    """<year>-indicators.csv is byte for byte what `gjj-dash indicators --year Y --format csv` writes for the same
    data (one computation for pages, CLI and open data); its JSON carries the same rows with numbers as numbers."""
    folder = data_dir(tmp_path / "cli", "formats")
    for year in (2016, 2021):
        target = tmp_path / f"{year}.csv"
        assert main(["indicators", "--year", str(year), "-o", str(target), "--data-dir", str(folder)]) == 0
        assert three_formats.payload(f"{year}-indicators.csv") == target.read_bytes()
    rows = json.loads(three_formats.payload("2021-indicators.json"))
    substantive = next(r for r in rows if r["编号"] == "disclosure_rate")
    assert (substantive["分子"], substantive["分母"]) == (35, 69)  # 予以公开 30 + 部分公开 5 of （七）总计 69


def test_the_index_links_each_years_files_in_their_own_columns(three_formats: OpenData) -> None:
    """The /data/ index's row of a year links its figures, official table and indicators each once (an indicators
    CSV never stands in for the year's figures)."""
    body = index_body(three_formats, "zh")
    row = body[body.index('<a href="../report/2021/">2021</a>'):].split("</tr>", 1)[0]
    links = [part.split('"', 1)[0] for part in row.split('href="')[1:]]
    assert links == ["../report/2021/", "2021.csv", "2021.json", "2021.xlsx", "2021-official.csv",
                     "2021-indicators.csv", "2021-indicators.json"]
