"""A column a report adds to a 2021 table (table 三's 其中：网上申请 after 总计, table 二's 备注数量) is kept, not
refused: read from every form its head is printed in, each figure stored under the column's id and located like
every other, named in report.json's extra_columns with its printed head and the column it follows — and never
checked against the table's identities. A head that does not tell where the column stands, and rows that disagree
with their head, are refused with a located reason."""

from __future__ import annotations

from functools import cache

import pytest

from gjj_dash.ingest.decode import Row
from gjj_dash.ingest.draft import added_column
from gjj_dash.ingest.extra_columns import column_id, place
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.problems import Upload
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.quality.checks import check_values
from tests.support import reports

ADDED = ("二", "三")
S3_HEAD, S3_FIGURES = reports.ADDED_S3[0], [float(v) for v in reports.ADDED_S3[1].split()]
S2_HEAD = reports.ADDED_S2[0]


@cache
def _pdf() -> bytes:
    return reports.pdf_file(reports.word_file(page_height_cm=14, added=ADDED))


FORMS = {
    "web page, rowspan/colspan": lambda: (reports.web_page(added=ADDED), "report.html"),
    "web page, GBK, table 三 over two <table>s": lambda: (reports.web_page("gbk", split_table=True, added=ADDED),
                                                         "report.htm"),
    "Word, merged cells": lambda: (reports.word_file(added=ADDED), "report.docx"),
    "PDF printed from Word, tables across pages": lambda: (_pdf(), "report.pdf"),
    "browser copy, one cell per line with TABs": lambda: (reports.browser_copy(added=ADDED).encode(), "copied.txt"),
    "WPS copy, TAB-separated rows": lambda: (reports.wps_copy(added=ADDED).replace("\xa0", " ").encode("gbk"),
                                             "wps.txt"),
    "workbook pasted from the page": lambda: (reports.pasted_workbook(added=ADDED), "pasted.xlsx"),
}


@cache
def _read(form: str) -> Upload:
    payload, name = FORMS[form]()
    return read_upload(payload, name, 2021 if name.endswith(".xlsx") else None)


def _column(upload: Upload, indicator_prefix: str, column: str) -> list[float]:
    frame = upload.frame
    rows = frame[frame["indicator"].str.startswith(indicator_prefix) & (frame["column"] == column)]
    return list(rows["value"])


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_keeps_the_added_columns_with_every_figure(form: str) -> None:
    """227 figures (200 + 25 + 2), the added columns' figures in printed row order, each named with its head and the
    catalogue column it follows, and a warning naming each added column."""
    upload = _read(form)
    assert upload.ok, [p.line() for p in upload.errors]
    table = upload.frame[upload.frame["format"] != "measure"]
    assert len(table) == reports.FIGURES + reports.ADDED_FIGURES
    s3, s2 = column_id(S3_HEAD), column_id(S2_HEAD)
    assert _column(upload, "n21.s3.", s3) == S3_FIGURES
    assert _column(upload, "n21.s2_1.", s2) == [0.0, 4.0]
    assert upload.report["extra_columns"] == [
        {"id": s2, "format": "new2021", "table": "s2_1", "label": S2_HEAD, "after": "in_force"},
        {"id": s3, "format": "new2021", "table": "s3", "label": S3_HEAD, "after": "total"},
    ]
    warned = [p.message for p in upload.problems if p.severity == "warning" and "官方格式没有的列" in p.message]
    assert len(warned) == 2 and f"“{S3_HEAD}”" in warned[1] and "不计入全国统一口径" in warned[1]
    figures = {(r.indicator, r.column): r.value for r in table.itertuples(index=False)}
    assert {key: figures[key] for key in reports.EXPECTED} == reports.EXPECTED


@pytest.mark.parametrize("form", ["web page, rowspan/colspan", "PDF printed from Word, tables across pages"])
def test_an_added_columns_figure_is_located_like_every_other(form: str) -> None:
    """Its source names the report, the table, the row and the printed head as its column (and, in a PDF, the page)."""
    upload = _read(form)
    frame = upload.frame
    [source] = frame[(frame["indicator"] == "n21.s3.new_received") & (frame["column"] == column_id(S3_HEAD))]["source"]
    assert source.startswith("三、收到和处理政府信息公开申请情况（《平潭综合实验区2021年度")
    assert f"“表2·{S3_HEAD}”列" in source
    if form.startswith("PDF"):
        assert source.rstrip("）").rsplit("，", 1)[-1].startswith("第") and source.endswith("页）")


def test_the_added_columns_enter_no_identity_and_no_series() -> None:
    """Their figures break 一+二 = （七）+四 and the detail sum, yet the report's warnings are those of the same
    report without them plus the two naming the columns, the quality checks find the same, and the harmonised
    series are the same."""
    catalogue = load_catalogue()
    added, plain = _read("web page, rowspan/colspan"), read_upload(reports.web_page(), "report.html")
    warnings = [p.message for p in added.problems if p.severity == "warning"]
    assert [w for w in warnings if "官方格式没有的列" not in w] == [p.message for p in plain.problems
                                                             if p.severity == "warning"]
    assert check_values(added.frame, catalogue) == check_values(plain.frame, catalogue)

    def series(upload: Upload) -> list[tuple]:
        data = Dataset(upload.frame, {2021: {"format": "new2021"}}, catalogue)
        return list(harmonised_series(data)[["series", "value"]].itertuples(index=False, name=None))

    assert series(added) == series(plain)


