"""Figures: figures across years — trends, channel shares, report-format changes and year-on-year tables as sections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from gjj_dash.figures.blocks import Block
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame, trend_chart
from gjj_dash.figures.facts import Fact, Frame, delta, fact, series_fact
from gjj_dash.figures.tabulate import beside, named
from gjj_dash.i18n import t
from gjj_dash.model.values import CENTRE, Dataset

PerYear = dict[int, list[Fact]]


def format_changes(dataset: Dataset, lang: str) -> list[tuple[int, str]]:
    """The loaded years where the report format differs from the year before, with the new format's name."""
    years = dataset.years
    out = []
    for prev, year in pairwise(years):
        if dataset.format_of(year) != dataset.format_of(prev):
            out.append((year, t("pub.format_from", lang, label=dataset.format_name(year, lang))))
    return out


def year_note(dataset: Dataset, year: int, lang: str) -> str:
    """The sentence when no change can be shown: one year loaded, or the previous year missing."""
    if len(dataset.years) == 1:
        return t("common.single_year", lang, year=year)
    if dataset.previous_year(year) is None:
        return t("common.no_prev", lang, prev=year - 1)
    return ""


def across(dataset: Dataset, year: int, key: str, lang: str, build: Callable[[], Sequence[Block]]) -> tuple[Block, ...]:
    """The sections across years, or one sentence instead of them when only one year is loaded."""
    if len(dataset.years) < 2:
        return (Block(key=key, title="", empty=t("pub.single_trend", lang, year=year)),)
    return tuple(build())


def series_per_year(dataset: Dataset, frame: Frame, ids: Sequence[str], lang: str) -> PerYear:
    """Harmonised series of every loaded year (comparable across report formats)."""
    return {y: [series_fact(dataset, frame, y, s, lang) for s in ids] for y in dataset.years}


def cells_per_year(dataset: Dataset, items: Sequence[str], lang: str, unit: str = CENTRE) -> PerYear:
    """Catalogue rows or measures of every loaded year; a year whose report lacks a row gives a missing figure."""
    return {y: [fact(dataset, y, i, lang, unit=unit) for i in items] for y in dataset.years}


def trend_records(per_year: PerYear, changes: Sequence[tuple[int, str]] = ()) -> list[dict]:
    """Chart rows across years; `break` where the format changes and the series' mapping in the new format carries a
    caveat the year before's did not (2019 → 2021 with the same caveat stays one line)."""
    changed = {year for year, _ in changes}
    before: dict[str, str] = {}
    records = []
    for year, items in per_year.items():
        records += [
            {
                "category": year,
                "series": item.label,
                "value": float("nan") if item.missing else item.amount,
                "display": item.display,
                "approximate": item.approximate,
                "blank": item.blank,
                "break": year in changed and bool(item.caveat) and item.caveat != before.get(item.item, ""),
            }
            for item in items
        ]
        before = {item.item: item.caveat for item in items}
    return records


def trend_table(per_year: PerYear, lang: str) -> pd.DataFrame:
    """Years as rows, one column per figure (label and unit in the header), figures as people read them."""
    rows = []
    for year, items in per_year.items():
        row = {t("common.year", lang): str(year)}
        row |= {beside(i, lang): i.display for i in items}
        rows.append(row)
    return pd.DataFrame(rows)


def _enough(per_year: PerYear, key: str, title: str, lang: str) -> Block | None:
    """The sentence instead of a trend chart when fewer than two years hold any of the figures."""
    years = [y for y, items in per_year.items() if any(not i.missing for i in items)]
    if len(years) < 2:
        return Block(key=key, title=title, empty=t("pub.no_trend", lang, count=len(years)))
    return None


def shown_items(per_year: PerYear) -> tuple[str, ...]:
    """The rows, measures or harmonised series a section across years shows (for its data-quality marker)."""
    return tuple(dict.fromkeys(item.item for items in per_year.values() for item in items))


def _year_axes(y_title: str, lang: str) -> Axes:
    return Axes("", t("common.year", lang), y_title, t("common.item", lang))


