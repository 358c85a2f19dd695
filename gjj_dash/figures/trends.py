"""Figures: figures across years — trends, channel shares and comparisons as sections, broken and marked where years
are not loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from gjj_dash.figures import timeline
from gjj_dash.figures.blocks import Block
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame, trend_chart
from gjj_dash.figures.facts import Fact, Frame, delta, fact, series_fact
from gjj_dash.figures.tabulate import beside, named, year_cell
from gjj_dash.figures.year_axis import NO_MARKS, YearMarks
from gjj_dash.i18n import t
from gjj_dash.model.values import CENTRE, Dataset
from gjj_dash.model.years import span_text

PerYear = dict[int, list[Fact]]


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


def trend_records(per_year: PerYear, marks: YearMarks = NO_MARKS) -> list[dict]:
    """Chart rows across years; `break` where the format is known to change and the series' mapping in the new format
    carries a caveat the year before's did not (2019 → 2021 with the same caveat stays one line). A change across
    years not loaded needs no break: the line stops at the gap anyway."""
    changed = {year for year, _ in marks.changes}
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


def with_gaps(rows: dict[int, dict[str, str]], marks: YearMarks, lang: str) -> pd.DataFrame:
    """A table across years (one row per loaded year, by year) with a row per run of years not loaded, in order:
    "2017—2023年" and 未导入 in every other column."""
    columns = list(dict.fromkeys(k for row in rows.values() for k in row))
    year, absent = t("common.year", lang), t("gaps.not_loaded", lang)
    every = dict(rows)
    for gap in marks.gaps:
        every[gap.first] = dict.fromkeys(columns, absent) | {year: span_text((gap.first, gap.last), lang)}
    return pd.DataFrame([every[y] for y in sorted(every)], columns=columns)


def trend_table(per_year: PerYear, lang: str, marks: YearMarks = NO_MARKS) -> pd.DataFrame:
    """Years as rows (and a row per run of years not loaded), one column per figure (label and unit in the header),
    figures as people read them: 本年度报表无此项 where the year's format has no such row, derived totals marked."""
    rows = {year: {t("common.year", lang): str(year)} | {beside(i, lang): year_cell(i, lang) for i in items}
            for year, items in per_year.items()}
    return with_gaps(rows, marks, lang)


def table_notes(items: Iterable[Fact], lang: str) -> tuple[str, ...]:
    """What a table across years needs said below it: the rows a format lacks against blank ones, derived totals."""
    items = list(items)
    notes = [t("gaps.missing_row_note", lang)] if any(i.missing for i in items) else []
    return (*notes, *([t("gaps.derived_note", lang)] if any(i.derived for i in items) else []))


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
    per_year: PerYear, key: str, title: str, fig: go.Figure, alt: str, notes: tuple[str, ...], lang: str,
    marks: YearMarks,
) -> Block:
    """A section across years: the chart (its text alternative naming the years not loaded), the years-by-figure
    table, what the table's words mean, and the items it shows."""
    cells = [i for items in per_year.values() for i in items]
    return Block(key=key, title=title, figure=fig, table=trend_table(per_year, lang, marks), stem=key,
                 alt=" ".join(a for a in (alt, marks.summary) if a),
                 notes=(*notes, *mark_notes(marks, lang), *table_notes(cells, lang)), items=shown_items(per_year))


def mark_notes(marks: YearMarks, lang: str) -> list[str]:
    """What the chart's marks mean: the dotted lines of known format changes, the bands of years not loaded."""
    return [*([t("gaps.change_lines", lang)] if marks.changes else []), *([marks.summary] if marks.summary else [])]


def trend_block(
    per_year: PerYear, *, key: str, title: str, y_title: str, lang: str, marks: YearMarks,
    notes: Sequence[str] = (),
) -> Block:
    """A line per figure across the years (broken at years not loaded), followed by the numbers."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    records = trend_records(per_year, marks)
    frame = chart_frame(records).assign(**{"break": [r["break"] for r in records]})
    fig = trend_chart(frame, _year_axes(y_title, lang), marks=marks)
    cut = [t("pub.trend_break", lang)] if any(r["break"] for r in records) else []
    return _chart_block(per_year, key, title, fig, t("pub.trend_alt", lang, title=title),
                        (t("pub.trend_markers", lang), *cut, *notes), lang, marks)


def stack_block(
    per_year: PerYear, *, key: str, title: str, y_title: str, lang: str, marks: YearMarks,
    notes: Sequence[str] = (),
) -> Block:
    """Stacked bars per year (the parts of a whole, e.g. outcome categories; a year not loaded an empty slot),
    followed by the numbers."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    fig = bar_chart(chart_frame(trend_records(per_year)), _year_axes(y_title, lang), stacked=True, marks=marks)
    return _chart_block(per_year, key, title, fig, t("pub.stack_alt", lang, title=title), tuple(notes), lang, marks)


def share_block(
    per_year: PerYear, *, key: str, title: str, lang: str, marks: YearMarks, notes: Sequence[str] = (),
) -> Block:
    """Each figure's share of the year's sum (stacked to 100 %); years where all are 0 or absent are left out, a run
    of years not loaded is an empty slot (and a row of the table)."""
    if (empty := _enough(per_year, key, title, lang)) is not None:
        return empty
    records, rows = [], {}
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
        rows[year] = row
    if len(rows) < 2:
        return Block(key=key, title=title, empty=t("pub.no_share", lang))
    axes = Axes("", t("common.year", lang), t("pub.share_axis", lang), t("common.item", lang))
    fig = bar_chart(chart_frame(records), axes, stacked=True, percent=True, marks=marks)
    return Block(key=key, title=title, figure=fig, table=with_gaps(rows, marks, lang), stem=key,
                 alt=" ".join(a for a in (t("pub.share_alt", lang, title=title), marks.summary) if a),
                 notes=(*notes, *mark_notes(marks, lang)), items=shown_items(per_year))


def delta_block(
    dataset: Dataset, year: int, build: Callable[[int], list[Fact]], *, key: str, lang: str
) -> Block:
    """The selected year beside the year its changes are measured from — the year before, or across years not loaded
    the latest loaded year, named with the gap in the title — figure by figure, with the change; its items are the
    figures' (for the data-quality marker)."""
    title = timeline.delta_title(dataset, year, lang)
    now_items = build(year)
    prev = timeline.compared_year(dataset, year)
    if prev is None:  # the sentence instead of the table still names the figures it is about
        return Block(key=key, title=title, empty=timeline.year_note(dataset, year, lang),
                     items=tuple(dict.fromkeys(f.item for f in now_items)))
    pairs = list(zip(now_items, build(prev), strict=True))
    rows = []
    for now, before in pairs:
        rows.append({
            **named(now.label, now.official, lang),
            str(prev): year_cell(before, lang),
            str(year): year_cell(now, lang),
            t("pub.change", lang): delta(now, before, lang) or "—",
            t("common.unit", lang): now.unit,
        })
    notes = (timeline.delta_note(dataset, year, lang), *table_notes((f for pair in pairs for f in pair), lang))
    return Block(key=key, title=title, table=pd.DataFrame(rows), stem=key, notes=notes,
                 items=tuple(dict.fromkeys(f.item for pair in pairs for f in pair)))
