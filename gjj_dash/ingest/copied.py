"""Ingest: a report's text copied out of a browser or WPS — each table cell on its own line(s), a TAB between cells
(alone on its line when the cells hold paragraphs) or nothing at all — read back into a Document.

The copy keeps the cells in reading order but not where a row ends. The rows are rebuilt from the tables' own
words: a row starts at a row label (after the figures of the row before), a head row is the column words before
the first row label or figure, and a caption (第二十条第（一）项, the 勾稽关系 note) stands alone. Two TABs with nothing
between are a blank cell; without TABs a blank cell leaves no trace, so a row short of figures is refused where it
stands (validation), never filled in.

A head word the tables lack (a column a province adds, “其中：网上申请”) stays in the head, its lines joined while
nothing separates them. With TABs a head's rows are told apart too: cells of one row have a TAB between them, so two
cells with none between stand in two rows (where the head places an added column depends on its row). Without TABs
the head is one row, and validation places an added column only where every reading of it agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gjj_dash.ingest.document import Document, tidy
from gjj_dash.ingest.title import identity
from gjj_dash.ingest.vocabulary import is_figure, is_placeholder, is_word, words
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import cached, column_keys, label_key, row_index, stem

_MIN_FIGURES, _MIN_WORDS = 8, 4
_TITLE_LINES = 12
_YEAR_HEAD = re.compile(r"^(?:19|20)\d{2}\s*年度?$")
_PROSE = 40  # a line this long that is no word of the tables is prose, not a cell


def looks_copied(text: str, catalogue: Catalogue) -> bool:
    """A report's text as copied: table cells on lines of their own (many lines that are a figure alone and many
    that are a table word alone, few rows of cells side by side), or rows of TAB-separated cells under the
    report's own title (WPS copies a table row by row)."""
    lines = [tidy(line) for line in text.splitlines()]
    # A figure alone on its line is short: a longer line (a CSV row, a sentence) is not parsed as one.
    figures = sum(1 for line in lines if line and len(line) < _PROSE and is_figure(line))
    rows = sum(1 for line in text.splitlines() if "\t" in line and any(is_figure(c) for c in line.split("\t"))
               and any(is_word(c, catalogue) for c in line.split("\t")))
    if figures >= _MIN_FIGURES and rows * 4 < figures and \
            sum(1 for line in lines if line and is_word(line, catalogue)) >= _MIN_WORDS:
        return True
    titled = Document("text")
    for line in lines[:_TITLE_LINES]:
        titled.add_paragraph(line)
    return rows >= 2 and identity(titled).year is not None


@dataclass
class _Cell:
    """One cell's text, the line it starts on, and (with TABs) which stretch between TABs it came from."""

    text: str
    line: int
    group: int | None = None


@dataclass
class _Rows:
    """The rows being rebuilt: the current row, whether it is a head row, and the tables so far."""

    doc: Document
    tables: list[list[list[str]]] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    head: bool = False
    figures: bool = False
    group: int | None = None  # the TAB stretch of the cell taken last
    added: bool = False  # the cell taken last was a head word the tables lack

    def close(self) -> None:
        if self.current:
            if not self.tables:
                self.tables.append([])
            self.tables[-1].append(self.current)
        self.current, self.head, self.figures = [], False, False

    def end_table(self) -> None:
        self.close()
        for rows in self.tables:
            self.doc.add_table(rows)
        self.tables = []


def read_copied(text: str, encoding: str, catalogue: Catalogue) -> Document:
    """The copied text's paragraphs and its tables' rows, rebuilt."""
    doc = Document("text", encoding)
    state = _Rows(doc)
    cells = _cells(text, catalogue)
    for index, cell in enumerate(cells):
        following = cells[index + 1].text if index + 1 < len(cells) else ""
        _take(cell, following, state, catalogue)
    state.end_table()
    return doc


def _kind(text: str, catalogue: Catalogue) -> str:
    """figure, blank, row (a row label), column (a column or head word), caption (a sub-table's caption or the
    勾稽关系 note), title (a table's title: a new table starts), text."""
    if not text:
        return "blank"
    if _YEAR_HEAD.match(text):
        return "column"  # a provincial table's “2016年度” column head
    if is_figure(text) or is_placeholder(text):
        return "figure"
    known = _known(catalogue)
    key = label_key(text)
    if key in known["titles"]:
        return "title"
    if key in known["captions"]:
        return "caption"
    if key in known["rows"] or stem(key) in known["rows"]:
        return "column" if key in known["columns"] and key not in known["row_only"] else "row"
    if is_word(text, catalogue):
        return "column"
    return "text"