def _chart_block(
    per_year: PerYear, key: str, title: str, fig: go.Figure, alt: str, notes: tuple[str, ...], lang: str
) -> Block:
    """A section across years: the chart, the years-by-figure table, and the items it shows."""
    return Block(key=key, title=title, figure=fig, table=trend_table(per_year, lang), stem=key, alt=alt, notes=notes,
                 items=shown_items(per_year))


def trend_block(
    per_year: PerYear, *, key: str, title: str, y_title: str, lang: str, changes: Sequence[tuple[int, str]],
    notes: Sequence[str] = (),
) -> Block:
    """A line per figure across the years, followed by the numbers."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    records = trend_records(per_year, changes)
    frame = chart_frame(records).assign(**{"break": [r["break"] for r in records]})
    fig = trend_chart(frame, _year_axes(y_title, lang), changes=changes)
    cut = [t("pub.trend_break", lang)] if any(r["break"] for r in records) else []
    return _chart_block(per_year, key, title, fig, t("pub.trend_alt", lang, title=title),
                        (t("pub.trend_markers", lang), *cut, *notes), lang)


def stack_block(
    per_year: PerYear, *, key: str, title: str, y_title: str, lang: str, changes: Sequence[tuple[int, str]],
    notes: Sequence[str] = (),
) -> Block:
    """Stacked bars per year (the parts of a whole, e.g. outcome categories), followed by the numbers."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    fig = bar_chart(chart_frame(trend_records(per_year)), _year_axes(y_title, lang), stacked=True, changes=changes)
    return _chart_block(per_year, key, title, fig, t("pub.stack_alt", lang, title=title), tuple(notes), lang)


def share_block(
    per_year: PerYear, *, key: str, title: str, lang: str, changes: Sequence[tuple[int, str]],
    notes: Sequence[str] = (),
) -> Block:
    """Each figure's share of the year's sum (stacked to 100 %); years where all are 0 or absent are left out."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    records, rows = [], []
    for year, items in per_year.items():
        total = sum(i.amount for i in items)
        if total <= 0:
            continue
        row = {t("common.year", lang): str(year)}
        for i in items:
            share = i.amount / total
            records.append({"category": year, "series": i.label, "value": share, "display": f"{share:.1%}",
                            "approximate": False, "blank": i.blank})
            row[beside(replace(i, unit=""), lang)] = f"{share:.1%}"
        rows.append(row)
    if len(rows) < 2:
        return Block(key=key, title=title, empty=t("pub.no_share", lang))
    axes = Axes("", t("common.year", lang), t("pub.share_axis", lang), t("common.item", lang))
    fig = bar_chart(chart_frame(records), axes, stacked=True, percent=True, changes=changes)
    return Block(key=key, title=title, figure=fig, table=pd.DataFrame(rows), stem=key,
                 alt=t("pub.share_alt", lang, title=title), notes=tuple(notes), items=shown_items(per_year))


def delta_block(
    dataset: Dataset, year: int, build: Callable[[int], list[Fact]], *, key: str, lang: str
) -> Block:
    """The selected year beside the previous one, figure by figure, with the change; its items are the figures'
    (for the data-quality marker)."""
    title = t("pub.delta_title", lang)
    now_items = build(year)
    prev = dataset.previous_year(year)
    if prev is None:  # the sentence instead of the table still names the figures it is about
        return Block(key=key, title=title, empty=year_note(dataset, year, lang),
                     items=tuple(dict.fromkeys(f.item for f in now_items)))
    pairs = list(zip(now_items, build(prev), strict=True))
    rows = []
    for now, before in pairs:
        rows.append({
            **named(now.label, now.official, lang),
            str(prev): before.display,
            str(year): now.display,
            t("pub.change", lang): delta(now, before, lang) or "—",
            t("common.unit", lang): now.unit,
        })
    return Block(key=key, title=title, table=pd.DataFrame(rows), stem=key, notes=(t("pub.delta_note", lang),),
                 items=tuple(dict.fromkeys(f.item for pair in pairs for f in pair)))
