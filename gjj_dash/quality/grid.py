"""Quality: the cells the quality checks read — blank as 0 (flagged), a blank row 总计 read as its row's sum (flagged).

Nothing here changes the data: the grid is a read-only view built from a canonical values frame. A blank matrix
总计 cell (Shanghai 2019 prints every detail row's 总计 blank) is *not reported*, so the checks read the row's own
columns instead and say so; any other blank cell counts as 0 and is flagged as blank.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.totals import derived_totals
from gjj_dash.model.values import CENTRE, Dataset

PREV = "prev:"


@dataclass(frozen=True)
class Value:
    """One figure as a check reads it: 0.0 for a blank cell (flagged), the stand-in sum for a blank 总计 (flagged)."""

    value: float
    blank: bool = False
    derived: bool = False
    qualifier: str = ""
    source: str = ""


@dataclass(frozen=True)
class Term:
    """One operand of a check written in checks.csv: [prev:]indicator[@column] or [prev:]harmonised series id."""

    sign: int
    prev: bool
    ref: str
    column: str | None


def parse_terms(text: str) -> list[Term]:
    """“a + prev:b@c - d” → its terms, in order (a sign stands alone, between spaces)."""
    terms, sign = [], 1
    for token in text.split():
        if token in ("+", "-"):
            sign = -1 if token == "-" else 1
            continue
        prev = token.startswith(PREV)
        ref, _, column = token.removeprefix(PREV).partition("@")
        terms.append(Term(sign, prev, ref, column or None))
        sign = 1
    return terms


class Grid:
    """Every centre cell of every year, keyed (year, indicator, column), plus each year's harmonised series."""

    def __init__(self, values: pd.DataFrame, catalogue: Catalogue, reports: dict[int, dict] | None = None):
        self.catalogue = catalogue
        self.cells: dict[tuple[int, str, str], Value] = {}
        self.columns: dict[tuple[int, str], list[str]] = {}
        self.formats: dict[int, str] = {}
        self.texts: dict[tuple[int, str], str] = {}
        for row in values.itertuples(index=False):
            if row.unit == CENTRE and row.text:
                self.texts[(int(row.year), row.indicator)] = row.text
            if row.unit != CENTRE or (not row.blank and math.isnan(row.value)):
                continue  # branch figures and text-only measures carry nothing to add up
            year = int(row.year)
            value = Value(0.0 if row.blank else float(row.value), bool(row.blank), False, row.qualifier, row.source)
            self.cells[(year, row.indicator, row.column)] = value
            self.columns.setdefault((year, row.indicator), []).append(row.column)
            if row.format != "measure":
                self.formats.setdefault(year, row.format)
        for year, report in (reports or {}).items():
            if report.get("format") in catalogue.formats:
                self.formats[int(year)] = report["format"]
        self.years = sorted({y for y, _, _ in self.cells})
        self.stand_ins = self._stand_in_totals(values)
        self.series = self._series(values, reports)

    def get(self, year: int, indicator: str, column: str) -> Value | None:
        return self.cells.get((year, indicator, column))

    def columns_of(self, year: int, indicator: str) -> list[str]:
        """The catalogue columns a year reports for a row, in the table's order: a column a report adds to its table
        (report.json's extra_columns) is kept and shown, never checked."""
        given = self.columns.get((year, indicator), [])
        ind = self.catalogue.indicators.get(indicator)
        if ind is None:
            return given
        order = [c.id for c in self.catalogue.columns_of(ind.format, ind.table)]
        return sorted((c for c in given if c in order), key=order.index)

    def roles(self, indicator: str) -> tuple[list[str], list[str]]:
        """The row's 总计 columns and the columns they add up (columns.csv relation total / sum)."""
        ind = self.catalogue.indicators.get(indicator)
        if ind is None:
            return [], []
        cols = self.catalogue.columns_of(ind.format, ind.table)
        return [c.id for c in cols if c.relation == "total"], [c.id for c in cols if c.relation == "sum"]

    def _stand_in_totals(self, values: pd.DataFrame) -> dict[tuple[int, str, str], float]:
        """Blank 总计 cells whose row has figures: read as that row's sum (gjj_dash.model.totals), flagged derived."""
        found: dict[tuple[int, str, str], float] = {}
        for (year, unit, indicator, column), stand_in in derived_totals(values, self.catalogue).items():
            cell = self.cells.get((year, indicator, column))
            if unit != CENTRE or cell is None:
                continue
            found[(year, indicator, column)] = stand_in
            self.cells[(year, indicator, column)] = Value(stand_in, True, True, "", cell.source)
        return found

    def _series(self, values: pd.DataFrame, reports: dict[int, dict] | None) -> dict[tuple[int, str], Value]:
        """Each year's harmonised series (series.py: cross-format sums, centre or branches, blank as 0)."""
        years = reports or {y: {"format": self.formats.get(y, "measure")} for y in self.years}
        frame = harmonised_series(Dataset(values, years, self.catalogue))
        out = {}
        for row in frame.itertuples(index=False):
            out[(int(row.year), row.series)] = Value(
                float(row.value), bool(row.blank), bool(row.derived), row.qualifier, row.source
            )
        return out

    def term(self, year: int, term: Term, column: str) -> Value | None:
        """The value of one operand in a year (prev: the year before), or None when that year does not report it."""
        when = year - 1 if term.prev else year
        if term.ref in self.catalogue.harmonised:
            return self.series.get((when, term.ref))
        return self.get(when, term.ref, term.column or column)

    def column_label(self, indicator: str, column: str, lang: str = "zh") -> str:
        """The printed label of a column of a row's table (统计数, 自然人, 结果维持 …)."""
        ind = self.catalogue.indicators.get(indicator)
        for col in self.catalogue.columns_of(ind.format, ind.table) if ind else ():
            if col.id == column:
                return col.label_en if lang == "en" else col.label
        return column

    def term_label(self, year: int, term: Term, cross_year: bool, lang: str = "zh") -> str:
        """“(一)主动公开政府信息数”, with the column (“行政许可·上一年项目数量”) and, across years, the year."""
        label = self.catalogue.label(term.ref, lang)
        if term.column:
            label = f"{label}·{self.column_label(term.ref, term.column, lang)}"
        if cross_year:
            label = f"{year - 1 if term.prev else year}{'年' if lang != 'en' else ''} {label}"
        return label
