"""Ingest: a PDF report with a text layer read into a Document; a scan (no text layer) refused.

pdfplumber finds each page's ruled tables and the text outside them. A table cut by a page break is joined again: a
table that ends a page and one that starts the next are one table, a repeated header row is dropped, and a first
row that only carries the rest of the previous row's wrapped labels (“1.信访举报投诉” | “类申请”) is joined to that row
cell by cell, by where the cells stand on the page. Every digit printed inside a table must land in one of its cells,
or the file is refused: a figure is never left out silently.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gjj_dash.ingest.decode import Limits
from gjj_dash.ingest.document import Document, tidy
from gjj_dash.ingest.messages import refuse
from gjj_dash.ingest.vocabulary import is_figure

_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[-—–－_\s]*$")
_DIGIT = re.compile(r"[0-9]")


@dataclass
class _Piece:
    """One table of one page: its rows' cells as (text, x0, x1), top and bottom, and the page it is on."""

    page: int
    top: float
    bottom: float
    rows: list[list[tuple[str, float, float]]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    first_on_page: bool = False
    last_on_page: bool = False


def read_pdf(payload: bytes, lim: Limits, known: Callable[[str], bool],
             tabular: Callable[[str], bool]) -> Document:
    """The PDF's lines of text and its tables (joined over page breaks), page by page. Every page's text is read
    first with PDFium (fast); a page whose text names a statistics table's words (`tabular`), and the page after
    it, are read again with pdfplumber for their ruled tables. `known` tells a table's words (a label cut by the
    page break is joined only to a cell that is not already a whole word)."""
    texts = _page_texts(payload, lim)
    if not any(t.strip() for t in texts):
        raise refuse("pdf_scan", pages=len(texts))
    import pdfplumber  # imported here: only PDF uploads pay for pdfplumber and pdfminer

    doc = Document("pdf")
    doc.images = [f"第{n}页（扫描图像，无文字层）" for n, text in enumerate(texts, start=1) if not text.strip()]
    pieces: list[_Piece] = []
    tables = [tabular(text) for text in texts]
    with pdfplumber.open(io.BytesIO(payload)) as pdf:
        for number, (page, text) in enumerate(zip(pdf.pages, texts, strict=True), start=1):
            if tables[number - 1] or (number > 1 and tables[number - 2]):  # a table may end on the next page
                pieces += _page(page, number, doc)
            else:
                for line in text.splitlines():
                    if not _PAGE_NUMBER.match(line):
                        doc.add_paragraph(line, number)
    _tables(pieces, doc, known)
    return doc


def _page_texts(payload: bytes, lim: Limits) -> list[str]:
    """Each page's text as PDFium reads it; a damaged, encrypted or overlong PDF refused."""
    import pypdfium2 as pdfium  # imported here: only PDF uploads pay for PDFium (pdfplumber's own dependency)

    try:
        pdf = pdfium.PdfDocument(payload)
    except pdfium.PdfiumError as exc:
        raise refuse("encrypted" if "password" in str(exc).lower() else "bad_pdf") from None
    try:
        if len(pdf) > lim.max_pages:
            raise refuse("pdf_pages", count=len(pdf), cap=lim.max_pages)
        return [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]
    finally:
        pdf.close()


def _page(page, number: int, doc: Document) -> list[_Piece]:
    """One page: its tables (each checked to hold every digit printed inside it) and its lines outside them."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    pieces = []
    for table in found:
        piece = _Piece(number, table.bbox[1], table.bbox[3])
        for row, texts in zip(table.rows, table.extract(), strict=True):
            cells = [(text or "", box[0], box[2])
                     for box, text in zip(row.cells, texts, strict=True) if box is not None]
            piece.rows.append(cells)
            piece.pages.append(number)
        _account(page, table, piece, number)
        pieces.append(piece)
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    lines = [(line["top"], line["text"]) for line in outside.extract_text_lines()]
    items = [(p.top, p) for p in pieces] + [(top, text) for top, text in lines if not _PAGE_NUMBER.match(text)]
    items.sort(key=lambda item: item[0])
    for index, (_, item) in enumerate(items):
        if isinstance(item, _Piece):  # nothing printed above (below) it on its page but a page number
            item.first_on_page = index == 0
            item.last_on_page = index == len(items) - 1
        else:
            doc.add_paragraph(item, number)
    return pieces


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _account(page, table, piece: _Piece, number: int) -> None:
    """Refuse a table whose cells miss a digit printed inside it (a cell the ruling lines did not close)."""
    printed = sum(1 for ch in page.chars if _DIGIT.fullmatch(ch["text"]) and _inside(ch, table.bbox))
    read = sum(len(_DIGIT.findall(text)) for row in piece.rows for text, _, _ in row)
    if printed != read:
        raise refuse("pdf_unaccounted", page=number, printed=printed, read=read)


def _numeric(text: str) -> bool:
    return is_figure(tidy(text))


def _continues(before: _Piece, after: _Piece) -> bool:
    """A table that ends one page and one that starts the next, with nothing printed between them."""
    return after.page == before.page + 1 and before.last_on_page and after.first_on_page


def _fragment(row: list[tuple[str, float, float]], previous: list[tuple[str, float, float]],
              known: Callable[[str], bool]) -> bool:
    """A row with no figure whose every text stands under a cut word of the row before it (a text that is no figure
    and no whole word of the tables): the rest of that row's wrapped labels, cut by the page break."""
    texts = [cell for cell in row if tidy(cell[0])]
    if not texts or any(_numeric(text) for text, _, _ in row):
        return False
    return all((above := _above(cell, previous)) is not None and tidy(above[0]) and not _numeric(above[0])
               and not known(tidy(above[0])) for cell in texts)


def _above(cell: tuple[str, float, float], previous: list[tuple[str, float, float]]):
    """The cell of the previous row that overlaps this one most on the page's width (None when none does)."""
    best, overlap = None, 0.0
    for other in previous:
        width = min(cell[2], other[2]) - max(cell[1], other[1])
        if width > overlap:
            best, overlap = other, width
    return best


def _join(row: list[tuple[str, float, float]], previous: list[tuple[str, float, float]]) -> list:
    joined = list(previous)
    for cell in row:
        if tidy(cell[0]):
            above = _above(cell, previous)
            at = joined.index(above)
            joined[at] = (f"{above[0]}\n{cell[0]}", above[1], above[2])
    return joined


def _tables(pieces: list[_Piece], doc: Document, known: Callable[[str], bool]) -> None:
    """The page pieces as the document's tables: a piece continuing the one before is joined to it."""
    chain: list[_Piece] = []
    for piece in pieces:
        if chain and _continues(chain[-1], piece):
            last = chain[-1]
            rows = piece.rows
            header = [_texts(r) for r in last.rows if not any(_numeric(t) for t, _, _ in r)][:3]
            while rows and header and _texts(rows[0]) in header:  # a header row repeated on the new page
                rows = rows[1:]
            if rows and last.rows and _fragment(rows[0], last.rows[-1], known):
                last.rows[-1] = _join(rows[0], last.rows[-1])
                rows = rows[1:]
            last.rows += rows
            last.pages += piece.pages[len(piece.rows) - len(rows):]
            last.bottom, last.page, last.last_on_page = piece.bottom, piece.page, piece.last_on_page
            continue
        _emit(chain, doc)
        chain = [piece]
    _emit(chain, doc)


def _texts(row: list[tuple[str, float, float]]) -> list[str]:
    return [tidy(t) for t, _, _ in row]


def _emit(chain: list[_Piece], doc: Document) -> None:
    for piece in chain:
        doc.add_table([[text for text, _, _ in row] for row in _without_gaps(piece.rows)], list(piece.pages))


def _without_gaps(rows: list[list[tuple[str, float, float]]]) -> list[list[tuple[str, float, float]]]:
    """Rows without the empty cells the ruling leaves inside a label spanning the label columns (“（六）其他处理”
    over the sub-item column): an empty cell left of every figure is no blank figure."""
    lefts = [x0 for row in rows for text, x0, _ in row if _numeric(text)]
    if not lefts:
        return rows
    first = min(lefts)
    return [[cell for cell in row if tidy(cell[0]) or cell[2] > first + 1] for row in rows]