def _take(cell: _Cell, following: str, state: _Rows, catalogue: Catalogue) -> None:
    kind = _kind(cell.text, catalogue)
    in_head = state.head and bool(state.current)
    same_stretch = cell.group is not None and cell.group == state.group
    state.group = cell.group
    if in_head and kind in ("text", "column"):
        _head_cell(cell, kind, same_stretch, state)
        return
    state.added = False
    if kind == "blank":
        if state.current and not state.head:
            state.current.append("")
        return
    if kind == "figure":
        if state.head:
            state.close()
        state.current.append(cell.text)
        state.figures = True
        return
    if kind == "title" or (kind == "text" and (len(cell.text) >= _PROSE or not is_figure(following))):
        state.end_table()  # prose between tables (a heading, a paragraph): the table before it has ended
        state.doc.add_paragraph(cell.text)
        return
    if kind == "caption":
        state.close()
        state.current = [cell.text]
        state.close()
        return
    if state.figures or (kind in ("row", "text") and state.head):
        state.close()
    if kind == "column" or (not state.current and kind != "row" and kind != "text"):
        state.head = True
    state.current.append(cell.text)


def _head_cell(cell: _Cell, kind: str, same_stretch: bool, state: _Rows) -> None:
    """A word of a head row: a column word, or a short text the tables lack (a column the report adds) — its lines
    joined while nothing separates them. A cell in the same TAB stretch as the one before starts the head's next
    row (a row's cells have TABs between them); long text is prose after the table."""
    added = kind == "text"
    if added and len(cell.text) >= _PROSE:
        state.end_table()
        state.doc.add_paragraph(cell.text)
        state.added = False
        return
    if added and state.added and (cell.group is None or same_stretch):
        state.current[-1] += cell.text
        return
    if same_stretch:
        state.close()
        state.head = True
    state.current.append(cell.text)
    state.added = added


def _cells(text: str, catalogue: Catalogue) -> list[_Cell]:
    """The copy's cells in order: with TABs, the lines between two TABs are one cell's paragraphs (split again where
    they hold two cells: a figure, or a whole word followed by another); without, each line is a cell."""
    tabbed = any("\t" in line for line in text.splitlines())
    out: list[_Cell] = []
    group: list[_Cell] = []
    stretch = 0 if tabbed else None
    for number, line in enumerate(text.splitlines(), start=1):
        pieces = line.split("\t") if tabbed else [line]
        for n, piece in enumerate(pieces):
            if n:  # a TAB: the cell before it has ended
                out += _split(group, catalogue) or [_Cell("", number, stretch)]
                group = []
                stretch = (stretch or 0) + 1
            cleaned = tidy(piece)
            if cleaned:
                group.append(_Cell(cleaned, number, stretch))
    out += _split(group, catalogue)  # without TABs the whole text is one stretch: every line a cell, or a part
    return out


def _split(lines: list[_Cell], catalogue: Catalogue) -> list[_Cell]:
    """Lines of one stretch of text as cells: a cell's paragraphs joined where together they make (the start of) a
    table word (“商业” + “企业”), every figure and every other line a cell of its own."""
    out: list[_Cell] = []
    for line in lines:
        if out and not is_figure(out[-1].text) and not is_figure(line.text) and _joins(out[-1].text, line.text,
                                                                                          catalogue):
            out[-1] = _Cell(out[-1].text + line.text, out[-1].line, out[-1].group)
        else:
            out.append(line)
    return out


def _joins(first: str, second: str, catalogue: Catalogue) -> bool:
    """Two lines of one cell: joined when together they are a word or begin one (“社会”+“公益”, then “组织”; a
    header printed one character a line, “其”+“他”+“结”+“果”)."""
    joined = label_key(first + second)
    return is_word(first + second, catalogue) or any(w.startswith(joined) for w in _known(catalogue)["all"])


def _known(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    return cached(catalogue, "copied-words", "", _build)


def _build(catalogue: Catalogue, _: str) -> dict[str, frozenset[str]]:
    rows: set[str] = set()
    columns: set[str] = set()
    for fmt in catalogue.formats:
        rows |= set(row_index(catalogue, fmt))
        columns |= column_keys(catalogue, fmt)
    captions = {label_key(t.title) for t in catalogue.tables.values() if t.title.startswith("第")}
    captions |= {label_key(t.caption) for t in catalogue.tables.values() if t.caption}
    titles = {label_key(t.title) for t in catalogue.tables.values() if not t.title.startswith("第")}
    row_only = {k for k in rows if k not in columns}
    return {"rows": frozenset(rows), "columns": frozenset(columns), "captions": frozenset(captions - {""}),
            "titles": frozenset(titles - rows), "row_only": frozenset(row_only), "all": words(catalogue)}
