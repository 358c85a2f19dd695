"""Ingest: the 2019 and 2021 formats' tables read from rows — template sections (CSV, XLSX sheets), exports, printed
rows.

A template section is a header row (official column headers after a first cell such as 信息内容) and one row per
official row label. The export adds a 单位 column, and its XLSX prints table 三's header over three rows (merged
cells, read by position). Printed rows (a report's cells separated by “ | ” or tabs) carry table 三's header rows
collapsed, row-spanning group labels before a row's label, and table 四 as one row of 15 figures. The format is told
from the words first (gjj_dash.ingest.detect), then every row is read with that format's columns; validation does
the rest.

A head naming a column the catalogue's table lacks keeps it (gjj_dash.ingest.extra_columns): a one-row head or a
template's head by position, a printed head of merged cells by where the column stands among the ones it names.
Every printed row of that table must then carry exactly its columns: a row short of a figure is refused, a figure
beyond the last column is an error at its cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gjj_dash.ingest.decode import Row, in_sheet
from gjj_dash.ingest.detect import NEW_FORMATS, Words, decide, votes, words
from gjj_dash.ingest.draft import LABEL_COLUMN, Draft, Field, Line, added_column, added_head
from gjj_dash.ingest.extra_columns import Head, place
from gjj_dash.ingest.messages import column_letter, problem
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import label_key, row_index
from gjj_dash.model.numbers import NumberError, parse_number
from gjj_dash.model.printed import UNIT_HEADER

LABEL_HEADERS = frozenset({"信息内容", "项目", "统计指标", "指标", "类别", "情况"})
GROUPS = frozenset({"申请人情况", "法人或其他组织"})
S4_GROUPS = ("s4.review", "s4.lawsuit_direct", "s4.lawsuit_after_review")
S4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
_PREFIX = {"new2019": "n19.", "new2021": "n21."}
_HEAD = frozenset({"col", "both", "group", "unit", "empty"})


def _kind(text: str, known: Words) -> str:
    key = label_key(text)
    if not key:
        return "empty"
    if key in known.captions or key in LABEL_HEADERS:
        return "caption"
    if key in GROUPS:
        return "group"
    if key == UNIT_HEADER:
        return "unit"
    if key in known.columns:
        return "both" if key in known.rows else "col"
    if key in known.rows:
        return "row"
    if key in known.titles:
        return "title"
    try:
        parse_number(text)
    except NumberError:
        return "text"
    return "value"


def matches(row: Row, catalogue: Catalogue) -> bool:
    """A header of a new-format table: two official column headers, one after 信息内容, or table 三's caption."""
    known = words(catalogue)
    kinds = [_kind(c, known) for c in row.cells]
    named = kinds.count("col") + kinds.count("both")
    return named >= 2 or (named == 1 and kinds[0] == "caption") or label_key(row.cell(0)) in known.notes


@dataclass
class _State:
    """Where the reader is: columns by offset from the label cell (1 = next cell), the 单位 column, table 四 flat."""

    fmt: str | None = None
    columns: dict[int, str] = field(default_factory=dict)
    unit_at: int | None = None
    header: Row | None = None
    in_head: bool = False
    flat_s4: bool = False
    sheet: str = ""
    previous: dict[int, str] = field(default_factory=dict)  # the columns of the last printed row read
    head_rows: list[tuple[Row, list[str]]] = field(default_factory=list)  # a printed table's head, as read
    head: Head | None = None  # that head's columns in printed order, when it adds any
    body: bool = False  # rows read since the last head row

    def reset(self, *, flat: bool = False) -> None:
        self.columns, self.unit_at, self.header, self.flat_s4, self.in_head = {}, None, None, flat, False

    def take_head(self, row: Row, kinds: list[str]) -> None:
        """A printed head row: the start of a new head after rows of figures, or the next row of this one."""
        if self.body:
            self.head_rows, self.head, self.body = [], None, False
        self.head_rows.append((row, kinds))


