"""Exports of the official tables (CSV, XLSX, HTML, JSON) and of the whole dataset, checked cell by cell."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import Column, Table, load_catalogue
from gjj_dash.model.values import Dataset
from gjj_dash.publish import export, files
from gjj_dash.publish.official import HeadCell, OfficialTable
from gjj_dash.publish.tidy import TIDY_FIELDS, tidy_frame
from gjj_dash.store.dataset import load_dataset
from tests.support.seed import NOTE, annex_rows
from tests.support.uploads import bundled_2016, values_of
from tests.support.years import INJECTION, add_report, fixture_cells, injected_data

FOOTER = ("郭成秀", "马莹", "张薇", "0909-2235500")


class Page(HTMLParser):
    """The parts of an exported page the tests look at: resource attributes, table rows, paragraphs, style."""

    def __init__(self, html: str):
        super().__init__()
        self.resources: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self.rows: list[tuple[dict[str, str], list[str]]] = []
        self.paragraphs: list[str] = []
        self.style = ""
        self._cell: list[str] | None = None
        self._where = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict((k, v or "") for k, v in attrs)
        self.resources += [(tag, k, v) for k, v in found.items() if k in ("src", "href", "srcset", "data", "action")]
        if tag == "tr":
            self.rows.append((found, []))
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("p", "style"):
            self._where, self._cell = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append("".join(self._cell))
            self._cell = None
        elif tag == "p" and self._cell is not None:
            self.paragraphs.append("".join(self._cell))
            self._cell = None
        elif tag == "style" and self._cell is not None:
            self.style = "".join(self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def body_rows(page: Page) -> list[list[str]]:
    """The table body rows (those with a row id), label/unit/value cells."""
    return [cells for attrs, cells in page.rows if "id" in attrs]


@pytest.fixture
def new_formats(data_copy: Path) -> Dataset:
    """The bundled 2016 plus the Shanghai 2019 and Pingtan 2021 fixture years."""
    add_report(data_copy, "shanghai-2019")
    add_report(data_copy, "pingtan-2021")
    return load_dataset(data_copy)


def sheet_rows(payload: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(payload)).active.iter_rows(values_only=True))


def test_cli_xlsx_2016_is_the_printed_form_cell_by_cell(tmp_path: Path) -> None:
    """Title, year, 填报单位, header, the 65 rows and note as printed (204 as a number), footer names, A4 set-up."""
    target = tmp_path / "t.xlsx"
    assert main(["export", "--year", "2016", "--format", "xlsx", "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    sheet = book.active
    rows = [r[:3] for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "政府信息公开情况统计表" and rows[1][0] == "(2016年度)"
    assert rows[2][0] == "填报单位(盖章)：博州住房公积金管理中心"
    assert rows[3] == ("统计指标", "单位", "统计数")
    body = [r for r in rows[4:-2] if r[0] != NOTE]
    expected = [(label, unit, int(value) if value else None) for label, unit, value in annex_rows()]
    assert [(a, b or "", c) for a, b, c in body] == [(a, b, c) for a, b, c in expected]
    disclosed = next(r for r in rows if r[0] == "(一)主动公开政府信息数")
    assert disclosed == ("(一)主动公开政府信息数", "条", 204) and isinstance(disclosed[2], int)
    assert rows[5 + 1][0] == NOTE  # the note line sits under (一), as printed
    footer = " ".join(str(r[0]) for r in rows[-2:])
    assert all(name in footer for name in FOOTER)
    assert rows[-2][0].startswith("单位负责人：郭成秀")
    assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
    # fit to one page wide (fitToWidth 1 is the default, left out of the file), as many pages tall as needed
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.print_options.horizontalCentered
    assert sheet.column_dimensions["A"].width > 40
    cell = {c.value: c for c in sheet["A"] if c.value}
    assert cell["(一)主动公开政府信息数"].alignment.indent == 1
    assert cell["1.政府公报公开政府信息数"].alignment.indent == 2
    assert cell["其中:主动公开规范性文件数"].alignment.indent == 3
    assert cell["一、主动公开情况"].font.b and cell["一、主动公开情况"].font.name == "宋体"
    assert sheet["A1"].font.sz == 16


def test_cli_html_2016_is_one_self_contained_page_with_the_whole_table(tmp_path: Path) -> None:
    """No src/href/link/script/url() at all; @page A4; CJK fonts by name; all 65 rows and the footer."""
    target = tmp_path / "t.html"
    assert main(["export", "--year", "2016", "--format", "html", "-o", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    page = Page(html)
    assert page.resources == []
    assert not page.tags & {"link", "script", "img", "iframe", "object", "embed"}
    assert "http" not in page.style and "url(" not in page.style and "@import" not in page.style
    assert "size: A4" in page.style and '"SimSun"' in page.style and "serif;" in page.style
    rows = [tuple(r) for r in body_rows(page) if r[0] != NOTE]
    assert rows == annex_rows()
    assert page.rows[0][1] == ["统计指标", "单位", "统计数"]
    assert "(2016年度)" in page.paragraphs and "填报单位(盖章)：博州住房公积金管理中心" in page.paragraphs
    assert page.paragraphs[-3].startswith("单位负责人：郭成秀") and all(n in html for n in FOOTER)


def test_cli_json_2016_holds_all_65_rows(tmp_path: Path, bundled: Dataset) -> None:
    """Stable ids in catalogue order, labels, units, values, qualifier, blank flag and source for each row."""
    target = tmp_path / "t.json"
    assert main(["export", "--year", "2016", "--format", "json", "-o", str(target)]) == 0
    tree = json.loads(target.read_text(encoding="utf-8"))
    [table] = tree["tables"]
    rows = table["rows"]
    assert len(rows) == 65
    catalogue_ids = [i.id for i in bundled.catalogue.rows("old") if i.level != "N"]
    assert [r["id"] for r in rows] == catalogue_ids
    assert [(r["label"], r["unit"]) for r in rows] == [(a, b) for a, b, _ in annex_rows()]
    by_id = {r["id"]: r for r in rows}
    [cell] = by_id["old.s1.disclosed"]["cells"]
    assert cell == {
        "column": "value", "column_label": "统计数", "unit": "条", "value": 204, "raw": "204", "qualifier": "",
        "blank": False, "source": "附件 政府信息公开情况统计表",
    }  # fmt: skip
    [gazette] = by_id["old.s1.ch_gazette"]["cells"]
    assert gazette["value"] is None and gazette["blank"] is True
    assert by_id["old.s1"]["cells"] == [] and by_id["old.s1.channels"]["level"] == "1"
    assert table["notes"] == [{"id": "old.s1.disclosed_note", "label": NOTE, "label_en": table["notes"][0]["label_en"],
                               "after": "old.s1.disclosed"}]
    assert tree["footer"]["单位负责人"] == "郭成秀" and tree["year"] == 2016 and tree["format"] == "old"
    values = {r["id"]: r["cells"][0]["value"] for r in rows if r["cells"] and not r["cells"][0]["blank"]}
    assert values == {k: v for k, (v, blank, _) in bundled_2016().items() if not blank}


@pytest.mark.parametrize("kind", export.TABLE_KINDS)
def test_file_names_carry_year_and_content_hash(bundled: Dataset, kind: str) -> None:
    """Same data, same bytes and name; the name is <stem>-<year>-<8 hex of the bytes' SHA-256>.<kind>."""
    payload, name = export.table_export(bundled, 2016, kind)
    again, name_again = export.table_export(bundled, 2016, kind)
    assert payload == again and name == name_again
    assert re.fullmatch(rf"gjj-official-table-2016-[0-9a-f]{{8}}\.{kind}", name)
    assert name == files.content_name("gjj-official-table", 2016, payload, kind)


