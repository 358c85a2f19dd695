"""A year whose report adds columns to its tables is shown, stored and exported as the tables print them: the
official layout (screen, CSV, XLSX, HTML, JSON) with each added column after the column it follows and its printed
head, the tidy export and open data labelling its figures, the light page, and the drafted annual report — and every
export reads back to the same values (the drafted report byte for byte through the CSV export)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.report import build_report, write_report
from gjj_dash.publish.annual_report.tables import matrix_table, section_table
from gjj_dash.publish.export import table_csv, table_html, table_json, table_xlsx
from gjj_dash.publish.official import official_tables, screen_frame
from gjj_dash.publish.open_data import OpenData
from gjj_dash.publish.site import Site
from gjj_dash.publish.tidy import tidy_frame
from gjj_dash.store.dataset import load_dataset
from tests.support.added import S2_HEAD, S2_ID, S3_HEAD, S3_ID, added_year
from tests.support.light import parse
from tests.support.years import cells

NEW_RECEIVED = ["一、本年新收政府信息公开申请数量", "件", "64", "0", "0", "2", "0", "4", "70", "52"]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return added_year(tmp_path_factory.mktemp("added") / "data")


@pytest.fixture(scope="module")
def dataset(data: Path) -> Dataset:
    return load_dataset(data)


def _tables(dataset: Dataset) -> dict:
    return {t.table.id: t for t in official_tables(dataset, 2021)}


def test_the_official_layout_prints_each_added_column_where_the_report_did(dataset: Dataset) -> None:
    """Table 三: 自然人 … 总计 then 其中：网上申请, its head spanning the three head rows outside 申请人情况; table 二
    (一): 备注数量 last; the screen frame in that order with the figures as printed."""
    tables = _tables(dataset)
    assert [c.id for c in tables["s3"].columns][-2:] == ["total", S3_ID]
    assert [c.label for c in tables["s2_1"].columns] == ["本年制发件数", "本年废止件数", "现行有效件数", S2_HEAD]
    head, depth = tables["s3"].head()
    assert depth == 3 and [(c.row, c.col, c.rowspan) for c in head if c.text == S3_HEAD] == [(0, 9, 3)]
    assert [(c.text, c.colspan) for c in head if c.text == "申请人情况"] == [("申请人情况", 7)]
    frame = screen_frame(tables["s3"])
    assert list(frame.columns)[-2:] == [("申请人情况", "总计"), ("", S3_HEAD)]
    assert list(frame.iloc[0]) == ["一、本年新收政府信息公开申请数量", "件", "64", "0", "0", "2", "0", "4", "70", "52"]


def test_the_csv_export_prints_the_added_columns_head_and_figures(dataset: Dataset) -> None:
    """The CSV holds 三's head with 其中：网上申请 last and each row's figure under it; 二 (一) with 备注数量."""
    lines = table_csv(dataset, 2021).decode("utf-8-sig").splitlines()
    assert "信息内容,单位,本年制发件数,本年废止件数,现行有效件数,备注数量" in lines
    assert "行政规范性文件,件,69,3,665,4" in lines
    assert f"信息内容,单位,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计,{S3_HEAD}" in lines
    assert ",".join(NEW_RECEIVED) in lines and "四、结转下年度继续办理,件,1,0,0,0,0,0,1,3" in lines


def test_the_xlsx_html_and_json_exports_print_it_as_the_table_does(dataset: Dataset) -> None:
    """XLSX: the head cell merged over the three head rows, figures as numbers; HTML: <th rowspan=3>; JSON: the
    column with its id and head, and each row's cell under it with its source."""
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(dataset, 2021))).active
    [head] = [c for row in sheet.iter_rows() for c in row if c.value == S3_HEAD]
    assert any(str(r).startswith(head.coordinate) and r.max_row - r.min_row == 2 for r in sheet.merged_cells.ranges)
    row = next(r for r in sheet.iter_rows() if r[0].value == "一、本年新收政府信息公开申请数量")
    assert [c.value for c in row[2:10]] == [64, 0, 0, 2, 0, 4, 70, 52]
    html = table_html(dataset, 2021).decode("utf-8")
    assert f'<th rowspan="3" scope="col">{S3_HEAD}</th>' in html
    assert [cells for rid, cells in parse(html).rows if rid == "n21.s3.new_received"] == [NEW_RECEIVED]
    tree = json.loads(table_json(dataset, 2021))
    s3 = next(t for t in tree["tables"] if t["id"] == "s3")
    assert s3["columns"][-1] == {"id": S3_ID, "label": S3_HEAD, "label_en": S3_HEAD, "unit": "", "group": ""}
    cell = s3["rows"][0]["cells"][-1]
    assert (cell["column"], cell["column_label"], cell["value"], cell["unit"]) == (S3_ID, S3_HEAD, 52, "件")
    assert f"“表2·{S3_HEAD}”列" in cell["source"]


