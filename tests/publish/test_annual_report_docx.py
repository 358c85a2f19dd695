"""The Word draft read back with python-docx: every table cell with its merges (gridSpan, vMerge) as the format prints
it, the figures reading back through gjj-dash's own table reader to the year's export byte for byte, and the look of
GB/T 9704 — A4 and its margins, 小标宋/仿宋/黑体/楷体 set as East Asian fonts, sizes, odd/even page numbers."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.report import build_report, write_report
from gjj_dash.publish.export import table_csv
from tests.support.documents import ReadCell, as_pasted, docx_paragraphs, docx_tables

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def printed(table) -> list[ReadCell]:
    return [ReadCell(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells]


def east_asian(run) -> str:
    fonts = run._r.rPr.rFonts
    return fonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_every_table_cell_and_merge_reads_back(drafts, drafted, year) -> None:
    """Each Word table holds the printed table's cells at their places with their row and column spans."""
    tables = docx_tables(drafted(year, "docx"))
    expected = drafts(year).tables
    assert len(tables) == len(expected)
    for read, table in zip(tables, expected, strict=True):
        assert sorted(read, key=lambda c: (c.row, c.col)) == sorted(printed(table), key=lambda c: (c.row, c.col))


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_tables_read_by_the_table_reader_give_back_the_export(formats, drafted, year) -> None:
    """The Word tables, copied out as rows of cells, read by gjj-dash's reader: the same format, no error, and the
    year's CSV export byte for byte."""
    upload = read_upload(as_pasted(docx_tables(drafted(year, "docx"))).encode("utf-8"), "report.txt", year)
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.format == formats.format_of(year)
    back = Dataset(upload.frame, {year: {**formats.reports[year], "format": upload.format}})
    assert table_csv(back, year) == table_csv(formats, year)


def test_s3_and_s4_headers_are_merged_in_word(drafted) -> None:
    """Table 三's caption is one cell over 3 × 3 grid cells; table 四's 行政诉讼 one cell over ten columns."""
    tables = docx_tables(drafted(2021, "docx"))
    s3, s4 = tables[1], tables[2]
    assert s3[0].text.startswith("（本列数据的勾稽关系为") and (s3[0].rowspan, s3[0].colspan) == (3, 3)
    group = next(c for c in s3 if c.text == "三、本年度办理结果")
    assert (group.rowspan, group.colspan) == (22, 1)
    assert next(c for c in s4 if c.text == "行政诉讼").colspan == 10


def test_page_is_a4_with_the_standards_margins_and_odd_even_page_numbers(drafted) -> None:
    """A4 portrait, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; odd pages number right, even pages left: — PAGE —."""
    document = docx.Document(io.BytesIO(drafted(2016, "docx")))
    section = document.sections[0]
    mm = {k: round(getattr(section, k).mm, 1) for k in ("page_width", "page_height", "top_margin", "bottom_margin",
                                                        "left_margin", "right_margin")}  # stored in twips
    assert (mm["page_width"], mm["page_height"], mm["top_margin"], mm["left_margin"]) == (210, 297, 37, 28)
    assert mm["page_width"] - mm["left_margin"] - mm["right_margin"] == 156
    assert mm["page_height"] - mm["top_margin"] - mm["bottom_margin"] == 225
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment.name.lower() == align
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and paragraph.text.startswith("— ")


def test_fonts_and_sizes_are_those_of_government_documents(drafted) -> None:
    """Title 方正小标宋简体 二号 (22 pt); body 仿宋_GB2312 三号 (16 pt); 一、 headings 黑体, （一） headings
    楷体_GB2312 — each set as the East Asian font (w:rFonts w:eastAsia), with its fallback in the font table."""
    payload = drafted(2021, "docx")
    document = docx.Document(io.BytesIO(payload))
    title = document.paragraphs[0]
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.font.size == Pt(16)
    by_text = {p.text: p for p in document.paragraphs}
    assert east_asian(by_text["一、总体情况"].runs[0]) == "黑体"
    assert east_asian(by_text["（一）主动公开"].runs[0]) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("本报告根据"))
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.paragraph_format.first_line_indent == Pt(32)
    fonts = zipfile.ZipFile(io.BytesIO(payload)).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts


