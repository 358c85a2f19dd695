"""Publish: the look of a government document (GB/T 9704-2012) in python-docx — A4 and its margins, the fonts and sizes,
East Asian font names set where Word reads them (w:rFonts w:eastAsia), fallbacks in the font table, page numbers,
boxed notes and table borders."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

# GB/T 9704-2012: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters in 三号.
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
FOOTER_DISTANCE = Mm(23)  # the page number's 一字线 about 7 mm below the 版心
TEXT_WIDTH_MM = 156
# 字号: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
SIZE = {"title": Pt(22), "body": Pt(16), "page": Pt(14), "note": Pt(12), "table": Pt(10.5), "wide": Pt(9)}
LINE = Pt(28)  # fixed line pitch of the body text
TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
# Where the GB 2312 fonts are missing, Word and LibreOffice take the font table's altName.
FALLBACK = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体", HEI_FONT: "SimHei", SONG_FONT: "SimSun"}
NOTE_COLOUR = "C00000"
# Paragraph styles of table cells (an empty cell's paragraph mark takes the style's size, so rows stay even).
TABLE_STYLE, WIDE_STYLE = "表格文字", "表格文字（小）"


def set_font(rpr_owner: object, name: str, size: Pt | None = None, *, bold: bool | None = None) -> None:
    """A run's or style's font: the same name for East Asian and Latin text (w:rFonts eastAsia, ascii, hAnsi)."""
    font = rpr_owner.font
    font.name = name
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def page_setup(document: Document) -> None:
    """A4 portrait with the standard's margins; odd and even pages with their own footers."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.footer_distance = FOOTER_DISTANCE
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def base_style(document: Document) -> None:
    """Normal text: 仿宋_GB2312 三号, justified, fixed line pitch, Chinese as the East Asian language."""
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, SIZE["body"])
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    for name, size in ((TABLE_STYLE, SIZE["table"]), (WIDE_STYLE, SIZE["wide"])):
        cell = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        set_font(cell, BODY_FONT, size)
        cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        cell.paragraph_format.first_line_indent = Pt(0)
    _font_table(document)


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """— 1 —: 四号 宋体, the PAGE field between two 一字线, one character in from the edge (odd right, even left)."""
    paragraph.alignment = align
    indent = SIZE["page"]
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.add_run("— ")
    begin, instr, separate, shown, end = (OxmlElement("w:r") for _ in range(5))
    begin.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    instr.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    separate.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    shown.append(parse_xml(f'<w:t {nsdecls("w")}>1</w:t>'))
    end.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
    for run in (begin, instr, separate, shown, end):
        paragraph._p.append(run)
    paragraph.add_run(" —")
    for run in paragraph.runs:
        set_font(run, SONG_FONT, SIZE["page"])
    for run in (begin, instr, separate, shown, end):
        rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="{SONG_FONT}" w:hAnsi="{SONG_FONT}" '
                        f'w:eastAsia="{SONG_FONT}"/><w:sz w:val="28"/></w:rPr>')
        run.insert(0, rpr)


def _font_table(document: Document) -> None:
    """Each font the document names, with the font Word and LibreOffice fall back to (w:altName) and GB 2312."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for name, alt in FALLBACK.items():
        if name in known:
            continue
        font = parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                         '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>')
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def boxed(paragraph: Paragraph) -> None:
    """A paragraph inside a red box (paragraph borders, not a table: a note, never read as a statistics table)."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", NOTE_COLOUR)):
            edge.set(qn(key), value)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


def table_borders(table: object) -> None:
    """Every edge of a table and its cells ruled with a single line."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            edge.set(qn(key), value)
        borders.append(edge)
    tbl_pr.append(borders)


def repeat_header(row: object) -> None:
    """A header row printed again at the top of each page the table runs onto; no row split across pages."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))


def keep_whole(row: object) -> None:
    """A body row is never split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
