"""Figures: the leadership indicators of a year — each rate (or change on last year) with its numerator, denominator,
sample size and tag, the official rows it reads in that year's format, or why it cannot be given. A pure function
of a Dataset and a year, so pages, the brief, the CLI, open data and comparisons with other bodies share it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.figures.rules import Rules
from gjj_dash.model.leadership import KeyIndicator, load_key_indicators
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset

SAMPLES = ("ample", "fair", "small")
# ok: a value; zero: the denominator is 0; absent: a series has no row in the format (or no figure in the year's
# data); no_previous: a change whose previous year is not loaded.
STATUSES = ("ok", "zero", "absent", "no_previous")


@dataclass(frozen=True)
class Part:
    """One harmonised series of one year as an indicator reads it: blank cells count as 0 (and are counted)."""

    series: str
    year: int
    value: float
    qualifier: str
    blank: bool  # every cell it sums was left blank
    blank_cells: int
    derived: int  # blank 总计 cells read as their row's sum
    format: str
    section: str = ""  # where in the report the cells are (the values' source)


@dataclass(frozen=True)
class Gap:
    """A series an indicator needs that a year cannot give: its format has no such row, or the year lacks it."""

    series: str
    year: int
    format: str
    in_format: bool  # the format has the row (the year's data lacks it) rather than no such row at all


@dataclass(frozen=True)
class Reading:
    """One indicator in one year: the figures, or the reason there are none."""

    indicator: KeyIndicator
    year: int
    status: str
    numerator: tuple[Part, ...] = ()
    denominator: tuple[Part, ...] = ()
    gaps: tuple[Gap, ...] = ()
    previous: int | None = None  # the year a change compares with
    sample: str = ""  # ample / fair / small; "" when there is no sample (absent, no previous year)

    @property
    def num(self) -> float | None:
        return sum(p.value for p in self.numerator) if self.status in ("ok", "zero") else None

    @property
    def den(self) -> float | None:
        return sum(p.value for p in self.denominator) if self.status in ("ok", "zero") else None

    @property
    def value(self) -> float | None:
        """The rate in percent (a change: the change in percent of last year's figure); None unless status ok."""
        if self.status != "ok" or not self.den:
            return None
        ratio = float(self.num or 0) / float(self.den)
        return 100.0 * (ratio - 1.0 if self.indicator.kind == "change" else ratio)

    @property
    def n(self) -> int | None:
        """The sample: the denominator (a change: last year's figure)."""
        return None if self.den is None else int(round(self.den))

    @property
    def small(self) -> bool:
        """Too few cases to headline a rate: pages headline the count, and no rate-based flag is raised."""
        return self.sample == "small"

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.numerator + self.denominator

    @property
    def approximate(self) -> bool:
        return any(p.qualifier for p in self.parts)


def sample_tag(n: int, rules: Rules) -> str:
    """样本充足 / 样本一般 / 样本偏少 by the rules' cut-offs (N ≥ ample, N ≥ fair, below)."""
    return "ample" if n >= rules.ample else "fair" if n >= rules.fair else "small"


class _Year:
    """The harmonised series of every year, looked up by (year, series)."""

    def __init__(self, dataset: Dataset, frame: pd.DataFrame):
        self.dataset = dataset
        self.rows = {(int(r["year"]), str(r["series"])): r for r in frame.to_dict("records")}

    def part(self, year: int, series: str) -> Part | Gap:
        fmt = self.dataset.format_of(year)
        row = self.rows.get((year, series))
        if row is None:
            mapped = any(m.format in (fmt, "measure") for m in self.dataset.catalogue.harmonised[series].mappings)
            return Gap(series, year, fmt, mapped)
        return Part(series, year, float(row["value"]), str(row["qualifier"]), bool(row["blank"]),
                    int(row["blank_cells"]), int(row["derived"]), fmt, str(row["source"]))


def _reading(frames: _Year, indicator: KeyIndicator, year: int, rules: Rules) -> Reading:
    if indicator.kind == "change":
        now = frames.part(year, indicator.numerator[0])
        previous = frames.dataset.previous_year(year)
        if isinstance(now, Gap):
            return Reading(indicator, year, "absent", gaps=(now,), previous=year - 1)
        if previous is None:
            return Reading(indicator, year, "no_previous", previous=year - 1)
        top, bottom = [now], [frames.part(previous, indicator.numerator[0])]
    else:
        previous = None
        top = [frames.part(year, s) for s in indicator.numerator]
        bottom = [frames.part(year, s) for s in indicator.denominator]
    gaps = tuple(p for p in (*top, *bottom) if isinstance(p, Gap))
    if gaps:
        return Reading(indicator, year, "absent", gaps=gaps, previous=previous)
    num, den = tuple(p for p in top if isinstance(p, Part)), tuple(p for p in bottom if isinstance(p, Part))
    total = sum(p.value for p in den)
    status = "ok" if total > 0 else "zero"
    return Reading(indicator, year, status, num, den, previous=previous, sample=sample_tag(int(round(total)), rules))


def readings(dataset: Dataset, year: int, rules: Rules, frame: pd.DataFrame | None = None) -> list[Reading]:
    """Every leadership indicator of a loaded year, in catalogue order. `frame`: the harmonised series of the
    dataset when the caller already has them (harmonised_series(dataset))."""
    return history(dataset, rules, frame, [year])[year]


def history(
    dataset: Dataset, rules: Rules, frame: pd.DataFrame | None = None, years: list[int] | None = None
) -> dict[int, list[Reading]]:
    """The indicators of every loaded year (or of `years`): charts across years and flags that look back."""
    frames = _Year(dataset, harmonised_series(dataset) if frame is None else frame)
    indicators = load_key_indicators().values()
    return {y: [_reading(frames, i, y, rules) for i in indicators] for y in (dataset.years if years is None else years)}