def read_new_rows(rows: list[Row], at: int, draft: Draft, strict: bool, catalogue: Catalogue) -> None:
    """Every section of a 2019/2021 table into lines (label, unit, column, cell), in the format its words show."""
    known = words(catalogue)
    state = _State(fmt=_format(rows, draft, known, catalogue))
    draft.format = state.fmt
    for row in rows[:at]:
        _meta(row, draft)
    for row in rows[at:]:
        if row.sheet != state.sheet:  # a workbook's next sheet (a report's next table) starts afresh
            state.reset()
            state.sheet, state.head_rows, state.head, state.body = row.sheet, [], None, False
        if row.empty:
            continue
        kinds = [_kind(c, known) for c in row.cells]
        if "value" not in kinds and (taken := _header(row, kinds, state, draft.printed)):
            if draft.printed and taken == "head":
                state.take_head(row, kinds)
            continue
        state.in_head = False
        if kinds[0] in ("row", "both", "text") and not (kinds[0] == "text" and _meta(row, draft)):
            _line(row, kinds, draft, state, catalogue, strict)
        elif state.flat_s4 and set(kinds) <= {"value", "empty"}:
            _flat_s4(row, draft, catalogue, state.fmt or "new2021")
        elif "value" in kinds and not _meta(row, draft):
            draft.problems.append(problem("no_label", row.number, _where(row, LABEL_COLUMN)))
        else:
            _meta(row, draft)


def _format(rows: list[Row], draft: Draft, known: Words, catalogue: Catalogue) -> str | None:
    """The format every row's words vote for (the year given or stated decides a tie), told to the user."""
    tally = dict.fromkeys(NEW_FORMATS, 0)
    scratch = Draft(draft.kind, None, draft.encoding, draft.name)
    for row in rows:
        for fmt, n in votes(list(row.cells), known).items():
            tally[fmt] += n
        _meta(row, scratch)
    years = ([draft.year_hint] if draft.year_hint else []) + [y for y, _ in scratch.years]
    return decide(tally, years, catalogue, draft.problems)


def _meta(row: Row, draft: Draft) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    return bool(filled) and draft.scan_meta(Field(" ".join(filled), row.number, column_letter(0)))


def _where(row: Row, column: str) -> str:
    return f"{row.sheet}·{column}" if row.sheet else column


def _header(row: Row, kinds: list[str], state: _State, printed: bool) -> str:
    """Take a header row: a template's or export's (read by position, over several rows) or a printed table's;
    what it was (“flat” table 四, a “head” row, a “title”), or "" when the row is none.

    A cell no word of the tables names is a column the table adds: by position in a template's head and in a head
    row naming columns itself; in a printed head of merged cells, where it stands among the heads (place)."""
    named = [k for k in kinds if k in ("col", "both")]
    keys = [label_key(c) for c in row.cells]
    printed_s4 = "结果维持" in keys and (keys.count("结果维持") > 1 or kinds.count("row") > 0)
    if printed_s4 or (kinds.count("row") >= 2 and not named and {"行政复议", "行政诉讼"} <= set(keys)):
        state.reset(flat=True)
        return "flat"
    first_added = printed and kinds[0] == "text" and bool(named) and set(kinds) <= _HEAD | {"text"}
    if (kinds[0] == "col" and (printed or "text" not in kinds)) or first_added:  # 三's printed head rows, collapsed
        unit = state.unit_at if state.in_head else None  # a 单位 column named in the block's first row stays
        state.reset()
        state.unit_at, state.in_head = unit, unit is not None
        return "head"
    if printed and kinds[0] == "group" and set(kinds) <= _HEAD | {"text"}:  # a printed head's row under no caption
        state.in_head = True  # (申请人情况 …): where its cells stand is for place(), never their position
        return "head"
    if kinds[0] in ("caption", "empty") and set(kinds[1:]) <= _HEAD | {"text"} and set(kinds[1:]) - {"empty", "text"}:
        if not state.in_head:
            state.reset()
            state.header, state.in_head = row, True
        for offset, (text, kind) in enumerate(zip(row.cells[1:], kinds[1:], strict=True), start=1):
            if kind in ("col", "both"):
                state.columns[offset] = text
            elif kind == "unit":
                state.unit_at = offset
            elif kind == "text" and (named or not printed):
                state.columns[offset] = added_column(text)
        if state.header is not None and len(row.cells) > len(state.header.cells):
            state.header = row
        return "head"
    if kinds[0] in ("caption", "title") and not named and "text" not in kinds[1:]:  # a title or caption on its own
        state.in_head = False
        return "title"
    return ""


