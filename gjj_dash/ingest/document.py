"""Ingest: a published report as any reader sees it — its paragraphs and its tables as printed rows, each located.

A web page, a Word file, a PDF or text copied out of a browser all become one Document: the paragraphs in reading
order (title, narrative; the PDF page of each) and every table as the rows a person sees, merged cells written once
(in the first row and column they cover), each row numbered within its table and, for a PDF, with its page. What
happens next (year, format, figures, narrative) is gjj_dash.ingest.report's, the same for every form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gjj_dash.ingest.decode import Row

# What each form is called in sources and messages.
FORMS = {"html": "网页", "docx": "Word 文档", "doc": "Word 文档（.doc）", "wps": "WPS 文档（.wps）", "pdf": "PDF",
         "text": "复制的文字", "xlsx": "粘贴表格的工作簿"}  # fmt: skip
_SPACE = re.compile(r"\s+")
# Wide characters (CJK, full-width punctuation): a line break or space beside one is layout, not a word gap.
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’、，。：；（）《》〔〕]"
_GAP = re.compile(rf"(?<={_WIDE}) | (?={_WIDE})")
# Word's conditional comments escaped into page text (“<!--[if !supportLists]-->7、<!--[endif]-->”): markup, not words.
_WORD_COMMENT = re.compile(r"<!--\[(?:if [^\]]*|endif)\]-->")


def tidy(text: str) -> str:
    """A cell's or paragraph's text as printed: NBSP and line breaks as spaces, runs of white space as one, and no
    space beside a Chinese character (a PDF's “（ 三 ）\\n不 予 公\\n开” is “（三）不予公开”; Word's spans join as
    they are)."""
    text = _WORD_COMMENT.sub("", unicodedata.normalize("NFC", text)).replace("\xa0", " ").replace("\u3000", " ")
    return _GAP.sub("", _SPACE.sub(" ", text).strip())


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or line) of the report's text, with its number in the document and, for a PDF, its page."""

    text: str
    number: int
    page: int | None = None


@dataclass(frozen=True)
class Grid:
    """One table as printed: its number in the document (表1, 表2 …) and its rows (Row.sheet names the table)."""

    number: int
    rows: tuple[Row, ...]

    @property
    def name(self) -> str:
        return f"表{self.number}"


@dataclass
class Document:
    """A report read from any form: what it is, the encoding read (for text forms), the names it gives itself outside
    its text (a page's <title>), paragraphs, tables, and the pictures and attachments the article holds (a page
    whose tables are pictures is refused by naming them)."""

    form: str
    encoding: str = ""
    titles: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Grid] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)

    def add_paragraph(self, text: str, page: int | None = None) -> None:
        """Keep a paragraph's tidied text (empty ones are layout only)."""
        text = tidy(text)
        if text:
            self.paragraphs.append(Paragraph(text, len(self.paragraphs) + 1, page))

    def add_table(self, rows: list[list[str]], pages: list[int | None] | None = None) -> None:
        """Keep a table's printed rows (cells tidied; rows without any text dropped), numbered 表n in order."""
        kept = _rows(rows, pages, len(self.tables) + 1, 0)
        if kept:
            self.tables.append(Grid(len(self.tables) + 1, kept))

    def extend_table(self, rows: list[list[str]], pages: list[int | None] | None = None) -> None:
        """Rows that continue the last table (a table split over several <table>s, or over a page break)."""
        last = self.tables[-1]
        more = _rows(rows, pages, last.number, last.rows[-1].number if last.rows else 0)
        self.tables[-1] = Grid(last.number, last.rows + more)


def _rows(rows: list[list[str]], pages: list[int | None] | None, table: int, before: int) -> tuple[Row, ...]:
    kept: list[Row] = []
    for index, cells in enumerate(rows):
        texts = tuple(tidy(c) for c in cells)
        if any(texts):
            kept.append(Row(before + index + 1, texts, f"表{table}", pages[index] if pages else None))
    return tuple(kept)

