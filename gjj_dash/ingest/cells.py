"""Ingest: one table row's cells checked — the unit printed beside it, every figure read strictly (sign, whole
numbers, unit written in the cell, qualifiers) — into canonical records with their source."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gjj_dash.ingest.draft import Field, Line, added_head
from gjj_dash.ingest.messages import problem
from gjj_dash.model.catalogue import HEADING_UNIT, Catalogue, Indicator
from gjj_dash.model.labels import find_column
from gjj_dash.model.numbers import PLACEHOLDERS, NumberError, Reading, normalise_text, parse_number
from gjj_dash.model.printed import printed_unit
from gjj_dash.model.problems import Problem
from gjj_dash.model.values import CENTRE

MONEY_UNITS = ("万元", "元")
SIGNED_COLUMNS = ("change",)  # 2019 table 二 本年增/减 is signed; every other figure is a count or an amount


@dataclass
class Context:
    """What checking one table draft accumulates: records, where each cell was read, problems; the source each
    record names (a report's title and the place in it, or the uploaded file), and whether units are only noted
    (a provincial table prints its own)."""

    catalogue: Catalogue
    year: int
    name: str
    records: list[dict] = field(default_factory=list)
    where: dict[tuple[str, str], Field] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    document: str = ""
    lenient_units: bool = False

    def source(self, table_title: str, cell: Field) -> str:
        """Where a figure came from: the report, its table, row, column and page; or the uploaded file."""
        if not self.document:
            return f"{table_title}（上传文件“{self.name}”）"
        place = f"第{cell.row}行“{cell.column}”列" + (f"，第{cell.page}页" if cell.page else "")
        return f"{table_title}（{self.document}，{place}）"


def check_line(line: Line, ind: Indicator, ctx: Context) -> None:
    """A matched row's unit and cells into records (each problem at its cell)."""
    if line.unit is not None:
        given = line.unit.norm
        if ind.unit == HEADING_UNIT or not ind.has_value:
            if given not in PLACEHOLDERS:
                ctx.problems.append(
                    problem("heading_unit", line.unit.row, line.unit.column, label=ind.label, given=given)
                )
        elif given not in _units(ind, ctx.catalogue):
            shown = line.unit.text.strip() or "（空）"
            severity = "warning" if ctx.lenient_units else "error"
            ctx.problems.append(problem("wrong_unit", line.unit.row, line.unit.column, severity, label=ind.label,
                                        unit=ind.unit, given=shown))
    table = ctx.catalogue.tables.get((ind.format, ind.table))
    title = table.title if table else ""
    for given, cell in line.values:
        if added_head(given) is not None:
            continue  # a column the report adds: gjj_dash.ingest.extra_columns keeps it
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
        reading = read_cell(cell, ctx.catalogue.unit_of(ind.id, col.id), col.id, ctx.problems)
        if reading is None:
            continue
        ctx.where[(ind.id, col.id)] = cell
        ctx.records.append(record(ctx.year, ind.format, ind.id, col.id, cell, reading, ctx.source(title, cell)))


def _units(ind: Indicator, catalogue: Catalogue) -> set[str]:
    """The units a row may be written with: its own, or the export's printed unit (“个 / 元”)."""
    columns = catalogue.columns_of(ind.format, ind.table)
    return {normalise_text(ind.unit), normalise_text(printed_unit(catalogue, ind, columns))}


def read_cell(cell: Field, unit: str, column: str, problems: list[Problem]) -> Reading | None:
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


def record(year: int, fmt: str, indicator: str, column: str, cell: Field, reading: Reading, source: str) -> dict:
    """One canonical values record of a centre figure."""
    return {
        "year": year,
        "unit": CENTRE,
        "format": fmt,
        "indicator": indicator,
        "column": column,
        "raw": cell.text.strip(),
        "value": math.nan if reading.blank else reading.value,
        "qualifier": reading.qualifier,
        "blank": reading.blank,
        "text": "",
        "source": source,
    }