def _line(row: Row, kinds: list[str], draft: Draft, state: _State, catalogue: Catalogue, strict: bool) -> None:
    """A data row: the label (after any row-spanning group labels) and its cells, matched to the header's columns."""
    at = 0
    while at + 1 < len(kinds) and kinds[at + 1] in ("row", "both") and kinds[at] in ("row", "both"):
        at += 1
    label = Field(row.cells[at], row.number, _where(row, LABEL_COLUMN), row.page)
    # a printed row's columns are its table's (as its head prints them); a label the catalogue lacks (a typo, a
    # province's own row) is read with the columns of the row before it, and validation says what it is
    columns = state.columns or _printed_columns(catalogue, state, draft, row.cells[at]) or state.previous
    state.body = True
    if not state.columns:
        state.previous = columns
        if state.unit_at is not None:  # printed columns after a 单位 column stand one cell further right
            columns = {k + (k >= state.unit_at): v for k, v in columns.items()}
    shown = {c.id: c.label for cols in catalogue.columns.values() for c in cols}
    if strict and state.header is not None and len(row.cells) != len(state.header.cells):
        count, expected = len(row.cells), len(state.header.cells)
        counted = problem("field_count", row.number, None, count=count, expected=expected)
        draft.problems += in_sheet([counted], row.sheet)
        draft.lines.append(Line(label, None, (), broken=True))
        return
    unit = None
    if state.unit_at is not None:
        unit = Field(row.cell(at + state.unit_at), row.number, _where(row, UNIT_HEADER))
    pairs = []
    for offset in range(1, max(len(row.cells) - at, max(columns, default=0) + 1)):
        text = row.cell(at + offset)
        if offset in columns:  # cells a workbook or pasted text left off the end of the row are empty
            name = columns[offset]
            head = added_head(name) or shown.get(name, name)
            pairs.append((name, Field(text, row.number, _where(row, head.strip()), row.page)))
        elif offset != state.unit_at and text.strip():
            where = _where(row, column_letter(at + offset))
            draft.problems.append(problem("outside", row.number, where, given=text[:40]))
    if _short(row, at, columns, draft, state):
        count = len(row.cells) - at - 1
        draft.problems.append(problem("printed_cells", row.number, label.column, count=count, expected=len(columns),
                                      label=label.text.strip()[:40]))
        draft.lines.append(Line(label, unit, (), broken=True))
        return
    draft.lines.append(Line(label, unit, tuple(pairs)))


def _short(row: Row, at: int, columns: dict[int, str], draft: Draft, state: _State) -> bool:
    """A report's printed row with fewer cells than its table has columns: a cell is missing (a copy without TABs
    loses blank cells), and which one cannot be told. A worksheet drops blank cells at a row's end: those are blank."""
    count = len(row.cells) - at - 1
    pasted_sheet = draft.report.get("document", {}).get("form") == "xlsx"
    by_position = state.columns and (state.unit_at is not None or not any(map(added_head, columns.values())))
    return draft.printed and not pasted_sheet and not by_position and 0 < count < len(columns)


def _printed_columns(catalogue: Catalogue, state: _State, draft: Draft, label: str) -> dict[int, str]:
    """A printed row's columns (no head read by position): its table's in printed order (table 三's 自然人 … 总计),
    with the columns its printed head adds where they stand."""
    for each in [state.fmt] if state.fmt else NEW_FORMATS:
        found = row_index(catalogue, each).get(label_key(label))
        if found:
            if state.head_rows and state.head is None and draft.printed:
                state.head = place(state.head_rows, each, catalogue, draft.problems) or Head("", ())
            table = found[0].table
            names = state.head.columns if state.head and state.head.table == table else \
                [c.id for c in catalogue.columns_of(each, table)]
            return dict(enumerate(names, start=1))
    return {}


def _flat_s4(row: Row, draft: Draft, catalogue: Catalogue, fmt: str) -> None:
    """Table 四 as printed: one row of 15 figures — 行政复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/未结/总计."""
    cells = list(row.cells)
    while len(cells) > 15 and not cells[-1].strip():
        cells.pop()
    if len(cells) != 15:
        draft.problems.append(problem("flat_s4", row.number, None, count=len(cells)))
        return
    labels = {c.id: c.label for c in catalogue.columns_of(fmt, "s4")}
    for n, group in enumerate(S4_GROUPS):
        name = catalogue.indicators[_PREFIX[fmt] + group].label
        pairs = tuple(
            (column, Field(cells[5 * n + k], row.number, _where(row, f"{name}·{labels[column]}"), row.page))
            for k, column in enumerate(S4_COLUMNS)
        )
        draft.lines.append(Line(Field(name, row.number, _where(row, LABEL_COLUMN), row.page), None, pairs, "s4"))
