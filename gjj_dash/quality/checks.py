"""Quality: the data-quality audit — every identity, cross-year rule and restatement as findings; nothing changed.

The rules are data: data/catalogue/checks.csv names each check, its severity and its operands; which rows add up
(sum), which are 其中 (subset) and which are channels of a de-duplicated total (channel) come from the indicator
catalogue, and each row's 总计 from columns.csv. A finding carries both sides, their figures and sources.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import Catalogue, CatalogueError
from gjj_dash.model.numbers import AT_LEAST, cell_text
from gjj_dash.model.problems import SEVERITIES, Finding
from gjj_dash.model.values import Dataset
from gjj_dash.paths import CATALOGUE_DIR
from gjj_dash.quality.grid import Grid, Value, parse_terms
from gjj_dash.quality.identities import NARRATIVE, TOL, Audit, close, figure

CHECKS_FILE = CATALOGUE_DIR / "checks.csv"
KINDS = (
    "sum", "subset", "channel", "channel_blank", "row_total", "blank_total", "equal", "at_most", "jump", "restates",
)


@dataclass(frozen=True)
class Check:
    """One row of checks.csv: what is compared, how severe a failure is, and its label in both languages."""

    id: str
    kind: str
    left: str
    right: str
    columns: str
    severity: str
    factor: str
    floor: str
    label: str
    label_en: str
    definition: str
    definition_en: str
    seq: int = 0

    @property
    def cross_year(self) -> bool:
        return self.kind == "jump" or "prev:" in f"{self.left} {self.right}"

    def title(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label

    def explain(self, lang: str = "zh") -> str:
        return self.definition_en if lang == "en" else self.definition


@cache
def load_checks(path: Path = CHECKS_FILE) -> dict[str, Check]:
    """Every check in checks.csv order; a row with an unknown kind or severity is a catalogue error."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for seq, row in enumerate(rows):
        if row["kind"] not in KINDS or row["severity"] not in SEVERITIES:
            raise CatalogueError(f"checks.csv: {row['id']} 的类型或严重程度无效")
        out[row["id"]] = Check(seq=seq, **row)
    return out


def check_values(
    values: pd.DataFrame, catalogue: Catalogue, reports: dict[int, dict] | None = None, *, lang: str = "zh"
) -> list[Finding]:
    """Every finding of a canonical values frame (one or many years), errors first within each year."""
    audit = _Checks(Grid(values, catalogue, reports), load_checks(), lang)
    for year in audit.grid.years:
        audit.year(year)
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    order = {c: n for n, c in enumerate(audit.checks)}
    return sorted(audit.out, key=lambda f: (f.year, rank[f.severity], order.get(f.check, 99)))


def check_dataset(dataset: Dataset, *, lang: str = "zh") -> list[Finding]:
    """Every finding of every loaded year, the cross-year checks included."""
    return check_values(dataset.values, dataset.catalogue, dataset.reports, lang=lang)


def check_draft(frame: pd.DataFrame, dataset: Dataset, *, lang: str = "zh") -> list[Finding]:
    """The findings a draft year would have once published: its own, and the cross-year ones that link it to the
    published years either side (its rows replace that year's published rows; nothing is written)."""
    years = {int(y) for y in frame["year"]}
    others = dataset.values[~dataset.values["year"].isin(years)]
    checks = load_checks()
    found = check_values(pd.concat([others, frame], ignore_index=True), dataset.catalogue, lang=lang)
    return [f for f in found if f.year in years or (f.year - 1 in years and checks[f.check].cross_year)]


