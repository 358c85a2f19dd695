"""Ingest: columns a report adds to a 2019/2021 table (a province's 历年累计, a “其中：…” beside 总计) — placed from
the printed head among the catalogue's columns, and their cells kept as values under a stable column id.

Never a guess. A printed head places an added column after the column (or group of columns) printed before it in
its head row, or before the one printed after it; where both stand beside it they must agree — in text copied
without TABs the head's rows run together, and an added column at the end of one row and at the start of the next
are told apart by nothing, so it is refused. Which rows carry exactly as many figures as the head has columns is
the reader's check (gjj_dash.ingest.new_tables); a report's own columns never enter an identity or a series.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gjj_dash.ingest.cells import Context, read_cell, record
from gjj_dash.ingest.decode import Row
from gjj_dash.ingest.draft import Line, added_column, added_head
from gjj_dash.ingest.messages import column_letter, problem
from gjj_dash.model.catalogue import Catalogue, Column, Indicator
from gjj_dash.model.labels import COLUMN_ALIASES, find_column, label_key
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Problem

ADDED = "text"  # the kind (gjj_dash.ingest.new_tables) of a head cell that is no word of the tables
_UNIT_NOTE = re.compile(r"^[(（]?(单位|计量单位)[:：]")  # “（单位：件）” printed in a head is a note, not a column


def column_id(head: str) -> str:
    """A column a report adds, named by its printed head: the same column printed in several years is one column."""
    return "x" + hashlib.sha1(normalise_text(head).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Head:
    """A printed table's head read: its catalogue table and its columns in printed order — catalogue column ids and
    the added columns' names (draft.added_column)."""

    table: str
    columns: tuple[str, ...]


def place(rows: Sequence[tuple[Row, list[str]]], fmt: str, catalogue: Catalogue,
          problems: list[Problem]) -> Head | None:
    """The columns a printed head names, in printed order, when it adds any (None when it adds none, or when its
    table cannot be told); an added column whose place the head does not tell is an error at its cell."""
    added = [(row, i) for row, kinds in rows for i, kind in enumerate(kinds) if _is_added(row, i, kind)]
    if not added:
        return None
    table = _table(rows, fmt, catalogue)
    if table is None:
        return None
    columns = catalogue.columns_of(fmt, table)
    spans = _spans(columns)
    placed: list[tuple[int, int, str]] = []  # (index of the column it follows, head row, printed head)
    for n, (row, kinds) in enumerate(rows):
        known = [(i, spans[label_key(c)]) for i, c in enumerate(row.cells) if label_key(c) in spans]
        for i, kind in enumerate(kinds):
            if not _is_added(row, i, kind):
                continue
            before = [span[1] for j, span in known if j < i]
            beyond = [span[0] - 1 for j, span in known if j > i]
            readings = set(before[-1:] + beyond[:1])
            at = readings.pop() if len(readings) == 1 else None
            head = row.cells[i].strip()
            # two columns added after one column in different head rows: which comes first is not told either
            if at is None or any(a == at and m != n for a, m, _ in placed):
                problems.append(problem("extra_column_place", row.number, _where(row, i), label=head[:40]))
                return None
            placed.append((at, n, head))
    order: list[str] = [added_column(h) for at, _, h in placed if at < 0]
    for k, column in enumerate(columns):
        order += [column.id] + [added_column(h) for at, _, h in placed if at == k]
    return Head(table, tuple(order))


def _is_added(row: Row, index: int, kind: str) -> bool:
    return kind == ADDED and index > 0 and not _UNIT_NOTE.match(normalise_text(row.cells[index]))


def _where(row: Row, index: int) -> str:
    return f"{row.sheet}·{column_letter(index)}" if row.sheet else column_letter(index)


def _spans(columns: tuple[Column, ...]) -> dict[str, tuple[int, int]]:
    """Each head word of a table → the catalogue columns it stands over: a column itself, a group all of its own
    (申请人情况 spans 自然人 … 总计, 法人或其他组织 商业企业 … 其他)."""
    spans: dict[str, tuple[int, int]] = {}
    for k, column in enumerate(columns):
        if column.group:
            key = label_key(column.group)
            first, _ = spans.get(key, (k, k))
            spans[key] = (first, k)
    for k, column in enumerate(columns):
        spans[label_key(column.label)] = (k, k)
    for alias, target in COLUMN_ALIASES.items():
        if target in spans:
            spans.setdefault(alias, spans[target])
    return spans


def _table(rows: Sequence[tuple[Row, list[str]]], fmt: str, catalogue: Catalogue) -> str | None:
    """The table whose column and group heads the head prints most (one table only)."""
    keys = {label_key(c) for row, _ in rows for c in row.cells}
    hits = {t.id: len(keys & set(_spans(catalogue.columns_of(fmt, t.id)))) for t in catalogue.tables_of(fmt)}
    best = max(hits.values(), default=0)
    found = [table for table, n in hits.items() if n == best]
    return found[0] if best and len(found) == 1 else None


def keep_cells(line: Line, ind: Indicator, row: str, unit: str, ctx: Context, found: dict[tuple, dict]) -> None:
    """A row's cells under the columns its report adds: each read as strictly as any figure (in the row's unit, or
    the unit of the column it follows) and stored under the column's id, located like every figure. The first cell
    of each added column names it in a warning and in `found` (report.json's extra_columns)."""
    table = ctx.catalogue.tables[(ind.format, ind.table)]
    after = ""
    for given, cell in line.values:
        head = added_head(given)
        if head is None:
            column = find_column(ctx.catalogue, ind, given)
            after = column.id if column is not None else after
            continue
        column_key = column_id(head)
        key = (ind.format, ind.table, column_key)
        if key not in found:
            found[key] = {"id": column_key, "format": ind.format, "table": ind.table, "label": head, "after": after}
            ctx.problems.append(problem("extra_column", cell.row, cell.column, "warning", label=head[:40],
                                        table=table.title))
        if (row, column_key) in ctx.where:
            first = ctx.where[(row, column_key)].row
            ctx.problems.append(problem("duplicate_cell", cell.row, cell.column, label=head[:40], first=first))
            continue
        cells_unit = unit or _unit(ind, after, ctx.catalogue)
        reading = read_cell(cell, cells_unit, column_key, ctx.problems)
        if reading is not None:
            ctx.where[(row, column_key)] = cell
            ctx.records.append(record(ctx.year, ind.format, row, column_key, cell, reading,
                                      ctx.source(table.title, cell)))


def _unit(ind: Indicator, after: str, catalogue: Catalogue) -> str:
    columns = catalogue.columns_of(ind.format, ind.table)
    return catalogue.unit_of(ind.id, after or columns[0].id) if ind.has_value else ind.unit
