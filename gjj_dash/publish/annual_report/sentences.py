"""Publish: the report's narrative sentences, drafted from the year's figures, each with the figures it states.

The sentences are data (data/catalogue/report_sentences.csv): a topic, the formats it applies to, the items it states
and a template. `items` is a chain tried in order (a narrative measure first, then the table row or harmonised series it
restates: the first the year holds is stated), or `list:GROUP` for the flags of a measure group. A template says
{v} (the figure with its unit, qualifier kept: 19000余人次), {change} (the change from the previous year, where that
year holds the same figure: ，比上年增加1810次), {list} or {text}. A template starting with ， continues the sentence
before it. A sentence whose figure the year does not hold (or left blank) is not written: nothing is invented. A
narrative measure stored as a statement (未接到…, value 0) is written as the report's own words.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gjj_dash.figures.cards import caveat_of
from gjj_dash.figures.facts import Fact, SeriesRows, fact, series_fact
from gjj_dash.model.numbers import NumberError, parse_number, plain_number
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.paths import CATALOGUE_DIR
from gjj_dash.publish.annual_report.blocks import Figure, Paragraph, Sentence
from gjj_dash.publish.annual_report.tables import published

SENTENCES_FILE = CATALOGUE_DIR / "report_sentences.csv"
LIST_PREFIX = "list:"
JOINERS = ("，", "；")


@dataclass(frozen=True)
class Spec:
    """One row of report_sentences.csv."""

    id: str
    topic: str
    format: str
    items: tuple[str, ...]
    template: str

    @property
    def continues(self) -> bool:
        return self.template.startswith(JOINERS)


@cache
def load_sentences(path: Path = SENTENCES_FILE) -> tuple[Spec, ...]:
    """Every sentence of every topic, in catalogue order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(Spec(r["id"], r["topic"], r["format"], tuple(r["items"].split("|")), r["template"]) for r in rows)


class Writer:
    """Drafts the sentences of one year from a dataset (the harmonised series computed once)."""

    def __init__(self, dataset: Dataset, year: int) -> None:
        self.dataset = dataset
        self.year = year
        self.format = dataset.format_of(year)
        self.series = SeriesRows(harmonised_series(dataset))
        self.previous = dataset.previous_year(year)

    def topic(self, topic: str) -> Paragraph | None:
        """The paragraph of a topic: its sentences the year holds, clauses joined to the sentence before them."""
        written: list[Sentence] = []
        for spec in load_sentences():
            if spec.topic != topic or spec.format not in ("", self.format):
                continue
            sentence = self.sentence(spec)
            if sentence is None:
                continue
            if spec.continues and not written:  # its sentence was not written: this clause starts one
                sentence = Sentence(sentence.id, sentence.text[1:], sentence.figures)
            written.append(sentence)
        if not written:
            return None
        parts = _parts([s.text for s in written])
        return Paragraph("".join(parts), tuple(written), tuple(parts))

    def sentence(self, spec: Spec) -> Sentence | None:
        """One sentence of the year, or None when it holds none of the sentence's items."""
        if spec.items[0].startswith(LIST_PREFIX):
            return self._list(spec)
        found = self._first(spec.items, self.year)
        if found is None:
            return None
        ref, now = found
        own = _statement(now)
        if own:
            return Sentence(spec.id, own.rstrip("。") + "。", (self._figure(self.year, ref, now, own),))
        figures = [self._figure(self.year, ref, now, _stated(now))]
        change = ""
        if "{change}" in spec.template and self.previous is not None:
            before = self._first(spec.items, self.previous)
            if before is not None and self._comparable(ref, before[0]):
                change = _change(now, before[1])
                if change:
                    figures.append(self._figure(self.previous, before[0], before[1], _stated(before[1])))
        text = spec.template.replace("{v}", _stated(now)).replace("{change}", change).replace("{text}", now.text)
        return Sentence(spec.id, text, tuple(figures))

    def _list(self, spec: Spec) -> Sentence | None:
        """The flags of a measure group the year reports (for the centre or any branch), named in catalogue order."""
        group = spec.items[0].removeprefix(LIST_PREFIX)
        cat = self.dataset.catalogue
        figures = []
        for measure in cat.measures_in(group):
            units = [u for u in self.dataset.units_reporting(self.year, measure.id)
                     if (cell := self.dataset.cell(self.year, measure.id, unit=u)) is not None and cell.value]
            if units:
                item = fact(self.dataset, self.year, measure.id, "zh", unit=units[0])
                figures.append(Figure(self.year, measure.id, measure.label, measure.label, item.source, (measure.id,)))
        if not figures:
            return None
        text = spec.template.replace("{list}", "、".join(f.stated for f in figures))
        return Sentence(spec.id, text, tuple(figures))

    def _fact(self, ref: str, year: int) -> Fact:
        item, _, column = ref.partition("@")
        if item in self.dataset.catalogue.harmonised:
            return series_fact(self.dataset, self.series, year, item, "zh")
        return fact(self.dataset, year, item, "zh", column=column or "value")

    def _first(self, chain: tuple[str, ...], year: int) -> tuple[str, Fact] | None:
        """The first item of the chain the year holds: reported, or a text the report gives (a text measure)."""
        for ref in chain:
            found = self._fact(ref, year)
            if found.reported and (found.value is not None or found.text):
                return ref, found
        return None

    def _comparable(self, now: str, before: str) -> bool:
        """A harmonised series is compared across a format change only where neither format's mapping has a caveat."""
        prev = self.previous
        if prev is None or self.dataset.format_of(prev) == self.format:
            return True
        pairs = ((self.year, now), (prev, before))
        return not any(caveat_of(self.dataset, y, ref.partition("@")[0]) for y, ref in pairs)

    def _figure(self, year: int, ref: str, item: Fact, stated: str) -> Figure:
        cat = self.dataset.catalogue
        name = ref.partition("@")[0]
        behind: tuple[str, ...] = (name,)
        source = item.source
        if name in cat.harmonised:
            fmt = self.dataset.format_of(year)
            behind = tuple(dict.fromkeys(m.indicator for m in cat.harmonised[name].mappings
                                         if m.format in (fmt, "measure")))
            source += _summed(self.series.get(year, name) or {})
        return Figure(year, ref, item.label, stated, source, behind)