def test_a_copy_without_tabs_does_not_tell_where_table_threes_column_stands() -> None:
    """Its head's rows run together (申请人情况, 其中：网上申请, 自然人 …): the column is refused with its reason, never
    placed by a guess; table 二's column, last in a one-row head, is read."""
    refused = read_upload(reports.browser_copy(tabs=False, added=ADDED).encode(), "copied.txt")
    assert not refused.ok
    [reason] = [p for p in refused.errors if "看不出它位于哪一列之后" in p.message]
    assert f"“{S3_HEAD}”" in reason.message and reason.row == 2 and "请导入报告的网页" in reason.message
    read = read_upload(reports.browser_copy(tabs=False, added=("二",)).encode(), "copied.txt")
    assert read.ok, [p.line() for p in read.errors]
    assert _column(read, "n21.s2_1.", column_id(S2_HEAD)) == [0.0, 4.0]


def _without_last_cell(page: bytes, label: str) -> bytes:
    """The web page with one table 三 row printed one cell short (its added column's cell left out)."""
    start = page.index(label.encode())
    end = page.index(b"</tr>", start)
    cut = page.rindex(b"<td", start, end)
    return page[:cut] + page[end:]


def test_a_row_that_disagrees_with_its_head_is_refused_where_it_stands() -> None:
    """A row of table 三 one figure short of the head's eight columns is refused at that row (which cell is missing
    cannot be told); a row one figure too many is an error at the cell beyond the last column."""
    page = reports.web_page(added=ADDED)
    short = read_upload(_without_last_cell(page, "（二）部分公开"), "report.html")
    assert not short.ok
    [error] = short.errors
    assert "本行印有 7 个数" in error.message and "应有 8 个" in error.message and "（二）部分公开" in error.message
    at = page.index(b"</tr>", page.index("（二）部分公开".encode()))
    longer = read_upload(page[:at] + b"<td>9</td>" + page[at:], "report.html")
    assert not longer.ok and [p.message for p in longer.errors] == ["表格以外的单元格有内容“9”"]


def test_a_template_names_an_added_column_by_position() -> None:
    """A CSV section with a head the catalogue lacks keeps it; a row with a field fewer is refused (CSV rule)."""
    text = "信息内容,本年制发件数,本年废止件数,现行有效件数,备注数量\n规章,0,0,0,1\n行政规范性文件,69,3,665,4\n"
    upload = read_upload(text.encode(), "s2.csv", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    assert _column(upload, "n21.s2_1.", column_id(S2_HEAD)) == [1.0, 4.0]
    assert upload.report["extra_columns"][0]["after"] == "in_force"
    short = read_upload(text.replace("规章,0,0,0,1", "规章,0,0,0").encode(), "s2.csv", 2021)
    assert [p.line() for p in short.errors] == [
        "第2行：本行有 4 个字段，表头有 5 个：请检查是否多了或少了分隔符（逗号、制表符或“|”）"]


def _rows(*cells: tuple[str, ...]) -> list[tuple[Row, list[str]]]:
    """Printed head rows with each cell's kind: a column or group word of table 三, else text the tables lack."""
    words = {"申请人情况": "group", "法人或其他组织": "group", "自然人": "col", "总计": "col", "商业企业": "col",
             "其他": "col", reports.NOTE: "caption", "（单位：件）": "text"}
    return [(Row(n, row, "表2"), [words.get(c, "text") for c in row]) for n, row in enumerate(cells, start=1)]


@pytest.mark.parametrize(
    ("head", "after"),
    [
        ([(reports.NOTE, "申请人情况", "X")], "total"),  # the first head row: after the whole group
        ([("自然人", "X", "法人或其他组织", "总计")], "natural"),  # between two columns of one row
        ([("自然人", "法人或其他组织", "X", "总计")], "other"),  # after a group: after its last column
        ([("自然人", "法人或其他组织", "总计"), ("商业企业", "其他", "X")], "other"),  # last of its row
        ([("自然人", "法人或其他组织", "总计", "（单位：件）")], None),  # a unit note is no column
        ([("X", "商业企业", "其他")], None),  # a row's first cell (a caption's wording): left to the rows' check
        ([("申请人情况", "X", "自然人", "法人或其他组织", "总计")], "refused"),  # rows run together: end or start?
        ([("申请人情况", "X"), ("总计", "Y")], "refused"),  # two columns after 总计 from two head rows: which first?
    ],
)
def test_an_added_column_stands_where_its_head_row_says(head: list[tuple[str, ...]], after: str | None) -> None:
    """place(): after the head word before it in its row (a group: after the group's last column), or before the
    one after it; both must agree; a place the head does not tell is an error, nothing placed."""
    problems: list = []
    found = place(_rows(*head), "new2021", load_catalogue(), problems)
    if after is None:
        assert found is None and problems == []
    elif after == "refused":
        assert found is None and len(problems) == 1 and "看不出它位于哪一列之后" in problems[0].message
    else:
        columns = list(found.columns)
        assert found.table == "s3" and columns[columns.index(added_column("X")) - 1] == after and len(columns) == 8