def test_the_tidy_export_labels_an_added_columns_figures_in_printed_order(dataset: Dataset) -> None:
    """Each figure under its printed head and unit, right after the row's 总计 (三) or 现行有效件数 (二)."""
    tidy = tidy_frame(dataset)
    row = tidy[(tidy["year"] == 2021) & (tidy["indicator"] == "n21.s3.new_received")]
    assert list(row["column"])[-2:] == ["total", S3_ID]
    assert list(row["column_label"])[-1] == S3_HEAD and list(row["unit"])[-1] == "件" and list(row["value"])[-1] == 52
    s2 = tidy[(tidy["year"] == 2021) & (tidy["indicator"] == "n21.s2_1.normative")]
    assert list(s2["column_label"]) == ["本年制发件数", "本年废止件数", "现行有效件数", S2_HEAD]


def test_the_light_page_and_open_data_show_the_added_column(dataset: Dataset) -> None:
    """The year's light page prints the head and each row's figure under it; open data's CSVs label it."""
    site = Site(dataset)
    html = site.get("report/2021/").body.decode("utf-8")
    assert f'<th rowspan="3" scope="col">{S3_HEAD}</th>' in html
    [row] = [cells for rid, cells in parse(html).rows if rid == "row-n21.s3.new_received"]
    assert row[-1] == "52" and row[-2] == "70"
    data = OpenData(dataset, modified=1_700_000_000.0)
    assert f"{S3_HEAD}" in data.payload("2021.csv").decode("utf-8-sig")
    assert f",总计,{S3_HEAD}\r\n" in data.payload("2021-official.csv").decode("utf-8-sig")


def test_the_drafted_report_prints_the_added_columns_in_its_tables(dataset: Dataset) -> None:
    """The annual report's table 三 grid carries the head (spanning the head rows) and a figure per row under it;
    table 二's grid is one column wider for 备注数量."""
    tables = _tables(dataset)
    matrix = matrix_table(tables["s3"])
    [head] = [c for c in matrix.cells if c.text == S3_HEAD]
    assert head.kind == "head" and head.rowspan == 3 and head.col == matrix.cols - 1
    assert [c.text for c in matrix.figures() if c.column == S3_ID][:3] == ["52", "0", "21"]
    section = section_table([tables[t] for t in ("s2_1", "s2_5", "s2_6", "s2_8")])
    assert section.cols == 5 and [c.text for c in section.cells if c.column == S2_ID] == ["0", "4"]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "html"])
def test_every_export_reads_back_to_the_same_values(dataset: Dataset, kind: str) -> None:
    """The official-table export of the year, imported again, gives exactly its cells and the same extra_columns."""
    writer = {"csv": table_csv, "xlsx": table_xlsx, "html": table_html}[kind]
    upload = read_upload(writer(dataset, 2021), f"export.{kind}", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    expected = dataset.values[dataset.values["year"] == 2021]
    assert cells(upload.frame) == cells(expected)
    assert upload.report["extra_columns"] == dataset.reports[2021]["extra_columns"]


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_the_drafted_report_round_trips_through_the_importer(tmp_path: Path, data: Path, kind: str) -> None:
    """draft → import into an empty data directory → export: the CSV equals the year's, byte for byte."""
    drafted = tmp_path / f"report.{kind}"
    drafted.write_bytes(write_report(build_report(load_dataset(data), 2021), kind))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["import", str(drafted), "--data-dir", str(empty)]) == 0
    back, source = tmp_path / "back.csv", tmp_path / "source.csv"
    for folder, target in ((empty, back), (data, source)):
        assert main(["export", "--year", "2021", "--format", "csv", "--data-dir", str(folder), "-o", str(target)]) == 0
    assert back.read_bytes() == source.read_bytes() and S3_HEAD in back.read_text(encoding="utf-8-sig")
