"""The one validation path: each wrong row or cell → its Chinese problem at file row and column; identities warn."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gjj_dash.ingest.readers import read_upload
from tests.support.uploads import csv_bytes, row_of, rows_2017, set_value, values_of

Rows = list[list[str]]
DISCLOSED = "(一)主动公开政府信息数"


def _append(row: list[str]) -> Callable[[Rows], Rows]:
    return lambda rows: [*rows, row]


def _drop(label: str) -> Callable[[Rows], Rows]:
    return lambda rows: [r for r in rows if r[0] != label]


def _cell(label: str, value: str, column: int = 2) -> Callable[[Rows], Rows]:
    return lambda rows: set_value(rows, label, value, column)


# (change to the filled 2017 table, expected words, where: a label's file row, END (the appended row) or None, column)
END = "end"
TABLE_CASES = [
    ("unknown row", _append(["(十)不存在的指标", "条", "1"]), "未知的统计指标“(十)不存在的指标”", END, "统计指标"),
    ("html label", _append(["<script>alert(1)</script>", "条", "1"]), "“<script>alert(1)</script>”", END, "统计指标"),
    ("typo", _cell(DISCLOSED, "(一)主动公开政府信息", 0), "是否为“(一)主动公开政府信息数”", DISCLOSED, "统计指标"),
    ("duplicate row", _append([DISCLOSED, "条", "5"]), "重复出现（第一次在第3行）", END, "统计指标"),
    ("missing row", _drop("4.政务微信公开政府信息数"), "缺少统计指标“4.政务微信公开政府信息数”一行", None, "统计指标"),
    ("wrong unit", _cell(DISCLOSED, "件", 1), "单位应为“条”，文件中为“件”", DISCLOSED, "单位"),
    ("empty unit", _cell(DISCLOSED, "", 1), "单位应为“条”，文件中为“（空）”", DISCLOSED, "单位"),
    ("heading value", _cell("一、主动公开情况", "5"), "是标题或说明行，不填统计数", "一、主动公开情况", "统计数"),
    ("heading unit", _cell("一、主动公开情况", "条", 1), "是标题行，单位应为“——”", "一、主动公开情况", "单位"),
    ("not a number", _cell(DISCLOSED, "十二"), "“十二”不是有效的数字", DISCLOSED, "统计数"),
    ("nan", _cell(DISCLOSED, "nan"), "“nan”不是有效的数字", DISCLOSED, "统计数"),
    ("negative", _cell(DISCLOSED, "-3"), "“-3”是负数", DISCLOSED, "统计数"),
    ("minus sign", _cell(DISCLOSED, "−3"), "是负数", DISCLOSED, "统计数"),
    ("fraction of a count", _cell(DISCLOSED, "2.5"), "“2.5”不是整数", DISCLOSED, "统计数"),
    ("unit in cell", _cell(DISCLOSED, "5件"), "单元格中写的单位“件”与本行单位“条”不一致", DISCLOSED, "统计数"),
    ("field count", _append([DISCLOSED, "条", "1", "x"]), "本行有 4 个字段，表头有 3 个", END, None),
]


@pytest.mark.parametrize(
    ("change", "words", "where", "column"), [c[1:] for c in TABLE_CASES], ids=[c[0] for c in TABLE_CASES]
)
def test_table_problem(change, words: str, where: str | None, column: str | None) -> None:
    """The change is refused with its Chinese message at the file row and column staff can find."""
    original = rows_2017()
    rows = change(rows_2017())
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert not upload.ok
    hits = [p for p in upload.errors if words in p.message]
    assert hits, [p.line() for p in upload.errors]
    row = None if where is None else len(rows) if where == END else row_of(original, where)
    assert (hits[0].row, hits[0].column) == (row, column)


def test_all_problems_are_reported_at_once() -> None:
    """Three different mistakes give three errors, not only the first."""
    rows = rows_2017()
    set_value(rows, DISCLOSED, "abc")
    set_value(rows, "2.政府网站公开政府信息数", "件", 1)
    rows.append(["未知行", "条", "1"])
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert [(p.row, p.column) for p in upload.errors] == [(3, "统计数"), (8, "单位"), (67, "统计指标")]


def test_money_rows_take_decimals_and_wan_yuan_in_the_cell() -> None:
    """七、依申请公开信息收取的费用 in 万元 reads 1.5 and “3万元” as 3 (万元), never 30000."""
    rows = set_value(rows_2017(), "七、依申请公开信息收取的费用", "1.5")
    set_value(rows, "(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)", "3万元")
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert upload.ok, [p.line() for p in upload.errors]
    got = values_of(upload.frame)
    assert got["old.s7"][0] == 1.5 and got["old.s8.budget"][0] == 3


@pytest.mark.parametrize(
    ("cells", "words", "label"),
    [
        (
            {"(一)收到申请数": "5", "1.当面申请数": "1", "3.网络申请数": "3"},
            ("“(一)收到申请数”为 5", "4"),
            "(一)收到申请数",
        ),
        (
            {"其中:主动公开规范性文件数": "300"},
            ("“其中:主动公开规范性文件数”为 300", "“(一)主动公开政府信息数”的 230"),
            "其中:主动公开规范性文件数",
        ),
        ({DISCLOSED: "50"}, ("“(一)主动公开政府信息数”为 50", "“2.政府网站公开政府信息数”的 120"), DISCLOSED),
        ({DISCLOSED: "300"}, ("“(一)主动公开政府信息数”为 300", "230"), DISCLOSED),
        (
            {"(三)从事政府信息公开工作人员数": "3"},
            ("“(三)从事政府信息公开工作人员数”为 3", "2"),
            "(三)从事政府信息公开工作人员数",
        ),
        (
            {"四、行政复议数量": "2", "(一)维持具体行政行为数": "1"},
            ("“四、行政复议数量”为 2", "1"),
            "四、行政复议数量",
        ),
    ],
    ids=["sum", "subset", "channel-under", "channel-over", "staff", "reconsideration"],
)
def test_identity_is_a_warning_beside_the_value(cells: dict[str, str], words: tuple[str, ...], label: str) -> None:
    """A broken identity is a warning at the total's (or 其中 row's) cell; the upload stays valid and unchanged."""
    rows = rows_2017()
    for name, value in cells.items():
        set_value(rows, name, value)
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert upload.ok
    [warning] = [p for p in upload.warnings if p.severity == "warning"]
    assert all(w in warning.message for w in words) and "不会自动更正" in warning.message
    assert (warning.row, warning.column) == (row_of(rows, label), "统计数")
    frame = upload.frame.set_index("raw", drop=False)
    for value in cells.values():
        assert value in set(frame["raw"])  # kept as given, never corrected


def test_blank_template_is_valid_with_a_warning() -> None:
    """The untouched template reads (every row blank = nothing reported) and says that every value is empty."""
    header, *body = rows_2017()
    rows = [header, *([label, unit, ""] for label, unit, _ in body)]
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert upload.ok and bool(upload.frame["blank"].all())
    assert any("所有统计数均为空" in p.message for p in upload.warnings)


def test_no_year_anywhere_is_an_error() -> None:
    """Without --year and without “(YYYY年度)” the upload cannot be placed in a year."""
    upload = read_upload(csv_bytes(rows_2017()), "t.csv")
    assert [p.message[:8] for p in upload.errors] == ["无法确定年度：请"]


MEASURE_HEADER = "年度,填报单位,指标编号,数值,修饰,来源说明,计量单位\n"
MEASURE_CASES = [
    ("unknown unit", "2017,乌鲁木齐管理部,halls.count,1,,,", "未知的填报单位“乌鲁木齐管理部”", "填报单位"),
    ("unknown measure", "2017,centre,halls.rooms,1,,,", "未知的指标编号“halls.rooms”", "指标编号"),
    ("table row", "2017,centre,old.s1.disclosed,1,,,", "是统计表的指标", "指标编号"),
    ("bad qualifier", "2017,centre,portal.visits,100,大约,,", "修饰“大约”无效", "修饰"),
    ("conflict", "2017,centre,portal.visits,约100,余,,", "与“修饰”列的“余”不一致", "数值"),
    ("negative", "2017,centre,portal.visits,-1,,,", "是负数", "数值"),
    ("not a number", "2017,centre,portal.visits,很多,,,", "不是有效的数字", "数值"),
    ("bad year", "17年,centre,portal.visits,1,,,", "年度“17年”无效", "年度"),
    ("wrong unit", "2017,centre,portal.visits,1,,,个", "单位应为“次”，文件中为“个”", "计量单位"),
    ("year mismatch", "2016,centre,portal.visits,1,,,", "与所选年度 2017 年不一致", "年度"),
]


@pytest.mark.parametrize(("line", "words", "column"), [c[1:] for c in MEASURE_CASES], ids=[c[0] for c in MEASURE_CASES])
def test_measure_problem(line: str, words: str, column: str) -> None:
    """Each wrong measures cell is named in Chinese at row 3 (after a valid row 2) and its column."""
    payload = (MEASURE_HEADER + "2017,centre,halls.count,3,,,个\n" + line + "\n").encode()
    upload = read_upload(payload, "m.csv", 2017)
    hits = [p for p in upload.errors if words in p.message]
    assert hits, [p.line() for p in upload.problems]
    assert (hits[0].row, hits[0].column) == (3, column)


def test_duplicate_measure_and_missing_column() -> None:
    """The same unit and measure twice names the first row; a header without 数值 is refused."""
    payload = (MEASURE_HEADER + "2017,centre,halls.count,3,,,\n2017,中心,halls.count,3,,,\n").encode()
    [error] = read_upload(payload, "m.csv").errors
    assert (error.row, error.column) == (3, "指标编号") and "第一次在第2行" in error.message
    errors = read_upload("年度,填报单位,指标编号\n2017,centre,halls.count\n".encode(), "m.csv").errors
    assert [p.line() for p in errors] == ["第1行：缺少必需的列“数值”"]
