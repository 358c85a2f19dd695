"""Ingest: the one validation path — any reader's draft checked against the catalogue into the canonical frame."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from gjj_dash.ingest.draft import Draft, Field, Line
from gjj_dash.ingest.measures import check_measures
from gjj_dash.ingest.messages import problem
from gjj_dash.model.catalogue import HEADING_UNIT, Catalogue, Indicator
from gjj_dash.model.labels import find_column, find_rows
from gjj_dash.model.numbers import PLACEHOLDERS, NumberError, Reading, normalise_text, parse_number
from gjj_dash.model.printed import printed_unit
from gjj_dash.model.problems import Problem, Upload
from gjj_dash.model.values import CENTRE, conform, empty_values
from gjj_dash.quality.checks import check_values

LABEL_COLUMN = "统计指标"
MONEY_UNITS = ("万元", "元")
SIGNED_COLUMNS = ("change",)  # 2019 table 二 本年增/减 is signed; every other figure is a count or an amount
_SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


def validate(draft: Draft, year: int | None, catalogue: Catalogue) -> Upload:
    """Check a draft: year, rows, units, figures, identities; every problem at once, nothing corrected."""
    problems = list(draft.problems)
    resolved = _resolve_year(draft, year, problems)
    ctx = _Context(catalogue, resolved or 0, draft.name)
    if draft.kind == "table" and draft.format:
        _check_table(draft, ctx)
    elif draft.kind == "measures":
        ctx.records += check_measures(draft, catalogue, resolved, ctx.problems)
    problems += ctx.problems
    frame = conform(pd.DataFrame(ctx.records)) if ctx.records else empty_values()
    if draft.kind == "table" and ctx.records:
        problems += identity_warnings(frame, catalogue, ctx.where)
        if bool(frame["blank"].all()):
            problems.append(problem("all_blank", severity="warning"))
    report = _report(draft, resolved, catalogue, problems)
    ordered = sorted(problems, key=lambda p: (_SEVERITY_ORDER.get(p.severity, 3), p.row is None, p.row or 0))
    return Upload(draft.kind, draft.format, resolved, draft.encoding, frame, report, tuple(ordered))


def identity_warnings(frame: pd.DataFrame, catalogue: Catalogue, where: dict[tuple[str, str], Field]) -> list[Problem]:
    """The data-quality audit's table identities on the uploaded values, as warnings beside the cells — never fixes.

    gjj_dash.quality.checks owns the rules (sum, 其中, channels, row totals, the new format's balance); each finding is
    placed at the file row (and column, where one can be told) of the first cell it names.
    """
    out = []
    for finding in check_values(frame, catalogue):
        cell = _locate(finding.items, f"{finding.left} {finding.message}", catalogue, where)
        severity = "note" if finding.severity == "note" else "warning"
        out.append(problem("identity", cell[0], cell[1], severity, message=finding.message))
    return out


def _locate(
    items: tuple[str, ...], text: str, catalogue: Catalogue, where: dict[tuple[str, str], Field]
) -> tuple[int | None, str | None]:
    for item in items:
        cells = {column: cell for (ind, column), cell in where.items() if ind == item}
        if len(cells) == 1:
            cell = next(iter(cells.values()))
            return cell.row, cell.column
        ind = catalogue.indicators.get(item)
        if cells and ind is not None:
            for col in catalogue.columns_of(ind.format, ind.table):
                if col.id in cells and (f"“{col.label}”" in text or f"（{col.label}）" in text):
                    return cells[col.id].row, cells[col.id].column
            return next(iter(cells.values())).row, None
    return None, None


def _resolve_year(draft: Draft, year: int | None, problems: list[Problem]) -> int | None:
    """The year given (--year / the form) or stated by the file; any disagreement is an error at its row."""
    counts = Counter(y for y, _ in draft.years)
    stated = [y for y, _ in counts.most_common()]
    if year is not None:
        for found, cell in draft.years:
            if found != year:
                problems.append(problem("year_mismatch", cell.row, cell.column, found=found, given=year))
        return year
    if len(stated) == 1:
        return stated[0]
    if not stated:
        problems.append(problem("no_year"))
        return None
    for found, cell in draft.years:
        if found != stated[0]:
            problems.append(problem("years_differ", cell.row, cell.column, found=found, first=stated[0]))
    return None


def _top(ind: Indicator, catalogue: Catalogue) -> str:
    while ind.parent and ind.parent in catalogue.indicators:
        ind = catalogue.indicators[ind.parent]
    return ind.id


@dataclass
class _Context:
    """What checking one table draft accumulates."""

    catalogue: Catalogue
    year: int
    name: str
    records: list[dict] = field(default_factory=list)
    where: dict[tuple[str, str], Field] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _check_table(draft: Draft, ctx: _Context) -> None:
    """Match every line to one catalogue row (section by section: some labels repeat), then check unit and cells."""
    catalogue = ctx.catalogue
    fmt = draft.format or ""
    rows = catalogue.rows(fmt)
    seen: dict[str, Field] = {}
    section = ""
    for line in draft.lines:
        candidates = find_rows(catalogue, fmt, line.label.text)
        if line.table:
            candidates = [c for c in candidates if c.table == line.table] or candidates
        if not candidates:
            tables = {line.table} if line.table else {i.table for i in rows}
            ctx.problems.append(_unknown(line, [i.label for i in rows if i.table in tables]))
            continue
        same = [c for c in candidates if _top(c, catalogue) == section]
        ind = (same or [c for c in candidates if c.id not in seen] or candidates)[0]
        section = _top(ind, catalogue)
        if ind.id in seen:
            first = seen[ind.id].row
            where = line.label.column
            ctx.problems.append(problem("duplicate_row", line.label.row, where, label=ind.label, first=first))
            continue
        seen[ind.id] = line.label
        if not line.broken:
            _check_line(line, ind, ctx)
    if not draft.lines:
        ctx.problems.append(problem("no_rows"))
        return
    carried = {catalogue.indicators[i].table for i in seen}
    for ind in rows:
        if ind.has_value and ind.id not in seen and ind.table in carried:
            ctx.problems.append(problem("missing_row", None, LABEL_COLUMN, label=ind.label))
    ctx.problems += section_notes(catalogue, fmt, carried)
    order = {ind.id: n for n, ind in enumerate(rows)}
    ctx.records.sort(key=lambda r: order[r["indicator"]])


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


def _check_line(line: Line, ind: Indicator, ctx: _Context) -> None:
    if line.unit is not None:
        given = line.unit.norm
        if ind.unit == HEADING_UNIT or not ind.has_value:
            if given not in PLACEHOLDERS:
                ctx.problems.append(
                    problem("heading_unit", line.unit.row, line.unit.column, label=ind.label, given=given)
                )
        elif given not in _units(ind, ctx.catalogue):
            shown = line.unit.text.strip() or "（空）"
            ctx.problems.append(
                problem("wrong_unit", line.unit.row, line.unit.column, label=ind.label, unit=ind.unit, given=shown)
            )
    table = ctx.catalogue.tables.get((ind.format, ind.table))
    source = f"{table.title if table else ''}（上传文件“{ctx.name}”）"
    for given, cell in line.values:
        filled = bool(cell.text.strip()) and normalise_text(cell.text) not in PLACEHOLDERS
        col = find_column(ctx.catalogue, ind, given)
        if not ind.has_value or col is None:
            if filled and not ind.has_value:
                ctx.problems.append(problem("heading_value", cell.row, cell.column, label=ind.label))
            elif filled:
                ctx.problems.append(problem("no_such_column", cell.row, cell.column, label=ind.label, given=given))
            continue
        if (ind.id, col.id) in ctx.where:
            first = ctx.where[(ind.id, col.id)]
            ctx.problems.append(problem("duplicate_cell", cell.row, cell.column, label=ind.label, first=first.row))
            continue
        reading = _read_cell(cell, ctx.catalogue.unit_of(ind.id, col.id), col.id, ctx.problems)
        if reading is None:
            continue
        ctx.where[(ind.id, col.id)] = cell
        ctx.records.append(_record(ctx.year, ind, col.id, cell, reading, source))


def _units(ind: Indicator, catalogue: Catalogue) -> set[str]:
    """The units a row may be written with: its own, or the export's printed unit (“个 / 元”)."""
    columns = catalogue.columns_of(ind.format, ind.table)
    return {normalise_text(ind.unit), normalise_text(printed_unit(catalogue, ind, columns))}


def _read_cell(cell: Field, unit: str, column: str, problems: list[Problem]) -> Reading | None:
    """One figure read strictly; unit written in the cell, sign and whole-number rules checked."""
    raw = cell.text.strip()
    text = normalise_text(raw)
    in_wan = unit == "万元" and text.endswith("万元")
    try:
        reading = parse_number(text[:-2] if in_wan else raw)
    except NumberError as exc:
        problems.append(Problem(str(exc), cell.row, cell.column))
        return None
    if in_wan:
        reading = Reading(reading.value, reading.qualifier, reading.blank, "万元")
    if reading.blank:
        return reading
    if reading.unit and reading.unit != unit:
        problems.append(problem("cell_unit", cell.row, cell.column, given=reading.unit, unit=unit or "（无）"))
        return None
    value = float(reading.value or 0.0)
    if value < 0 and column not in SIGNED_COLUMNS:
        problems.append(problem("negative", cell.row, cell.column, raw=raw))
        return None
    if unit not in MONEY_UNITS and not value.is_integer():
        problems.append(problem("not_integer", cell.row, cell.column, raw=raw, unit=unit))
        return None
    if reading.qualifier:
        problems.append(problem("approximate", cell.row, cell.column, "note", raw=raw, value=_plain(value)))
    return reading


def _plain(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _record(year: int, ind: Indicator, column: str, cell: Field, reading: Reading, source: str) -> dict:
    return {
        "year": year,
        "unit": CENTRE,
        "format": ind.format,
        "indicator": ind.id,
        "column": column,
        "raw": cell.text.strip(),
        "value": math.nan if reading.blank else reading.value,
        "qualifier": reading.qualifier,
        "blank": reading.blank,
        "text": "",
        "source": source,
    }


def _report(draft: Draft, year: int | None, catalogue: Catalogue, problems: list[Problem]) -> dict:
    """The year's report.json as far as the file gives it: year, format, reporting unit, footer, title, source.

    A measures file says nothing about the year's table, so its report carries only year and file facts (the store
    merges it over the current report).
    """
    report: dict = {"year": year}
    if draft.kind == "table":
        centre = catalogue.units[CENTRE].label
        footer = {k: v for k, v in draft.report.get("footer", {}).items() if v}
        unit = footer.get("填报单位", "") or centre
        if normalise_text(unit) != normalise_text(centre):
            problems.append(problem("other_unit", None, None, "warning", unit=unit[:60], centre=centre))
        report["format"] = draft.format
        report["title"] = f"{centre}{year or ''}年度政府信息公开工作年度报告"
        report["reporting_unit"] = unit
        if footer:
            report["footer"] = footer
        report["source"] = draft.source or f"上传文件“{draft.name}”"
    report["origin"] = "upload"
    report["file_name"] = draft.name
    report["encoding"] = draft.encoding
    return report
