"""The drafted report's statistics tables as the formats print them: every figure of the year's export in its cell,
table 三's three-row merged header and row-spanning group labels, table 四's one row of 15 figures under its merged
heads, table 二's sub-tables in one table; figures as published (qualifier, decimals, unit in the cell), blank kept."""

from __future__ import annotations

import csv
import io

import pytest

from gjj_dash.model.numbers import parse_number
from gjj_dash.model.values import Cell
from gjj_dash.publish.annual_report.tables import GridCell, PrintedTable, figure_text, published
from gjj_dash.publish.export import table_csv


def spans(table: PrintedTable, row: int) -> list[tuple[str, int, int]]:
    return [(c.text, c.rowspan, c.colspan) for c in table.row(row)]


def export_figures(dataset, year: int) -> list[tuple[str, str]]:
    """Every non-empty figure of the year's CSV export as (row label, figure), in export order."""
    rows = list(csv.reader(io.StringIO(table_csv(dataset, year).decode("utf-8-sig"))))
    out = []
    for row in rows:
        if len(row) > 2 and row[1] != "单位":
            out += [(row[0], v) for v in row[2:] if v]
    return out


def table_figures(report) -> list[tuple[str, str]]:
    """Every non-empty figure cell of the drafted tables as (its row's label, figure), in printed order."""
    cat_labels = {}
    for table in report.tables:
        cat_labels |= {c.item: c.text for c in table.cells if c.kind in ("label", "head") and c.item}
    out = []
    for table in report.tables:
        out += [(cat_labels[c.item], c.text) for c in table.figures() if c.text]
    return out


def read(figures: list[tuple[str, str]]) -> list[tuple[str, float | None, str]]:
    return sorted((label, parse_number(text).value, parse_number(text).qualifier) for label, text in figures)


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_tables_carry_every_figure_of_the_export(formats, drafts, year) -> None:
    """The drafted tables hold exactly the export's figures (read as figures: the draft prints 251000元 as
    published where the export writes 251000), row by row; table 四 printed across holds the same ones."""
    exported = export_figures(formats, year)
    printed = table_figures(drafts(year))
    assert read(printed) == read(exported)
    assert len(printed) == len(exported) > 0
    if year == 2019:
        assert ("政府集中采购", "251000元") in printed


def test_table_three_prints_its_merged_header_and_group_labels(drafts) -> None:
    """三's caption spans the three label columns and three header rows; 申请人情况 spans the seven columns; 自然人 and
    总计 span two rows; 三、本年度办理结果 spans its 22 rows (2021), （三）不予公开 its 8."""
    s3 = next(t for t in drafts(2021).tables if t.key == "s3")
    caption = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (s3.head_rows, s3.cols, s3.rows) == (3, 10, 28)
    assert spans(s3, 0) == [(caption, 3, 3), ("申请人情况", 1, 7)]
    assert spans(s3, 1) == [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
    assert [c.text for c in s3.row(2)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert spans(s3, 3)[0] == ("一、本年新收政府信息公开申请数量", 1, 3)
    assert spans(s3, 5)[:2] == [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2)]
    assert spans(s3, 7)[:2] == [("（三）不予公开", 8, 1), ("1.属于国家秘密", 1, 1)]
    assert [c.text for c in s3.row(5)][2:] == ["27", "0", "0", "2", "0", "1", "30"]


def test_table_three_of_2019_spans_twenty_rows_and_keeps_blank_totals_blank(drafts) -> None:
    """2019's 三、本年度办理结果 spans 20 rows ((六)其他处理 is one row); Shanghai's blank 总计 cells stay empty."""
    s3 = next(t for t in drafts(2019).tables if t.key == "s3")
    assert spans(s3, 5)[0] == ("三、本年度办理结果", 20, 1)
    assert [c.text for c in s3.row(5)][2:] == ["258", "12", "", "", "1", "1", ""]


def test_table_four_prints_across(drafts) -> None:
    """四: 行政复议 over five heads spanning two rows, 行政诉讼 over 未经复议直接起诉 and 复议后起诉, one row of 15."""
    s4 = next(t for t in drafts(2021).tables if t.key == "s4")
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert (s4.head_rows, s4.cols, s4.rows) == (3, 15, 4)
    assert spans(s4, 0) == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert spans(s4, 1) == [(h, 2, 1) for h in heads] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert [c.text for c in s4.row(2)] == heads * 2
    assert [c.text for c in s4.row(3)] == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]