def test_formula_text_never_reaches_a_spreadsheet_live(tmp_path: Path) -> None:
    """=1+1 in a label, footer and measure text, @SUM in 填报单位, =HYPERLINK as source: quoted in every export."""
    data_dir, catalogue_dir = injected_data(tmp_path)
    dataset = load_dataset(data_dir, load_catalogue(catalogue_dir))
    label = f"'{INJECTION}主动公开政府信息数"

    table = list(csv.reader(io.StringIO(export.table_csv(dataset, 2016).decode("utf-8-sig"))))
    assert [label, "条", "204"] in table
    tidy = list(csv.reader(io.StringIO(export.dataset_csv(dataset).decode("utf-8-sig"))))
    fields = [f for row in tidy + table for f in row]
    assert not [f for f in fields if f[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-\D", f)]
    assert f"'{INJECTION}" in fields and "'-1+1" in fields and "-1+1" not in fields

    payload = export.table_xlsx(dataset, 2016)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(payload)).active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert label in texts and "填报单位(盖章)：@SUM(A1)" in texts
    assert any(f"填报人：{INJECTION}" in t for t in texts)

    page = export.table_html(dataset, 2016).decode()
    assert f'<td class="label l1">{escape(label)}</td>' in page and "&quot;http://example.invalid&quot;" in page
    assert Page(page).resources == []
    tree = json.loads(export.table_json(dataset, 2016))
    assert tree["tables"][0]["rows"][1]["label"] == label and tree["footer"]["填报人"] == f"'{INJECTION}"
    assert tree["source"].startswith("'=HYPERLINK")


def test_neutralise_quotes_formula_starts_but_keeps_signed_figures() -> None:
    """-185 (本年增/减) stays a number; = + - @ tab and CR openings get a leading apostrophe."""
    cases = {"=1+1": "'=1+1", "+1+1": "'+1+1", "-1+1": "'-1+1", "@SUM(A1)": "'@SUM(A1)", "\t=1": "'\t=1",
             "\r=1": "'\r=1", "-185": "-185", "204": "204", "(一)主动公开": "(一)主动公开", "": ""}  # fmt: skip
    assert {k: files.neutralise(k) for k in cases} == cases


def test_new_format_xlsx_prints_every_table_with_its_merged_header(new_formats: Dataset) -> None:
    """2021: each 第二十条 table under its title; table 三's three-row header; every fixture cell in place."""
    payload = export.table_xlsx(new_formats, 2021)
    sheet = openpyxl.load_workbook(io.BytesIO(payload)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "政府信息公开工作年度报告统计表(2021年格式)" and rows[1][0] == "(2021年度)"
    titles = [r[0] for r in rows if r[0] and str(r[0]).startswith(("第二十条", "三、收到", "四、政府"))]
    assert titles == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                      "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]  # fmt: skip
    head = rows.index(next(r for r in rows if r[2] == "申请人情况"))
    merged = {str(m) for m in sheet.merged_cells.ranges}
    n = head + 1
    assert {f"C{n}:I{n}", f"D{n + 1}:H{n + 1}", f"C{n + 1}:C{n + 2}", f"I{n + 1}:I{n + 2}", f"A{n}:A{n + 2}"} <= merged
    assert rows[head + 1][3] == "法人或其他组织" and rows[head + 2][3:8] == ("商业企业", "科研机构", "社会公益组织",
                                                                      "法律服务机构", "其他")
    assert sheet.page_setup.orientation == "landscape"
    catalogue = new_formats.catalogue
    for cell in fixture_cells("pingtan-2021"):
        ind = catalogue.indicators[cell["indicator"]]
        table = next(t for t in catalogue.tables_of("new2021") if t.id == ind.table)
        start = next(i for i, r in enumerate(rows) if r[0] == table.title)
        header = next(r for r in rows[start:] if r[0] == "信息内容")
        row = next(r for r in rows[start:] if r[0] == ind.label)
        col = next(c for c in catalogue.columns_of("new2021", ind.table) if c.id == cell["column"])
        labels = [r for r in rows[start : start + 6] if col.label in r]
        at = labels[-1].index(col.label) if labels else header.index(col.label)
        assert row[at] == float(cell["value"]), (cell["indicator"], cell["column"])


def test_new_format_html_and_json_hold_every_fixture_cell(new_formats: Dataset) -> None:
    """Shanghai 2019: every cell in HTML (by row id) and JSON; the blank detail 总计 cells stay blank."""
    page = Page(export.table_html(new_formats, 2019).decode())
    assert page.resources == []
    html_rows = {attrs["id"]: cells for attrs, cells in page.rows if "id" in attrs}
    tree = json.loads(export.table_json(new_formats, 2019))
    json_rows = {r["id"]: r for t in tree["tables"] for r in t["rows"]}
    columns = {(c.table, c.id): n for cols in [new_formats.catalogue.columns_of("new2019", t.id)
               for t in new_formats.catalogue.tables_of("new2019")] for n, c in enumerate(cols)}  # fmt: skip
    checked = 0
    for cell in fixture_cells("shanghai-2019"):
        ind = new_formats.catalogue.indicators[cell["indicator"]]
        n = columns[(ind.table, cell["column"])]
        printed = html_rows[ind.id][2 + n]
        got = json_rows[ind.id]["cells"][n]
        assert got["column"] == cell["column"] and got["blank"] == (cell["blank"] == "true")
        if cell["blank"] == "true":
            assert printed == "" and got["value"] is None
        else:
            assert float(printed) == float(cell["value"]) == got["value"]
            assert got["raw"] == cell["raw"]
        checked += 1
    assert checked == 198
    assert json_rows["n19.s3.disclosed"]["cells"][6]["blank"] is True  # the printed blank 总计, not computed
    assert json_rows["n19.s3.results"]["level"] == "G" and json_rows["n19.s3.results"]["cells"] == []
    assert json_rows["n19.s2_9.procurement"]["unit"] == "个 / 元"


def test_new_format_csv_puts_each_table_under_its_title(new_formats: Dataset) -> None:
    """The 2021 CSV: six titled tables, header 信息内容/单位/columns, 64 new requests from natural persons."""
    rows = list(csv.reader(io.StringIO(export.table_csv(new_formats, 2021).decode("utf-8-sig"))))
    assert rows[0] == ["第二十条第（一）项"]
    assert rows[1] == ["信息内容", "单位", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["行政规范性文件", "件", "69", "3", "665"] in rows
    assert ["一、本年新收政府信息公开申请数量", "件", "64", "0", "0", "2", "0", "4", "70"] in rows
    assert ["行政事业性收费", "万元", "24252.311082"] in rows
    assert sum(1 for r in rows if r and r[0] == "信息内容") == 6


def test_cli_all_csv_is_one_tidy_table_of_every_value(tmp_path: Path, data_copy: Path) -> None:
    """`export --all --format csv`: the documented fields, a row per stored value, blank flags and qualifiers."""
    add_report(data_copy, "pingtan-2021")
    target = tmp_path / "all.csv"
    assert main(["export", "--all", "--format", "csv", "-o", str(target), "--data-dir", str(data_copy)]) == 0
    payload = target.read_bytes()
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))
    dataset = load_dataset(data_copy)
    assert list(rows[0]) == TIDY_FIELDS and len(rows) == len(dataset.values)
    assert {r["year"] for r in rows} == {"2016", "2021"} and {r["format"] for r in rows} == {"old", "measure",
                                                                                          "new2021"}
    first = rows[0]
    assert (first["indicator"], first["label"], first["unit"], first["value"], first["blank"]) == (
        "old.s1.disclosed", "(一)主动公开政府信息数", "条", "204", "false")
    queries = next(r for r in rows if r["indicator"] == "queries.personal")
    assert [queries[k] for k in ("value", "qualifier", "raw", "unit")] == ["19000", "余", "19000余", "人次"]
    gazette = next(r for r in rows if r["indicator"] == "old.s1.ch_gazette")
    assert (gazette["value"], gazette["blank"]) == ("", "true")
    natural = next(r for r in rows if r["indicator"] == "n21.s3.new_received" and r["column"] == "natural")
    assert (natural["year"], natural["value"], natural["column_label"], natural["reporting_unit_label"]) == (
        "2021", "64", "自然人", "博州住房公积金管理中心")


def test_cli_all_parquet_keeps_types_and_values(tmp_path: Path, bundled: Dataset) -> None:
    """`export --all --format parquet` reads back as the tidy frame with its declared dtypes."""
    target = tmp_path / "all.parquet"
    assert main(["export", "--all", "--format", "parquet", "-o", str(target)]) == 0
    frame = pd.read_parquet(target)
    pd.testing.assert_frame_equal(frame, tidy_frame(bundled))
    assert str(frame["blank"].dtype) == "bool" and str(frame["value"].dtype) == "float64"
    row = frame[frame["indicator"] == "old.s1.disclosed"].iloc[0]
    assert (row["value"], row["label"]) == (204.0, "(一)主动公开政府信息数")
    assert row["source"] == "附件 政府信息公开情况统计表"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--all", "--format", "xlsx"], "--all 只支持 --format csv 或 parquet"),
        (["export", "--year", "2016", "--format", "parquet"], "parquet 只用于 --all"),
        (["export", "--all", "--year", "2016"], "不能同时指定 --year"),
        (["export"], "请用 --year 指定年度"),
    ],
)
def test_export_usage_errors_are_one_chinese_line(capsys: pytest.CaptureFixture[str], args, message) -> None:
    """Wrong combinations of --all, --year and --format: exit 2, one Chinese line, no traceback."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_xlsx_export_reads_back_through_the_upload_reader(bundled: Dataset) -> None:
    """Round trip: the 2016 XLSX export is an accepted upload giving the same values and footer."""
    upload = read_upload(export.table_xlsx(bundled, 2016), "export.xlsx", 2016)
    assert upload.ok, [p.line() for p in upload.errors]
    assert values_of(upload.frame) == bundled_2016()
    assert upload.report["footer"]["单位负责人"] == "郭成秀" and upload.report["footer"]["联系电话"] == "0909-2235500"


def _table(*groups: str) -> OfficialTable:
    table = Table("new2021", "t", 0, "T", "T", "")
    columns = tuple(Column("new2021", "t", f"c{n}", n, f"列{n}", "", "", g, "") for n, g in enumerate(groups))
    return OfficialTable(table, columns, (), "信息内容")


@pytest.mark.parametrize(
    ("groups", "depth", "expected"),
    [
        (("", ""), 1, [("列0", 0, 2, 1, 1), ("列1", 0, 3, 1, 1)]),
        (("", "甲", "甲"), 2, [("列0", 0, 2, 2, 1), ("甲", 0, 3, 1, 2), ("列1", 1, 3, 1, 1), ("列2", 1, 4, 1, 1)]),
        (("外", "内", "内", "外"), 3, [("外", 0, 2, 1, 4), ("列0", 1, 2, 2, 1), ("内", 1, 3, 1, 2), ("列1", 2, 3, 1, 1),
                                        ("列2", 2, 4, 1, 1), ("列3", 1, 5, 2, 1)]),
    ],
)
def test_header_block_spans_follow_the_column_groups(groups, depth, expected) -> None:
    """No group: one row; a group: two rows; a group around another (申请人情况 around 法人…): three rows."""
    cells, got = _table(*groups).head()
    assert got == depth
    assert cells[:2] == [HeadCell("信息内容", 0, 0, depth), HeadCell("单位", 0, 1, depth)]
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in cells[2:]] == expected