def _summed(row: dict) -> str:
    """How a harmonised figure was summed, where it matters: blank 总计 cells taken as their row's sum, blanks as 0."""
    notes = []
    if row.get("derived"):
        notes.append(f"其中{int(row['derived'])}行“总计”栏空白，按该行各列之和计")
    if row.get("blank_cells"):
        notes.append(f"{int(row['blank_cells'])}个空白栏按0计")
    return f"（{'；'.join(notes)}）" if notes else ""


def _statement(item: Fact) -> str:
    """The report's own words for a figure given as a statement (未接到…, value 0), else ""."""
    if not item.text or item.value != 0:
        return ""
    try:
        parse_number(item.raw)
    except NumberError:
        return item.text
    return ""


def _stated(item: Fact) -> str:
    """A figure as a sentence states it: as published (qualifier and decimals kept) with its unit; a text measure its
    text."""
    if item.value is None:
        return item.text
    return published(item.value, item.qualifier, item.raw, unit=False) + item.unit


def _change(now: Fact, before: Fact) -> str:
    """，比上年增加/减少 N…, ，与上年持平, or where either figure is approximate the previous one (，上年为…)."""
    if now.value is None or before.value is None:
        return ""
    if now.qualifier or before.qualifier:
        return f"，上年为{_stated(before)}"
    diff = now.value - before.value
    if abs(diff) < 1e-9:
        return "，与上年持平"
    word = "增加" if diff > 0 else "减少"
    return f"，比上年{word}{plain_number(abs(diff))}{now.unit}"


def _parts(texts: list[str]) -> list[str]:
    """Each sentence as it stands in its paragraph: one followed by a clause gives up its full stop to it, every
    other ends in 。"""
    out = []
    for n, text in enumerate(texts):
        following = texts[n + 1] if n + 1 < len(texts) else ""
        if following.startswith(JOINERS):
            out.append(text.removesuffix("。"))
        else:
            out.append(text if text.endswith("。") else text + "。")
    return out
