"""Ingest: a table draft's lines matched to the catalogue's rows, section by section (some labels repeat), then each
row's cells checked (gjj_dash.ingest.cells).

A report as published (Draft.printed) is read as it prints: a label printed with a typo is its row when its item
number and place say so (a warning names both wordings); a row the catalogue lacks, or a group label printed as a
row of figures (“（六）其他处理” without its 1.–3.), is kept as an extra row of its table with its printed label,
after the row it follows; every table of the format must be there. A provincial table keeps its rows as printed:
none is required, its units are its own, and its labels, order and column heads are kept for showing it. A column
the table's head adds is kept the same way (gjj_dash.ingest.extra_columns: report.json's extra_columns).
"""

from __future__ import annotations

import difflib
import hashlib
import re

from gjj_dash.ingest.cells import Context, check_line, read_cell, record
from gjj_dash.ingest.draft import LABEL_COLUMN, Draft, Field, Line, added_head
from gjj_dash.ingest.extra_columns import keep_cells
from gjj_dash.ingest.messages import problem
from gjj_dash.model.catalogue import Catalogue, Indicator
from gjj_dash.model.labels import find_rows, label_key, stem
from gjj_dash.model.problems import Problem

PREFIXES = {"new2019": "n19.", "new2021": "n21.", "old": "old."}
_NUMBER = re.compile(r"^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
_TYPO_RATIO = 0.6


def _top(ind: Indicator, catalogue: Catalogue) -> str:
    while ind.parent and ind.parent in catalogue.indicators:
        ind = catalogue.indicators[ind.parent]
    return ind.id


def check_table(draft: Draft, ctx: Context) -> None:
    """Match every line to one catalogue row, keep a report's extra rows and columns, then check each row's unit and
    cells."""
    catalogue, fmt = ctx.catalogue, draft.format or ""
    rows = catalogue.rows(fmt)
    seen: dict[str, Field] = {}
    units: dict[str, str] = {}
    extras: list[dict] = []
    added: dict[tuple, dict] = {}  # the columns the report adds, by (format, table, id)
    section, last = "", None
    for line in draft.lines:
        ind = _match(line, draft, ctx, section, seen, last)
        if ind is None or _extra(line, ind, draft, ctx, last, extras, added):
            continue
        section, last = _top(ind, catalogue), ind
        if ind.id in seen:
            first = seen[ind.id].row
            ctx.problems.append(problem("duplicate_row", line.label.row, line.label.column, label=ind.label,
                                        first=first))
            continue
        seen[ind.id] = line.label
        units[ind.id] = line.unit.text.strip() if line.unit else ""
        if not line.broken:
            check_line(line, ind, ctx)
            if ind.has_value:
                keep_cells(line, ind, ind.id, "", ctx, added)
    if not draft.lines:
        ctx.problems.append(problem("no_rows"))
        return
    carried = {catalogue.indicators[i].table for i in seen}
    _missing(draft, ctx, rows, seen, carried, extras)
    ctx.problems += section_notes(catalogue, fmt, carried)
    order = {ind.id: float(n) for n, ind in enumerate(rows)}
    for n, extra in enumerate(extras, start=1):
        order[extra["id"]] = order.get(extra["after"], -1.0) + n / 1000
    ctx.records.sort(key=lambda r: order[r["indicator"]])
    if extras:
        draft.report["extra_rows"] = extras
    if added:
        draft.report["extra_columns"] = list(added.values())
    if catalogue.formats[fmt].provincial:
        draft.report["printed_rows"] = [
            {"id": i, "label": f.text.strip(), "unit": units[i]} for i, f in seen.items()
        ]


def _match(line: Line, draft: Draft, ctx: Context, section: str, seen: dict, last: Indicator | None):
    catalogue, fmt = ctx.catalogue, draft.format or ""
    candidates = find_rows(catalogue, fmt, line.label.text)
    if line.table:
        candidates = [c for c in candidates if c.table == line.table] or candidates
    if candidates:
        same = [c for c in candidates if _top(c, catalogue) == section]
        return (same or [c for c in candidates if c.id not in seen] or candidates)[0]
    if draft.printed and (typo := _by_place(line, fmt, last, seen, catalogue)) is not None:
        ctx.problems.append(problem("printed_typo", line.label.row, line.label.column, "warning",
                                    label=line.label.text.strip()[:60], official=typo.label))
        return typo
    if draft.printed and last is not None and any(f.text.strip() for _, f in line.values):
        return last  # an extra row: kept after the row it follows (see _extra)
    rows = catalogue.rows(fmt)
    tables = {line.table} if line.table else {i.table for i in rows}
    ctx.problems.append(_unknown(line, [i.label for i in rows if i.table in tables]))
    return None


def _by_place(line: Line, fmt: str, last: Indicator | None, seen: dict, catalogue: Catalogue) -> Indicator | None:
    """The next row after the last one matched, when the printed label has its item number and nearly its words."""
    rows = [i for i in catalogue.rows(fmt) if i.has_value]
    after = rows.index(last) + 1 if last in rows else 0
    if after >= len(rows) or rows[after].id in seen:
        return None
    nxt, key = rows[after], label_key(line.label.text)
    number, official = _NUMBER.match(key), label_key(nxt.label)
    if not number or not official.startswith(number.group(1)):
        return None
    ratio = difflib.SequenceMatcher(None, stem(key), stem(official)).ratio()
    return nxt if ratio >= _TYPO_RATIO else None


def _extra(line: Line, ind: Indicator, draft: Draft, ctx: Context, last: Indicator | None, extras: list,
           added: dict) -> bool:
    """Keep a report's row the catalogue lacks (or a group label printed with figures) as an extra row of its table,
    with its printed label, after the row it follows (its cells under added columns too); True when the line was
    one."""
    known = bool(find_rows(ctx.catalogue, draft.format or "", line.label.text))
    group_with_figures = known and not ind.has_value and any(f.text.strip() for _, f in line.values)
    if not draft.printed or (known and not group_with_figures) or (not known and ind is not last):
        return False
    table = ind.table
    # named by its printed label: the same row printed in several years is one row of the dataset
    digest = hashlib.sha1(label_key(line.label.text).encode("utf-8")).hexdigest()[:8]
    extra_id = f"{PREFIXES.get(ind.format, ind.format + '.')}{table}.x{digest}"
    after = _before(ind, ctx) if group_with_figures else ind.id
    unit = next((c.unit for c in ctx.catalogue.columns_of(ind.format, table) if c.unit), "") or "件"
    extras.append({"id": extra_id, "format": ind.format, "table": table, "label": line.label.text.strip(),
                   "after": after, "unit": unit, "group": ind.id if group_with_figures else ""})
    title = ctx.catalogue.tables[(ind.format, table)].title
    columns = {c.id for c in ctx.catalogue.columns_of(ind.format, table)}
    ctx.problems.append(problem("extra_row", line.label.row, line.label.column, "warning",
                                label=line.label.text.strip()[:60], table=title))
    for given, cell in line.values:
        if given not in columns:
            continue
        reading = read_cell(cell, unit, given, ctx.problems)
        if reading is not None:
            ctx.records.append(record(ctx.year, ind.format, extra_id, given, cell, reading, ctx.source(title, cell)))
    if any(added_head(given) is not None for given, _ in line.values):
        keep_cells(line, ind, extra_id, unit, ctx, added)
    return True


def _before(ind: Indicator, ctx: Context) -> str:
    """The row a group printed as one row follows: the last row before the group in the catalogue."""
    rows = ctx.catalogue.rows(ind.format, ind.table)
    at = rows.index(ind)
    return next((r.id for r in reversed(rows[:at]) if r.has_value), ind.id)


def _missing(draft: Draft, ctx: Context, rows: list[Indicator], seen: dict, carried: set, extras: list) -> None:
    """Rows a table lacks (a provincial table's rows are all optional; the rows of a group printed as one row are
    that row); for a report, the tables it lacks."""
    catalogue, fmt = ctx.catalogue, draft.format or ""
    if catalogue.formats[fmt].provincial:
        return
    grouped = {e["group"] for e in extras if e["group"]}
    for ind in rows:
        if ind.has_value and ind.id not in seen and ind.table in carried and ind.parent not in grouped:
            ctx.problems.append(problem("missing_row", None, LABEL_COLUMN, label=ind.label))
    if draft.printed:
        for table in catalogue.tables_of(fmt):
            if table.id not in carried:
                ctx.problems.append(problem("report_missing_table", None, None, table=table.title))


def section_notes(catalogue: Catalogue, fmt: str, carried: set[str]) -> list[Problem]:
    """A note naming the tables a new-format file carries; only they are replaced when it is published."""
    tables = catalogue.tables_of(fmt)
    if len(tables) < 2 or not carried:
        return []
    found = "、".join(t.title for t in tables if t.id in carried)
    absent = "、".join(t.title for t in tables if t.id not in carried)
    if not absent:
        return [problem("sections_all", severity="note", count=len(tables))]
    return [problem("sections_some", severity="note", found=found, absent=absent)]


def _unknown(line: Line, labels: list[str]) -> Problem:
    near = difflib.get_close_matches(line.label.text.strip(), labels, n=1, cutoff=0.75)
    hint = f"（是否为“{near[0]}”？）" if near else ""
    return problem("unknown_row", line.label.row, line.label.column, label=line.label.text.strip()[:60], hint=hint)
