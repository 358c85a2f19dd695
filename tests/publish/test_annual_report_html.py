"""The web-page draft read back with html.parser: ready for a CMS (semantic tags only, no script, link, image or class;
inline style only), the tables with rowspan/colspan and <th scope>, every cell as printed, the figures reading back
through gjj-dash's table reader to the export byte for byte, and text from the data escaped."""

from __future__ import annotations

import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.report import build_report, write_report
from gjj_dash.publish.export import table_csv
from tests.support.documents import ReadCell, as_pasted, html_document

ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "article", "aside", "h1", "h2", "h3", "p", "strong", "mark",
                "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"lang", "charset", "style", "rowspan", "colspan", "scope"}


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_page_uses_semantic_tags_and_nothing_a_cms_would_strip_or_run(drafted, year) -> None:
    """Only document, heading, paragraph, list and table tags; no script, style sheet, link, image or form; the only
    attributes are lang, charset, inline style, spans and scope."""
    page = html_document(drafted(year, "html"))
    assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
    assert page.attributes <= ALLOWED_ATTRIBUTES, page.attributes - ALLOWED_ATTRIBUTES
    raw = drafted(year, "html").decode("utf-8")
    assert raw.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">") and "<script" not in raw.lower()


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_every_table_cell_and_span_reads_back(drafts, drafted, year) -> None:
    """Each HTML table holds the printed table's cells at their places with their rowspan and colspan."""
    tables = html_document(drafted(year, "html")).tables
    expected = drafts(year).tables
    assert len(tables) == len(expected)
    for read, table in zip(tables, expected, strict=True):
        got = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in read)
        assert got == sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_tables_read_by_the_table_reader_give_back_the_export(formats, drafted, year) -> None:
    """The page's tables, copied out as rows of cells (a merged cell once), read by gjj-dash's reader give the year's
    CSV export byte for byte."""
    tables = html_document(drafted(year, "html")).tables
    upload = read_upload(as_pasted(tables).encode("utf-8"), "report.txt", year)
    assert upload.ok, [p.line() for p in upload.errors]
    back = Dataset(upload.frame, {year: {**formats.reports[year], "format": upload.format}})
    assert table_csv(back, year) == table_csv(formats, year)


def test_headers_and_row_labels_are_th_with_scope(drafted) -> None:
    """Table 三: head cells are <th scope="col|colgroup">, row labels <th scope="row">, group labels spanning rows
    <th scope="rowgroup">, figures <td>."""
    s3 = html_document(drafted(2021, "html")).tables[1]

    def at(text: str) -> ReadCell:
        return next(c for c in s3 if c.text == text)

    assert (at("申请人情况").tag, at("申请人情况").scope) == ("th", "colgroup")
    assert (at("自然人").tag, at("自然人").scope, at("自然人").rowspan) == ("th", "col", 2)
    assert (at("（一）予以公开").tag, at("（一）予以公开").scope) == ("th", "row")
    assert (at("三、本年度办理结果").scope, at("三、本年度办理结果").rowspan) == ("rowgroup", 22)
    figures = [c for c in s3 if c.row >= 3 and c.col >= 3]
    assert figures and {c.tag for c in figures} == {"td"}


def test_title_headings_and_sections_in_order(drafted) -> None:
    """One h1, the title; the six sections as h2; （一）… as h3; the preflight box before the body."""
    blocks = html_document(drafted(2021, "html")).blocks
    title = "测试夹具：平潭综合实验区（非本中心）2021年度政府信息公开工作年度报告"
    assert [t for tag, t in blocks if tag == "h1"] == [title]
    assert [t for tag, t in blocks if tag == "h2"][0] == "一、总体情况"
    assert len([t for tag, t in blocks if tag == "h2"]) == 6
    first_p = [t for tag, t in blocks if tag == "p"]
    assert first_p[0] == "起草检查（发布前请删除本部分）" and first_p[1].startswith("本报告根据")


def test_each_drafted_sentence_is_followed_by_a_comment_with_its_figures(drafts, drafted) -> None:
    """After every drafted sentence an HTML comment names its figures and sources: in the source, not on the page."""
    raw = drafted(2016, "html").decode("utf-8")
    assert raw.count("<!-- 依据：") == len(drafts(2016).sentences)
    assert ("住房公积金门户网站全年公众浏览13810次。<!-- 依据：2016年“门户网站公众浏览”13810次"
            "（来源：年度报告正文 二、主动公开政府信息情况） -->") in raw
    shown = " ".join(text for _, text in html_document(drafted(2016, "html")).blocks)
    assert "依据" not in shown and "住房公积金门户网站全年公众浏览13810次。设置政府信息公开查阅点17个。" in shown


def test_places_are_marked(drafted) -> None:
    """Every 【待填写：…】 is inside a <mark>."""
    raw = drafted(2021, "html").decode("utf-8")
    assert raw.count("【待填写") == raw.count('<mark style="background:#ff0">【待填写')


def test_text_from_the_data_is_escaped(formats) -> None:
    """A body name holding markup (from a report's metadata) is shown as text, never as HTML."""
    reports = {**formats.reports, 2021: {**formats.reports[2021], "reporting_unit": "<script>alert(1)</script>单位"}}
    page = write_report(build_report(Dataset(formats.values, reports), 2021), "html").decode("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;单位2021年度" in page
