"""Figures: flags that explain themselves — the rules of flags.csv applied to a year's indicators, series and
findings; each flag one neutral sentence with its figures, the official rows behind it and the page that shows them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd

from gjj_dash.figures.indicator_text import detail, headline, percent, rows_text, series_rows
from gjj_dash.figures.indicators import Reading
from gjj_dash.figures.rules import Rule, Rules
from gjj_dash.i18n import t
from gjj_dash.model.numbers import display
from gjj_dash.model.problems import Finding
from gjj_dash.model.values import Dataset
from gjj_dash.quality.checks import load_checks

PAGES = {"portal_visits": "portal", "disclosed": "disclosure"}  # series shown on their own page; others: tables


@dataclass(frozen=True)
class Flag:
    """One thing to look at: the rule that raised it, the sentence, the rows behind it and where to see them."""

    rule: str
    kind: str
    year: int
    text: str
    where: str  # the official rows (or report text) the figures come from
    page: str  # url path of the page that shows them (tables, portal, disclosure, quality, dictionary)
    target: str = ""  # the indicator or series the rule watches ("" for identities and gaps)

    @property
    def link(self) -> str:
        """The page and year behind the flag, as a link within the dashboard."""
        return f"/{self.page}?year={self.year}"


class _Raise:
    """The rules of one year, applied one by one (each kind its own method)."""

    def __init__(self, dataset: Dataset, year: int, rules: Rules, history: dict[int, list[Reading]],
                 frame: pd.DataFrame, findings: Iterable[Finding], lang: str):
        self.dataset, self.year, self.rules, self.lang = dataset, year, rules, lang
        self.cat = dataset.catalogue
        self.history = {y: {r.indicator.id: r for r in found} for y, found in history.items()}
        self.series = {(int(r["year"]), str(r["series"])): r for r in frame.to_dict("records")}
        self.findings = [f for f in findings if f.year == year]

    def reading(self, year: int | None, indicator: str) -> Reading | None:
        return None if year is None else self.history.get(year, {}).get(indicator)

    def where(self, reading: Reading) -> str:
        fmt = self.dataset.format_of(reading.year)
        rows = [r for s in reading.indicator.series for r in series_rows(self.cat, s, fmt, self.lang)]
        return rows_text(rows, self.lang)

    def page(self, series: Iterable[str]) -> str:
        return next((PAGES[s] for s in series if s in PAGES), "tables")

    def enough(self, reading: Reading | None, rule: Rule) -> bool:
        """A rate-based rule speaks only of a value with a sample of at least min_n (else the 样本一般 cut-off)."""
        floor = self.rules.fair if rule.min_n is None else rule.min_n
        return reading is not None and reading.value is not None and (reading.n or 0) >= floor

    def flag(self, rule: Rule, text: str, where: str, page: str) -> Flag:
        return Flag(rule.id, rule.kind, self.year, text, where, page, rule.target)

    def level(self, rule: Rule) -> Flag | None:
        """below / above: the year's value beyond the threshold."""
        now = self.reading(self.year, rule.target)
        if now is None or now.value is None or rule.threshold is None or not self.enough(now, rule):
            return None
        beyond = now.value < rule.threshold if rule.kind == "below" else now.value > rule.threshold
        if not beyond:
            return None
        change = now.indicator.kind == "change"  # its detail names both years already
        key = f"lead.flag_{rule.kind}" + ("_change" if change else "")
        text = t(key, self.lang, label=now.indicator.name(self.lang), year=self.year,
                 value=headline(now, self.cat, self.lang), detail=detail(now, self.cat, self.lang),
                 threshold=_threshold(rule.threshold, change, self.lang))
        return self.flag(rule, text, self.where(now), self.page(now.indicator.series))

    def move(self, rule: Rule) -> Flag | None:
        """fall / rise: the value moved by more than the threshold in points, both years with enough sample."""
        now = self.reading(self.year, rule.target)
        before = self.reading(self.dataset.previous_year(self.year), rule.target)
        if now is None or before is None or rule.threshold is None:
            return None
        if not (self.enough(now, rule) and self.enough(before, rule)):
            return None
        points = (now.value or 0.0) - (before.value or 0.0)
        if (-points if rule.kind == "fall" else points) <= rule.threshold:
            return None
        text = t(f"lead.flag_{rule.kind}", self.lang, label=now.indicator.name(self.lang),
                 points=f"{abs(points):.1f}", previous=before.year, before=percent(before.value or 0.0),
                 year=self.year, now=percent(now.value or 0.0), threshold=display(rule.threshold, lang=self.lang))
        return self.flag(rule, text, self.where(now), self.page(now.indicator.series))

    def count(self, year: int, series: str) -> float | None:
        row = self.series.get((year, series))
        return None if row is None or row["blank"] else float(row["value"])

    def nonzero(self, rule: Rule) -> Flag | None:
        """Any case at all (a correction on reconsideration or in court): counted, never held back by sample size."""
        value = self.count(self.year, rule.target)
        if value is None or value <= (rule.threshold or 0.0):
            return None
        h = self.cat.harmonised[rule.target]
        rows = rows_text(series_rows(self.cat, rule.target, self.dataset.format_of(self.year), self.lang), self.lang)
        text = t("lead.flag_nonzero", self.lang, label=self.cat.label(rule.target, self.lang), year=self.year,
                 value=display(value, lang=self.lang), unit=h.unit, rows=rows)
        return self.flag(rule, text, rows, self.page([rule.target]))

    def growth(self, rule: Rule) -> Flag | None:
        """A series that grew every year for `threshold` years running (consecutive loaded years only)."""
        steps = int(rule.threshold or 0)
        years = list(range(self.year - steps, self.year + 1))
        values = [self.count(y, rule.target) for y in years]
        if any(v is None for v in values) or not all(b > a for a, b in pairwise(values)):
            return None
        h = self.cat.harmonised[rule.target]
        path = " → ".join(t("lead.year_value", self.lang, year=y, value=display(v, lang=self.lang), unit=h.unit)
                          for y, v in zip(years, values, strict=True))
        rows = rows_text(series_rows(self.cat, rule.target, self.dataset.format_of(self.year), self.lang), self.lang)
        text = t("lead.flag_growth", self.lang, label=self.cat.label(rule.target, self.lang), n=steps, path=path)
        return self.flag(rule, text, rows, self.page([rule.target]))

    def identities(self, rule: Rule) -> Flag | None:
        """The year's tables break their own identities (error-level findings): kept as printed, shown on 数据质量."""
        broken = [f for f in self.findings if f.severity == "error"]
        if not broken:
            return None
        checks = load_checks()
        names = list(dict.fromkeys(checks[f.check].title(self.lang) if f.check in checks else f.check
                                   for f in broken))
        text = t("lead.flag_identities", self.lang, year=self.year, n=len(broken), checks="；".join(names[:3]))
        return self.flag(rule, text, "；".join(dict.fromkeys(f.sources for f in broken if f.sources)), "quality")

    def gaps(self, rule: Rule) -> Flag | None:
        """Years missing between the first and the last loaded year: the series has a hole there."""
        years = self.dataset.years
        missing = [y for y in range(min(years), max(years) + 1) if y not in years] if years else []
        if not missing:
            return None
        joined = ("、" if self.lang == "zh" else ", ").join(map(str, missing))
        text = t("lead.flag_gaps", self.lang, years=joined, first=min(years), last=max(years))
        return self.flag(rule, text, "", "dictionary")


def _threshold(value: float, signed: bool, lang: str) -> str:
    """A watch line as staff wrote it: "50%", "-30%"."""
    return ("+" if signed and value > 0 else "") + display(value, lang=lang) + "%"


_KINDS = {"below": "level", "above": "level", "fall": "move", "rise": "move", "nonzero": "nonzero",
          "growth": "growth", "identities": "identities", "gaps": "gaps"}


def raise_flags(
    dataset: Dataset, year: int, rules: Rules, history: dict[int, list[Reading]], frame: pd.DataFrame,
    findings: Iterable[Finding] = (), lang: str = "zh",
) -> list[Flag]:
    """Every flag of a year, in the rules file's order. `history`: the indicators of every loaded year
    (indicators.history); `frame`: the harmonised series; `findings`: the data-quality findings."""
    check = _Raise(dataset, year, rules, history, frame, findings, lang)
    found = (getattr(check, _KINDS[rule.kind])(rule) for rule in rules.rules)
    return [flag for flag in found if flag is not None]