class _Checks(Audit):
    """The table identities plus the checks written in checks.csv: equalities, cross-year rules, jumps, restatements."""

    def year(self, year: int) -> None:
        for (target, relation), members in self.groups.items():
            for column in self.grid.columns_of(year, target):
                getattr(self, f"relation_{relation}")(year, target, members, column)
        for (y, indicator) in list(self.grid.columns):
            if y == year:
                self.row_total(year, indicator)
        self.blank_totals(year)
        for check in self.checks.values():
            if check.kind in ("equal", "at_most"):
                self.equal(check, year)
            elif check.kind == "jump":
                self.jump(check, year)
        self.restates(year)

    def equal(self, check: Check, year: int) -> None:
        """left = right (or left ≤ right), per column when the check says *, across years when a term says prev:."""
        left, right = parse_terms(check.left), parse_terms(check.right)
        columns = ["value"]
        if check.columns == "*":
            row = next((t.ref for t in left if t.ref in self.cat.indicators), "")
            columns = self.grid.columns_of(year, row)
        for column in columns:
            sides = [[(term, self.grid.term(year, term, column)) for term in terms] for terms in (left, right)]
            values = [v for side in sides for _, v in side]
            if any(v is None for v in values) or all(v.blank and not v.derived for v in values):
                continue  # a row the year (or the year before) does not report, or nothing filled in at all
            lv, rv = (sum(term.sign * v.value for term, v in side) for side in sides)
            if (check.kind == "equal" and close(lv, rv)) or (check.kind == "at_most" and lv <= rv + TOL):
                continue
            self.report_equal(check, year, column, sides, lv, rv)

    def report_equal(self, check: Check, year: int, column: str, sides: list, lv: float, rv: float) -> None:
        """The finding of a broken equality: each side with its operands' labels and figures, and its total."""
        texts, labels, notes = [], [], []
        for side, total in zip(sides, (lv, rv), strict=True):
            named = [(term, self.grid.term_label(year, term, check.cross_year, self.lang), v) for term, v in side]
            text = "".join(f"{' - ' if term.sign < 0 else ' + '}{name} {figure(v.value)}" for term, name, v in named)
            text = text.removeprefix(" + ")
            texts.append(text if len(named) == 1 else f"{text} = {figure(total)}")
            labels.append("".join(f"{' - ' if term.sign < 0 else ' + '}{name}" for term, name, _ in named)[3:])
            notes += [(name, v) for _, name, v in named]
        first = next((t.ref for t, _ in sides[0] if t.ref in self.cat.indicators), "")
        where = self.where(first, column) if check.columns == "*" else ""
        message = self.t(f"msg_{check.kind}", check=check.title(self.lang), where=where, left=texts[0],
                         right=texts[1], notes=self.notes(notes))
        items = [(i, v) for side in sides for term, v in side for i in self.items_of(term.ref, year)]
        ref = sides[0][0][0]
        unit = self.cat.harmonised[ref.ref].unit if ref.ref in self.cat.harmonised else \
            self.cat.unit_of(ref.ref, ref.column or column)
        self.add(check.id, year, message, (labels[0] + where, lv), (labels[1] + where, rv), items, unit)

    def items_of(self, ref: str, year: int) -> list[str]:
        """The catalogue rows behind an operand: itself, or the cells a harmonised series sums in that year."""
        if ref not in self.cat.harmonised:
            return [ref]
        found = [m.indicator for m in self.cat.harmonised[ref].mappings
                 if any((y, m.indicator) in self.grid.columns for y in (year, year - 1))]
        return found or [ref]

    def jump(self, check: Check, year: int) -> None:
        factor, floor = float(check.factor or 3), float(check.floor or 0)
        for series in check.left.split():
            now, before = self.grid.series.get((year, series)), self.grid.series.get((year - 1, series))
            if now is None or before is None or now.blank or before.blank:
                continue
            low, high = sorted((now.value, before.value))
            if high - low < floor or (low > TOL and high / low < factor):
                continue
            unit = self.cat.harmonised[series].unit
            formats = (self.grid.formats.get(year - 1), self.grid.formats.get(year))
            caveat = ""
            if formats[0] != formats[1]:  # readers see the formats' names (2019年版 …), never their codes
                names = [self.format_name(f) for f in formats]
                caveat = self.t("msg_jump_formats", before=names[0], now=names[1])
            ratio = ""
            if now.value <= TOL:
                ratio = self.t("fell_to_zero")
            elif before.value > TOL:
                ratio = self.t("ratio", ratio=f"{now.value / before.value:.1f}")
            message = self.t("msg_jump", series=self.label(series), before_year=year - 1, year=year,
                             before=cell_text(before.value, before.qualifier), now=cell_text(now.value, now.qualifier),
                             unit=unit, ratio=ratio, factor=figure(factor), floor=figure(floor), caveat=caveat)
            name = self.label(series)
            items = [(i, None) for i in self.items_of(series, year)]
            self.add(check.id, year, message, (f"{year - 1} {name}", before), (f"{year} {name}", now),
                     [(series, before), (series, now), *items], unit)

    def restates(self, year: int) -> None:
        """Each narrative figure that restates a table row, compared with that row; a difference is kept, not fixed."""
        for measure in self.cat.measures.values():
            said = self.grid.get(year, measure.id, "value")
            if not measure.restates or said is None or said.blank:
                continue
            row = measure.restates
            column = "value" if self.grid.get(year, row, "value") else "total"
            table = self.grid.get(year, row, column)
            if table is None or _agrees(said, table):
                continue
            unit = self.cat.unit_of(row, column)
            told = f"{cell_text(said.value, said.qualifier)} {measure.unit or unit}".strip()
            shown = self.t("table_value", value=f"{figure(table.value)} {unit}")
            shown = self.t("table_blank") if table.blank else shown
            name = NARRATIVE.sub("", self.label(measure.id))
            message = self.t("msg_restates", measure=name, said=told, row=self.label(row), table=shown)
            self.add("restates", year, message, (self.t("text_side", label=name), said),
                     (self.t("table_side", label=self.label(row)), table), [(measure.id, said), (row, table)],
                     (measure.unit or unit, unit))


def _agrees(said: Value, table: Value) -> bool:
    """Whether the table's figure is what the text says (余/多/超/以上: at least; 近: up to; 约: within a tenth)."""
    if said.qualifier in AT_LEAST:
        return table.value >= said.value - TOL
    if said.qualifier == "近":
        return 0.9 * said.value - TOL <= table.value <= said.value + TOL
    if said.qualifier == "约":
        return abs(table.value - said.value) <= 0.1 * said.value + TOL
    return close(said.value, table.value)


