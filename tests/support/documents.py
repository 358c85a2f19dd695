"""Test helpers: a drafted annual report read back independently of the writer — its tables as merged cells (DOCX from
the document's XML through python-docx, HTML through the standard library's html.parser), its paragraphs, and its
tables as the rows a copied report gives (each merged cell once), for the project's own table reader."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

import docx
from docx.oxml.ns import qn


@dataclass(frozen=True)
class ReadCell:
    """A cell as the document holds it: top-left position in the grid, spans, text, and (HTML) tag and scope."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    tag: str = ""
    scope: str = ""


def _tc_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()


def docx_tables(payload: bytes) -> list[list[ReadCell]]:
    """Every table of a .docx: each cell once, its gridSpan and vMerge turned into spans."""
    document = docx.Document(io.BytesIO(payload))
    tables = []
    for tbl in document.element.body.iter(qn("w:tbl")):
        cells: list[dict] = []
        open_at: dict[int, dict] = {}  # grid column → the cell a vertical merge continues
        for r, tr in enumerate(tbl.findall(qn("w:tr"))):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    open_at[col]["rowspan"] += 1
                else:
                    cell = {"row": r, "col": col, "rowspan": 1, "colspan": span, "text": _tc_text(tc)}
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_at[c] = cell
                col += span
        tables.append([ReadCell(**c) for c in cells])
    return tables


def docx_paragraphs(payload: bytes) -> list[str]:
    """The text of every body paragraph outside the tables, in order (empty ones left out)."""
    document = docx.Document(io.BytesIO(payload))
    return [p.text for p in document.paragraphs if p.text.strip()]


@dataclass
class _Parsed:
    tables: list[list[ReadCell]] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (tag, text) of h1–h3, p and li outside tables
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    TEXT_TAGS = ("h1", "h2", "h3", "p", "li")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Parsed()
        self.taken: set[tuple[int, int]] = set()
        self.row = -1
        self.cell: dict | None = None
        self.block: list | None = None
        self.in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.tags.add(tag)
        self.out.attributes |= {name for name, _ in attrs}
        values = dict(attrs)
        if tag == "table":
            self.in_table, self.row = True, -1
            self.taken = set()
            self.out.tables.append([])
        elif tag == "tr":
            self.row += 1
        elif tag in ("td", "th"):
            col = 0
            while (self.row, col) in self.taken:
                col += 1
            rowspan, colspan = int(values.get("rowspan") or 1), int(values.get("colspan") or 1)
            self.taken |= {(self.row + r, col + c) for r in range(rowspan) for c in range(colspan)}
            self.cell = {"row": self.row, "col": col, "rowspan": rowspan, "colspan": colspan, "text": [],
                         "tag": tag, "scope": values.get("scope") or ""}
        elif tag in self.TEXT_TAGS and not self.in_table:
            self.block = [tag, []]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.out.tables[-1].append(ReadCell(**{**self.cell, "text": "".join(self.cell["text"]).strip()}))
            self.cell = None
        elif tag == "table":
            self.in_table = False
        elif self.block is not None and tag == self.block[0]:
            self.out.blocks.append((tag, "".join(self.block[1]).strip()))
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"].append(data)
        elif self.block is not None:
            self.block[1].append(data)


def html_document(payload: bytes) -> _Parsed:
    """An HTML draft parsed: its tables as cells, its headings/paragraphs/list items, every tag and attribute used."""
    reader = _Reader()
    reader.feed(payload.decode("utf-8"))
    reader.close()
    return reader.out


def cell_rows(cells: list[ReadCell]) -> list[list[str]]:
    """A table as the rows a copied report gives: each row's cells left to right, a merged cell only in its first
    row (as a web page's table gives it when copied)."""
    rows: dict[int, list[ReadCell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    return [[c.text for c in sorted(rows[r], key=lambda c: c.col)] for r in sorted(rows)]


def as_pasted(tables: list[list[ReadCell]]) -> str:
    """Every table's rows as report text with cells separated by “ | ” (the layout gjj-dash's reader takes)."""
    lines = [" | ".join(row) for table in tables for row in cell_rows(table)]
    return "\n".join(lines) + "\n"
