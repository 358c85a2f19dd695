"""I/O: the 2019 and 2021 formats' tables read from rows — template sections (CSV, XLSX sheets) or printed rows.

A template section is a header row (official column headers after a first cell such as 信息内容) and one row per
official row label. Printed rows (a report's cells separated by “ | ” or tabs) also carry table 三's three header
rows and row-spanning group labels before a row's label, and table 四 as one row of 15 figures. The format is told
from the labels (本年新制作数量 → 2019, 本年制发件数 → 2021 …), else from the year; validation does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gjj_dash.catalogue import Catalogue
from gjj_dash.decode import Row
from gjj_dash.draft import Draft, Field, Line
from gjj_dash.labels import cached, column_keys, label_key, row_index
from gjj_dash.messages import column_letter, problem
from gjj_dash.numbers import NumberError, parse_number
from gjj_dash.validation import LABEL_COLUMN

NEW_FORMATS = ("new2019", "new2021")
LABEL_HEADERS = frozenset({"信息内容", "项目", "统计指标", "指标", "类别", "情况"})
GROUPS = frozenset({"申请人情况", "法人或其他组织"})
S4_GROUPS = ("s4.review", "s4.lawsuit_direct", "s4.lawsuit_after_review")
S4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
_PREFIX = {"new2019": "n19.", "new2021": "n21."}


@dataclass
class _Words:
    """Which formats a normalised word is a row label or a column header of; the tables' titles and captions."""

    rows: dict[str, set[str]] = field(default_factory=dict)
    columns: dict[str, set[str]] = field(default_factory=dict)
    captions: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)


def _words(catalogue: Catalogue) -> _Words:
    return cached(catalogue, "section-words", "", _build_words)


def _build_words(catalogue: Catalogue, _: str) -> _Words:
    words = _Words()
    for fmt in NEW_FORMATS:
        for key in row_index(catalogue, fmt):
            words.rows.setdefault(key, set()).add(fmt)
        for key in column_keys(catalogue, fmt):
            words.columns.setdefault(key, set()).add(fmt)
    for table in catalogue.tables.values():
        if table.format in NEW_FORMATS:
            words.captions |= {label_key(table.title), label_key(table.caption)} - {""}
            words.notes |= {label_key(table.caption)} - {""}
    return words


def _kind(text: str, words: _Words) -> str:
    key = label_key(text)
    if not key:
        return "empty"
    if key in words.captions or key in LABEL_HEADERS:
        return "caption"
    if key in GROUPS:
        return "group"
    if key in words.columns:
        return "both" if key in words.rows else "col"
    if key in words.rows:
        return "row"
    try:
        parse_number(text)
    except NumberError:
        return "text"
    return "value"


def matches(row: Row, catalogue: Catalogue) -> bool:
    """A header of a new-format table: two official column headers, one after 信息内容, or table 三's caption."""
    words = _words(catalogue)
    kinds = [_kind(c, words) for c in row.cells]
    named = kinds.count("col") + kinds.count("both")
    return named >= 2 or (named == 1 and kinds[0] == "caption") or label_key(row.cell(0)) in words.notes


@dataclass
class _State:
    """Where the reader is: the current header's columns (texts or ids) and whether table 四 is printed flat."""

    columns: list[str] = field(default_factory=list)
    header: Row | None = None
    flat_s4: bool = False
    votes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NEW_FORMATS, 0))


def read_new_rows(rows: list[Row], at: int, draft: Draft, strict: bool, catalogue: Catalogue) -> None:
    """Every section of a 2019/2021 table into lines (label, column header, cell), and the format they show."""
    words = _words(catalogue)
    state = _State()
    for row in rows[:at]:
        _meta(row, draft)
    for row in rows[at:]:
        if row.empty:
            continue
        kinds = [_kind(c, words) for c in row.cells]
        _vote(row, kinds, words, state)
        if "value" not in kinds and "text" not in kinds[1:] and _header(row, kinds, state):
            continue
        if kinds[0] in ("row", "both", "text") and not (kinds[0] == "text" and _meta(row, draft)):
            _line(row, kinds, draft, state, catalogue, strict)
        elif state.flat_s4 and set(kinds) <= {"value", "empty"}:
            _flat_s4(row, draft, catalogue)
        elif "value" in kinds and not _meta(row, draft):
            draft.problems.append(problem("no_label", row.number, _where(row, LABEL_COLUMN)))
        else:
            _meta(row, draft)
    draft.format = _decide(state, draft)


def _meta(row: Row, draft: Draft) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    return bool(filled) and draft.scan_meta(Field(" ".join(filled), row.number, column_letter(0)))


def _where(row: Row, column: str) -> str:
    return f"{row.sheet}·{column}" if row.sheet else column


