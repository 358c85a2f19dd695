"""Quality: a year's table identities as findings — 上级 = Σ下级, 其中 ≤ 上级, channels against the de-duplicated total,
each row's 总计 — with the wording, both sides and sources every check's finding shares.
"""

from __future__ import annotations

import re

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Indicator
from gjj_dash.model.numbers import plain_number
from gjj_dash.model.problems import Finding
from gjj_dash.quality.grid import Grid, Value

_RELATIONS = ("sum", "subset", "channel")
TOL = 1e-6
_BREAKDOWN = re.compile(r"\s*(\d+(?:\.\d+)?)\s*=\s*(\d+(?:\.\d+)?(?:\s*\+\s*\d+(?:\.\d+)?)+)\s*(.*)", re.S)
NARRATIVE = re.compile(r"\s*[(（](叙述|narrative)[)）]\s*$")


def figure(value: float) -> str:
    """A figure as plain digits, for sentences (“94 + 91 + 6 = 191”)."""
    return plain_number(round(value, 6))


def close(a: float, b: float) -> bool:
    """Equal up to rounding (amounts in 万元 carry decimals)."""
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


class Audit:
    """The findings of one grid: the shared wording and the identities the catalogue itself declares."""

    def __init__(self, grid: Grid, checks: dict, lang: str):
        self.grid, self.cat, self.checks, self.lang = grid, grid.catalogue, checks, lang
        self.out: list[Finding] = []
        self.groups: dict[tuple[str, str], list[Indicator]] = {}
        for ind in self.cat.indicators.values():
            if ind.relation in _RELATIONS and ind.relation_to:
                self.groups.setdefault((ind.relation_to, ind.relation), []).append(ind)

    # -- wording -------------------------------------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return t(f"quality.{key}", self.lang, **values)

    def label(self, item: str) -> str:
        return self.cat.label(item, self.lang)

    def format_name(self, fmt: str | None) -> str:
        """A report format as readers know it (“2019年版”), not its code."""
        known = self.cat.formats.get(fmt or "")
        return (known.short_en if self.lang == "en" else known.short) if known else (fmt or "—")

    def where(self, item: str, column: str) -> str:
        return "" if column == "value" else self.t("where", column=self.grid.column_label(item, column, self.lang))

    def shown(self, cell: Value, unit: str) -> str:
        """“204 条”, “空白（未填报，按0计）”, or a stand-in total with its reason."""
        if cell.blank and not cell.derived:
            return self.t("blank_value")
        number = f"{figure(cell.value)} {unit}".strip()
        return self.t("stand_in_value", value=number) if cell.derived else number

    def parts(self, parts: list[tuple[str, Value]]) -> tuple[str, str, str]:
        """The sum as figures (“94 + 91 + 6 = 191”, a lone figure as itself), with labels, and what was blank."""
        filled = [(name, v) for name, v in parts if abs(v.value) > TOL]
        total = figure(sum(v.value for _, v in parts))
        expr = " + ".join(figure(v.value) for _, v in filled).replace("+ -", "- ")
        listed = self.t("sep").join(f"“{name}” {figure(v.value)}" for name, v in filled)
        named = self.t("paren", text=listed) if filled else ""
        return (f"{expr} = {total}" if len(filled) > 1 else total), named, self.notes(parts)

    def notes(self, cells: list[tuple[str, Value]]) -> str:
        """What the sentence must add: which cells were blank (counted as 0) and which 总计 were stood in for."""
        sep = self.t("sep")
        blank = sep.join(f"“{n}”" for n in dict.fromkeys(name for name, v in cells if v.blank and not v.derived))
        stood = sep.join(f"“{n}”" for n in dict.fromkeys(name for name, v in cells if v.derived))
        return (self.t("blanks", names=blank) if blank else "") + (self.t("stand_ins", names=stood) if stood else "")

    def add(self, check: str, year: int, message: str, left: tuple[str, Value | float | None],
            right: tuple[str, Value | float | None], cells: list[tuple[str, Value | None]],
            unit: str | tuple[str, str] = "") -> None:
        """Record a finding of a check listed in checks.csv (a check removed from the file is switched off).

        Each side is (label, figure); the unit goes into the side's label (“(一)主动公开政府信息数（条）”).
        """
        if check not in self.checks:
            return
        left_unit, right_unit = (unit, unit) if isinstance(unit, str) else unit
        left = (left[0] + (self.t("unit", unit=left_unit) if left_unit else ""), left[1])
        right = (right[0] + (self.t("unit", unit=right_unit) if right_unit else ""), right[1])
        sources = []
        for item, cell in cells:
            if cell is not None and cell.source:
                text = cell.source if item in self.cat.indicators else self.t("text_source", source=cell.source)
                sources.append(text)
        self.out.append(Finding(
            year, check, self.checks[check].severity, message,
            left[0], side_value(left[1]), right[0], side_value(right[1]),
            "；".join(dict.fromkeys(sources)), tuple(dict.fromkeys(item for item, _ in cells)),
        ))

    # -- the checks ----------------------------------------------------------------------------------------------

    def relation_sum(self, year: int, target: str, members: list[Indicator], column: str) -> None:
        parent = self.grid.get(year, target, column)
        kids = [(m.id, v) for m in members if (v := self.grid.get(year, m.id, column)) is not None]
        if parent is None or not kids or all(v.blank and not v.derived for v in [parent, *(v for _, v in kids)]):
            return
        total = sum(v.value for _, v in kids)
        if close(parent.value, total):
            return
        unit = self.cat.unit_of(target, column)
        expr, named, _ = self.parts([(self.label(i), v) for i, v in kids])
        notes = self.notes([(self.label(target), parent)] + [(self.label(i), v) for i, v in kids])
        message = self.t("msg_sum", parent=self.label(target), where=self.where(target, column),
                         value=self.shown(parent, unit), expr=expr, unit=unit, named=named,
                         notes=notes)
        self.add("sum", year, message, (self.label(target) + self.where(target, column), parent),
                 (self.t("sum_side"), total), [(target, parent), *kids], unit)

    def relation_subset(self, year: int, target: str, members: list[Indicator], column: str) -> None:
        parent = self.grid.get(year, target, column)
        for member in members:
            child = self.grid.get(year, member.id, column)
            if parent is None or child is None or child.blank or child.value <= parent.value + TOL:
                continue
            unit = self.cat.unit_of(member.id, column)
            message = self.t("msg_subset", child=self.label(member.id), where=self.where(target, column),
                             child_value=self.shown(child, unit), parent=self.label(target),
                             parent_value=self.shown(parent, unit), notes=self.notes([(self.label(target), parent)]))
            self.add("subset", year, message, (self.label(member.id), child), (self.label(target), parent),
                     [(member.id, child), (target, parent)], unit)

    def relation_channel(self, year: int, target: str, members: list[Indicator], column: str) -> None:
        total = self.grid.get(year, target, column)
        chans = [(m.id, v) for m in members if (v := self.grid.get(year, m.id, column)) is not None]
        filled = [(i, v) for i, v in chans if not v.blank]
        if total is None or not chans or (total.blank and not filled):
            return
        unit, label = self.cat.unit_of(target, column), self.label(target)
        if not filled:
            if total.value > TOL:
                message = self.t("msg_channel_blank", total=label, value=self.shown(total, unit))
                self.add("channel_blank", year, message, (label, total), (self.t("channel_side"), None),
                         [(target, total), *chans], unit)
            return
        summed = sum(v.value for _, v in chans)
        largest_id, largest = max(filled, key=lambda pair: pair[1].value)
        expr, named, notes = self.parts([(self.label(i), v) for i, v in chans])
        if total.value > summed + TOL:
            causes = self.causes(year, target)
            message = self.t("msg_channel_over", total=label, value=self.shown(total, unit),
                             total_n=figure(total.value), expr=expr, unit=unit, named=named,
                             notes=notes, cause="".join(text for text, _ in causes))
            self.add("channel", year, message, (label, total), (self.t("channel_side"), summed),
                     [(target, total), *chans, *((m, self.grid.get(year, m, "value")) for _, m in causes)], unit)
        elif total.value < largest.value - TOL:
            message = self.t("msg_channel_under", total=label, value=self.shown(total, unit),
                             channel=self.label(largest_id), channel_value=self.shown(largest, unit))
            self.add("channel", year, message, (label, total), (self.label(largest_id), largest),
                     [(target, total), (largest_id, largest)], unit)

    def causes(self, year: int, target: str) -> list[tuple[str, str]]:
        """The report text's own breakdown of a total (narrative measures restating it), as the likely cause."""
        out = []
        for measure in self.cat.measures.values():
            text = self.grid.texts.get((year, measure.id), "")
            if measure.restates != target or not text:
                continue
            match = _BREAKDOWN.match(text)
            if match:
                parts = " + ".join(p.strip() for p in match[2].split("+"))
                text = f"{parts} = {match[1]}{match[3]}"
            out.append((self.t("msg_cause", measure=NARRATIVE.sub("", self.label(measure.id)), breakdown=text),
                        measure.id))
        return out

    def row_total(self, year: int, indicator: str) -> None:
        """Each matrix row: 总计 = Σ applicant (or result) columns; a blank 总计 is left to blank_totals."""
        totals, part_ids = self.grid.roles(indicator)
        for total_id in totals:
            cell = self.grid.get(year, indicator, total_id)
            parts = [(c, v) for c in part_ids if (v := self.grid.get(year, indicator, c)) is not None]
            if cell is None or cell.blank or not parts:
                continue
            summed = sum(v.value for _, v in parts)
            if close(cell.value, summed):
                continue
            unit = self.cat.unit_of(indicator, total_id)
            col = self.grid.column_label(indicator, total_id, self.lang)
            expr, named, notes = self.parts([(self.grid.column_label(indicator, c, self.lang), v) for c, v in parts])
            message = self.t("msg_row_total", row=self.label(indicator), column=col, value=self.shown(cell, unit),
                             expr=expr, unit=unit, named=named, notes=notes)
            cells = [(indicator, cell), *((indicator, v) for _, v in parts)]
            self.add("row_total", year, message, (f"{self.label(indicator)}·{col}", cell),
                     (self.t("columns_side"), summed), cells, unit)

    def blank_totals(self, year: int) -> None:
        """One note per table listing the rows whose 总计 was printed blank and what the checks read instead."""
        by_table: dict[str, list[tuple[str, str, float]]] = {}
        for (y, indicator, column), value in self.grid.stand_ins.items():
            if y == year:
                ind = self.cat.indicators[indicator]
                table = self.cat.tables[(ind.format, ind.table)]
                title = table.title_en if self.lang == "en" else table.title
                by_table.setdefault(title, []).append((indicator, column, value))
        for title, rows in by_table.items():
            names = self.t("sep").join(f"“{self.label(i)}”" for i, _, _ in rows)
            figures = self.t("sep").join(f"“{self.label(i)}” {figure(v)}" for i, _, v in rows)
            message = self.t("msg_blank_total", table=title, n=len(rows), rows=names, figures=figures)
            cells = [(i, self.grid.get(year, i, c)) for i, c, _ in rows]
            self.add("blank_total", year, message, (self.t("blank_total_side"), None),
                     (self.t("columns_side"), sum(v for _, _, v in rows)), cells, self.cat.unit_of(*rows[0][:2]))


def side_value(value: Value | float | None) -> float | None:
    """A side's figure for the finding: None for a blank cell (never a made-up 0)."""
    if isinstance(value, Value):
        return None if value.blank and not value.derived else value.value
    return value