def test_title_first_then_the_preflight_box(drafted) -> None:
    """The title is the first paragraph; the preflight follows it in a red box (paragraph borders, not a table)."""
    document = docx.Document(io.BytesIO(drafted(2016, "docx")))
    texts = docx_paragraphs(drafted(2016, "docx"))
    assert texts[0] == "博州住房公积金管理中心2016年度政府信息公开工作年度报告"
    assert texts[1] == "起草检查（发布前请删除本部分）" and texts[2].startswith("起草检查发现 3 项")
    boxed = document.paragraphs[1]._p.pPr.find(qn("w:pBdr"))
    assert boxed is not None and boxed.find(qn("w:top")).get(qn("w:color")) == "C00000"
    assert texts[-1] == "联系电话：0909-2235500"  # the body ends with the form's footer: no trace in the text


def test_each_drafted_sentence_carries_a_comment_with_its_figures(drafts, drafted) -> None:
    """Every drafted sentence is a run anchored by a Word comment (批注) naming its figures and their sources; the
    comments stay out of the body text."""
    document = docx.Document(io.BytesIO(drafted(2016, "docx")))
    comments = list(document.comments)
    report = drafts(2016)
    assert len(comments) == len(report.sentences)
    notes = {c.text for c in comments}
    assert "依据：2016年“门户网站公众浏览”13810次（来源：年度报告正文 二、主动公开政府信息情况）" in notes
    assert {c.author for c in comments} == {"gjj-dash 起草依据"}
    visits = next(p for p in document.paragraphs if "13810" in p.text)
    assert visits.text == "住房公积金门户网站全年公众浏览13810次。设置政府信息公开查阅点17个。"
    assert "依据" not in "".join(docx_paragraphs(drafted(2016, "docx")))


def test_places_to_fill_are_highlighted(drafted) -> None:
    """Every 【待填写：…】 is a run of its own, highlighted yellow."""
    document = docx.Document(io.BytesIO(drafted(2021, "docx")))
    places = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【待填写")]
    assert len(places) >= 10 and all(r.font.highlight_color.name == "YELLOW" for r in places)


def test_tables_are_ruled_and_repeat_their_header(drafted) -> None:
    """Every table has single-line borders on every edge; header rows repeat on each page and rows never split."""
    document = docx.Document(io.BytesIO(drafted(2021, "docx")))
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {e.tag.removeprefix(W) for e in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
        assert all(e.get(qn("w:val")) == "single" for e in borders)
    s3 = document.tables[1]
    heads = [r for r in s3.rows if r._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(heads) == 3


def test_control_characters_from_the_data_do_not_break_the_document(formats) -> None:
    """A body name holding a control character (which Word refuses) is written without it, in Word and on the page."""
    reports = {**formats.reports, 2021: {**formats.reports[2021], "reporting_unit": "平潭\x0b综合实验区"}}
    report = build_report(Dataset(formats.values, reports), 2021)
    document = docx.Document(io.BytesIO(write_report(report, "docx")))
    assert document.paragraphs[0].text == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert "平潭综合实验区2021年度" in write_report(report, "html").decode("utf-8")


def test_same_data_gives_the_same_bytes(drafts) -> None:
    """Writing the same report twice, seconds apart, gives identical bytes (fixed zip times, undated comments)."""
    first = write_report(drafts(2016), "docx")
    time.sleep(1.1)
    assert write_report(drafts(2016), "docx") == first
    assert b"w:date=" not in zipfile.ZipFile(io.BytesIO(first)).read("word/comments.xml")