def _vote(row: Row, kinds: list[str], words: _Words, state: _State) -> None:
    for cell, kind in zip(row.cells, kinds, strict=True):
        if kind in ("row", "col"):  # a word that is both a row and a column label (其他, 总计) says nothing
            key = label_key(cell)
            found = words.rows.get(key, set()) | words.columns.get(key, set())
            if len(found) == 1:
                state.votes[next(iter(found))] += 1


def _header(row: Row, kinds: list[str], state: _State) -> bool:
    """Take a header row: a template's (first cell, then column headers) or one of a printed table's header rows."""
    named = [k for k in kinds if k in ("col", "both")]
    keys = [label_key(c) for c in row.cells]
    printed_s4 = "结果维持" in keys and (keys.count("结果维持") > 1 or kinds.count("row") > 0)
    if printed_s4 or (kinds.count("row") >= 2 and not named and {"行政复议", "行政诉讼"} <= set(keys)):
        state.flat_s4, state.columns, state.header = True, [], None
        return True
    if "group" in kinds or kinds[0] == "col":
        state.flat_s4, state.columns, state.header = False, [], None  # table 三's printed header rows
        return True
    if named and kinds[0] in ("caption", "empty") and all(k in ("col", "both", "empty") for k in kinds[1:]):
        state.flat_s4, state.header = False, row
        state.columns = list(row.cells[1:])
        return True
    return kinds[0] == "caption" and not named  # a section title or caption line on its own


def _line(row: Row, kinds: list[str], draft: Draft, state: _State, catalogue: Catalogue, strict: bool) -> None:
    """A data row: the label (after any row-spanning group labels) and its cells, matched to the header's columns."""
    at = 0
    while at + 1 < len(kinds) and kinds[at + 1] in ("row", "both") and kinds[at] in ("row", "both"):
        at += 1
    label = Field(row.cells[at], row.number, _where(row, LABEL_COLUMN))
    values = list(row.cells[at + 1 :])
    columns = state.columns or _default_columns(catalogue, row.cells[at])
    shown = {c.id: c.label for cols in catalogue.columns.values() for c in cols}
    if strict and state.header is not None and len(row.cells) != len(state.header.cells):
        count, expected = len(row.cells), len(state.header.cells)
        draft.problems.append(problem("field_count", row.number, None, count=count, expected=expected))
        draft.lines.append(Line(label, None, (), broken=True))
        return
    pairs = []
    for n, text in enumerate(values):
        index = at + 1 + n
        if n < len(columns) and columns[n].strip():
            pairs.append((columns[n], Field(text, row.number, _where(row, shown.get(columns[n], columns[n]).strip()))))
        elif text.strip():
            draft.problems.append(problem("outside", row.number, _where(row, column_letter(index)), given=text[:40]))
    for n in range(len(values), len(columns)):
        if columns[n].strip():  # cells a workbook or pasted text left off the end of the row are empty
            pairs.append((columns[n], Field("", row.number, _where(row, shown.get(columns[n], columns[n]).strip()))))
    draft.lines.append(Line(label, None, tuple(pairs)))


def _default_columns(catalogue: Catalogue, label: str) -> list[str]:
    """A row met before any header: its table's columns in printed order (table 三's 自然人 … 总计)."""
    for fmt in NEW_FORMATS:
        found = row_index(catalogue, fmt).get(label_key(label))
        if found:
            return [c.id for c in catalogue.columns_of(fmt, found[0].table)]
    return []


def _flat_s4(row: Row, draft: Draft, catalogue: Catalogue) -> None:
    """Table 四 as printed: one row of 15 figures — 行政复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/未结/总计."""
    cells = list(row.cells)
    while len(cells) > 15 and not cells[-1].strip():
        cells.pop()
    if len(cells) != 15:
        draft.problems.append(problem("flat_s4", row.number, None, count=len(cells)))
        return
    labels = {c.id: c.label for c in catalogue.columns_of("new2021", "s4")}
    for n, group in enumerate(S4_GROUPS):
        name = catalogue.indicators[_PREFIX["new2021"] + group].label
        pairs = tuple(
            (column, Field(cells[5 * n + k], row.number, _where(row, f"{name}·{labels[column]}")))
            for k, column in enumerate(S4_COLUMNS)
        )
        draft.lines.append(Line(Field(name, row.number, _where(row, LABEL_COLUMN)), None, pairs, "s4"))


def _decide(state: _State, draft: Draft) -> str | None:
    """The format the labels show; the year decides when they fit both (2019–2020 → 2019 version, 2021 on → 2021)."""
    v19, v21 = state.votes["new2019"], state.votes["new2021"]
    if v19 != v21:
        return "new2019" if v19 > v21 else "new2021"
    years = [y for y, _ in draft.years] + ([draft.year_hint] if draft.year_hint else [])
    if years:
        return "new2021" if years[0] >= 2021 else "new2019"
    draft.problems.append(problem("format_unknown"))
    return None
