"""Publish: a drafted report as a Word document the way government documents look (python-docx, GB/T 9704-2012 via
docx_style): 小标宋 title, 仿宋 body, 黑体/楷体 headings, the official tables ruled with their merged cells, page
numbers, the preflight boxed at the top and the places to fill highlighted."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from gjj_dash.publish.annual_report import docx_style as style
from gjj_dash.publish.annual_report import preflight as checks
from gjj_dash.publish.annual_report.blocks import Fill, Heading, Lines, Paragraph, Report, TableBlock, printable
from gjj_dash.publish.annual_report.outline import FILL_MARK
from gjj_dash.publish.annual_report.tables import GridCell, PrintedTable
from gjj_dash.publish.annual_report.trace import AUTHOR, INITIALS, note

_PLACE = re.compile("(" + re.escape(FILL_MARK) + r"[^】]*】)")
INDENT = Pt(32)  # 首行缩进二字
CENTRED = ("head", "caption", "unit", "value", "empty")
WIDE = 10  # a table of this many grid columns or more prints in 小五
# Width weights per grid column: the longest text starting there, capped by what the column holds; a column of
# figures is never narrower than a four-digit figure needs.
CAPS = {"label": 20, "note": 20, "group": 5, "head": 6, "value": 6, "unit": 3, "empty": 2, "caption": 0}
FIGURE_WEIGHT = 3.5


def _runs(paragraph: DocxParagraph, text: str, font: str, size: Pt) -> None:
    """The text as runs in one font; each 【待填写：…】 highlighted so nobody publishes it unfilled."""
    for piece in _PLACE.split(printable(text)):
        if not piece:
            continue
        run = paragraph.add_run(piece)
        style.set_font(run, font, size)
        if piece.startswith(FILL_MARK):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _paragraph(document: DocumentObject, text: str, *, font: str = style.BODY_FONT, size: Pt | None = None,
               indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None) -> DocxParagraph:
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if align is not None:
        paragraph.alignment = align
    _runs(paragraph, text, font, size or style.SIZE["body"])
    return paragraph


def _sentences(document: DocumentObject, block: Paragraph) -> None:
    """A paragraph of drafted sentences, each a run with a comment (批注) naming the figures it states and their
    sources: traceable in Word's review pane, outside the text."""
    paragraph = _paragraph(document, "")
    for part, sentence in zip(block.parts, block.sentences, strict=True):
        run = paragraph.add_run(printable(part))
        style.set_font(run, style.BODY_FONT, style.SIZE["body"])
        comment = document.add_comment(run, printable(note(sentence)), author=AUTHOR, initials=INITIALS)
        comment._comment_elm.attrib.pop(qn("w:date"), None)  # optional; the time of writing would change the bytes


def _title(document: DocumentObject, title: str) -> None:
    """方正小标宋简体 二号, centred, a blank line below."""
    paragraph = _paragraph(document, title, font=style.TITLE_FONT, size=style.SIZE["title"], indent=False,
                           align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.line_spacing = Pt(35)
    paragraph.paragraph_format.space_after = style.LINE


def _note(document: DocumentObject, heading: str, lines: list[str]) -> None:
    """A red box of notes to delete before publishing (the preflight)."""
    for n, text in enumerate([heading, *lines]):
        paragraph = _paragraph(document, text, font=style.HEI_FONT if n == 0 else style.BODY_FONT,
                               size=style.SIZE["note"], indent=False)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        style.boxed(paragraph)
    document.add_paragraph()


def _lines(document: DocumentObject, block: Lines) -> None:
    """The lines around the old form: 附件： and the form's title in 黑体, the rest in 仿宋."""
    for n, line in enumerate(block.lines):
        heading = block.role == "annex" or (block.role == "table_title" and n == 0)
        align = WD_ALIGN_PARAGRAPH.CENTER if block.align == "center" else None
        paragraph = _paragraph(document, line, font=style.HEI_FONT if heading else style.BODY_FONT,
                               size=style.SIZE["body"] if heading else style.SIZE["page"], indent=False, align=align)
        paragraph.paragraph_format.keep_with_next = block.role != "footer"  # the form's head stays with its table


def _widths(table: PrintedTable) -> list[int]:
    """Each grid column's width (EMU) within the 版心: the longest single-column text there, capped by its kind."""
    weight = [2.0] * table.cols
    for cell in table.cells:
        if cell.colspan == 1:
            floor = FIGURE_WEIGHT if cell.kind == "value" else 0
            weight[cell.col] = max(weight[cell.col], floor, min(CAPS[cell.kind], len(cell.text)))
    total = sum(weight)
    return [int(Mm(style.TEXT_WIDTH_MM) * w / total) for w in weight]


def _cell_text(target: object, cell: GridCell, style_id: str) -> None:
    paragraph = target.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = style_id  # by id: python-docx looks a style name up slowly each time
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.kind in CENTRED else WD_ALIGN_PARAGRAPH.LEFT
    if cell.text:
        run = paragraph.add_run(printable(cell.text))
        if cell.kind in ("head", "caption"):
            style.set_font(run, style.HEI_FONT)
    target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def table_docx(document: DocumentObject, printed: PrintedTable) -> Table:
    """One printed table: ruled, centred, its merged cells merged, its header rows repeated on each page."""
    table = document.add_table(rows=printed.rows, cols=printed.cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    style.table_borders(table)
    widths = _widths(printed)
    for n, column in enumerate(table.columns):
        column.width = widths[n]
    flat = table._cells  # every grid cell once, before any merge (Table.cell rebuilds this list on each call)
    grid = [flat[r * printed.cols : (r + 1) * printed.cols] for r in range(printed.rows)]
    for row in grid:
        for n, cell in enumerate(row):
            cell.width = widths[n]
    for n, row in enumerate(table.rows):
        (style.repeat_header if n < printed.head_rows else style.keep_whole)(row)
    style_id = document.styles[style.WIDE_STYLE if printed.cols >= WIDE else style.TABLE_STYLE].style_id
    for cell in printed.cells:  # merges never overlap, so each cell taken from the grid is still whole
        target = grid[cell.row][cell.col]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(grid[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1])
        _cell_text(target, cell, style_id)
    return table


def _block(document: DocumentObject, block: object) -> None:
    if isinstance(block, Heading):
        font = style.HEI_FONT if block.level == 1 else style.KAI_FONT
        _paragraph(document, block.text, font=font).paragraph_format.keep_with_next = True
    elif isinstance(block, Paragraph) and block.sentences:
        _sentences(document, block)
    elif isinstance(block, Paragraph | Fill):
        _paragraph(document, block.text)
    elif isinstance(block, Lines):
        _lines(document, block)
    elif isinstance(block, TableBlock):
        table_docx(document, block.table)
        document.add_paragraph()
    else:
        raise TypeError(type(block).__name__)


def report_docx(report: Report) -> bytes:
    """The whole report as a .docx: title, preflight box, body (each drafted sentence with its 起草依据 comment)."""
    document = Document()
    style.base_style(document)
    style.page_setup(document)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = printable(report.title), printable(report.body), "gjj-dash"
    props.comments = "由 gjj-dash 根据已发布数据起草；发布前请核对，删除开头的起草检查和各句的起草依据批注。"
    _title(document, report.title)
    _note(document, checks.HEADING, checks.lines(report.preflight, report.places))
    for block in report.blocks:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable(buffer.getvalue())


def _stable(package: bytes) -> bytes:
    """The package with fixed member times (the zip otherwise stamps the time of writing): the same data and code
    always give the same bytes, so a download's content hash names its content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