def test_table_two_holds_its_sub_tables_in_one(drafts) -> None:
    """二 is one table: each 第二十条 item a caption row over the four columns, 信息内容 and its heads, a shorter
    sub-table's last column spanning the rest (2021 （五）项: 本年处理决定数量 over three)."""
    s2 = drafts(2021).tables[0]
    assert s2.cols == 4 and s2.head_rows == 0
    captions = [c.text for c in s2.cells if c.kind == "caption"]
    assert captions == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert all(c.colspan == 4 for c in s2.cells if c.kind == "caption")
    assert spans(s2, 5) == [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)]
    assert spans(s2, 6) == [("行政许可", 1, 1), ("2293", 1, 3)]
    fee = [c for c in s2.cells if c.item == "n21.s2_8.fees" and c.kind == "value"]
    assert [c.text for c in fee] == ["24252.311082"]


def test_old_table_is_label_unit_figure_with_its_note_line(drafts) -> None:
    """The old table prints 统计指标 | 单位 | 统计数; heading rows show ——; the note line stands on its own row."""
    main = drafts(2016).tables[0]
    assert [c.text for c in main.row(0)] == ["统计指标", "单位", "统计数"]
    assert [c.text for c in main.row(1)] == ["一、主动公开情况", "——", ""]
    assert [c.text for c in main.row(2)] == ["(一)主动公开政府信息数", "条", "204"]
    assert [c.text for c in main.row(3)] == ["(不同渠道和方式公开相同信息计1条)", "", ""]
    assert main.rows == 67 and all(c.rowspan == c.colspan == 1 for c in main.cells)


@pytest.mark.parametrize(("cell", "text"), [
    (Cell(19000.0, "余", False, "19000余", "", ""), "19000余"),
    (Cell(1000.0, "近", False, "近1000", "", ""), "近1000"),
    (Cell(18651.06, "", False, "18651.06", "", ""), "18651.06"),
    (Cell(73802895.9, "", False, "73802895.90元", "", ""), "73802895.90元"),
    (Cell(24252.311082, "", False, "24252.311082", "", ""), "24252.311082"),
    (Cell(5.0, "", False, "５", "", ""), "5"),
    (Cell(-185.0, "", False, "-185", "", ""), "-185"),
    (Cell(2.0, "", False, "两期", "", ""), "2"),
    (Cell(30.0, "", False, "25", "", ""), "30"),
    (Cell(None, "", True, "", "", ""), ""),
    (None, ""),
])  # fmt: skip
def test_a_figure_is_printed_as_published_where_that_reads_back_the_same(cell, text) -> None:
    """Qualifiers and published decimals (and a unit printed in the cell) are kept; a raw text that does not read back
    to the stored figure gives the stored figure; a blank cell stays empty."""
    assert figure_text(cell) == text


@pytest.mark.parametrize(("raw", "value", "qualifier", "text"), [
    ("30余次", 30.0, "余", "30余"),
    ("73802895.90元", 73802895.9, "", "73802895.90"),
    ("约1.2万", 12000.0, "约", "约1.2万"),
    ("两期", 2.0, "", "2"),
    ("", 13810.0, "", "13810"),
])  # fmt: skip
def test_a_sentence_states_the_published_figure_without_the_unit_in_it(raw, value, qualifier, text) -> None:
    """A sentence takes the published figure without the unit written in it (the sentence adds the catalogue's)."""
    assert published(value, qualifier, raw, unit=False) == text


def test_every_cell_of_a_grid_is_covered_once(drafts) -> None:
    """No two cells of a printed table overlap and none is missing: the grid is whole, so writers can merge safely."""
    for year in (2016, 2019, 2021):
        for table in drafts(year).tables:
            taken: list[tuple[int, int]] = []
            for cell in table.cells:
                assert isinstance(cell, GridCell)
                taken += [(cell.row + r, cell.col + c) for r in range(cell.rowspan) for c in range(cell.colspan)]
            assert sorted(taken) == [(r, c) for r in range(table.rows) for c in range(table.cols)], table.key
