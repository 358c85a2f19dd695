"""Figures: the leadership page and brief as view models — one card per indicator (headline, small print, sample tag,
last year's value, formula, numerator, denominator, sources) and each indicator's chart across the loaded years."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from gjj_dash.figures.board import Board
from gjj_dash.figures.charts import Axes, chart_frame, trend_chart
from gjj_dash.figures.indicator_text import detail, headline, part_text, reason, sample_label, sources
from gjj_dash.figures.indicators import Reading
from gjj_dash.figures.timeline import year_marks
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset


@dataclass(frozen=True)
class IndicatorCard:
    """One indicator of the year as the page and the brief show it."""

    id: str
    label: str
    headline: str
    detail: str  # the small print: counts behind a rate, or the rate behind a small sample's count
    sample: str  # 样本充足 / 样本一般 / 样本偏少, "" without a sample
    small: bool
    last: str  # last year's headline, or why there is none
    note: str  # why there is no value, or what to know about it
    flags: tuple[str, ...]
    formula: str
    definition: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    sources: tuple[str, ...]


def _last(board: Board, reading: Reading, dataset: Dataset, lang: str) -> str:
    before = board.last_year(reading.indicator.id)
    if before is None:
        return t("lead.last_missing", lang, year=board.year - 1)
    shown = headline(before, dataset.catalogue, lang)
    if before.status == "absent":
        shown = t("lead.last_absent", lang)
    return t("lead.last", lang, year=before.year, value=shown)


def indicator_card(dataset: Dataset, board: Board, reading: Reading, lang: str = "zh") -> IndicatorCard:
    """The card of one indicator of the board's year."""
    cat = dataset.catalogue
    return IndicatorCard(
        id=reading.indicator.id,
        label=reading.indicator.name(lang),
        headline=headline(reading, cat, lang),
        detail=detail(reading, cat, lang),
        sample=sample_label(reading, lang),
        small=reading.small,
        last=_last(board, reading, dataset, lang),
        note=reason(reading, cat, lang),
        flags=tuple(f.text for f in board.flags_of(reading)),
        formula=reading.indicator.formula_text(lang),
        definition=reading.indicator.explain(lang),
        numerator=tuple(part_text(p, cat, lang) for p in reading.numerator),
        denominator=tuple(part_text(p, cat, lang) for p in reading.denominator),
        sources=tuple(sources(reading, cat, dataset.format_of(board.year), lang)),
    )


def indicator_cards(dataset: Dataset, board: Board, lang: str = "zh") -> list[IndicatorCard]:
    """Every indicator card of the board's year, in catalogue order."""
    return [indicator_card(dataset, board, r, lang) for r in board.readings]


def _point(year: int, found: Reading | None, dataset: Dataset, lang: str) -> dict:
    """One year of an indicator's chart: its value, or NaN and the reason (未载入, 本格式无此行, 分母为 0)."""
    if found is None:
        return {"year": year, "value": math.nan, "shown": "—", "gap": t("lead.gap_not_loaded", lang), "small": False}
    cat = dataset.catalogue
    if found.value is None:
        short = {"zero": found.indicator.zero_text(lang), "absent": t("lead.gap_no_row", lang),
                 "no_previous": t("lead.gap_no_previous", lang)}[found.status]
        return {"year": year, "value": math.nan, "shown": "—", "gap": short, "small": False}
    shown = headline(found, cat, lang)
    if found.small:
        shown = t("lead.chart_small", lang, count=shown, rate=detail(found, cat, lang))
    return {"year": year, "value": found.value, "shown": shown, "gap": "", "small": found.small}


def indicator_trend(dataset: Dataset, board: Board, indicator: str, lang: str = "zh") -> pd.DataFrame:
    """An indicator in every year from the first loaded to the last: value, what people read, and for a year
    without a value why (not loaded, no such row in the format, nothing to divide by)."""
    years = dataset.years
    rows = []
    for year in range(min(years), max(years) + 1) if years else []:
        found = next((r for r in board.history.get(year, []) if r.indicator.id == indicator), None)
        rows.append(_point(year, found, dataset, lang))
    return pd.DataFrame(rows, columns=["year", "value", "shown", "gap", "small"])


def trend_table(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The chart's numbers for people: year, the figure as read, and why a year has none."""
    return pd.DataFrame({
        t("common.year", lang): frame["year"].astype(str),
        t("common.value", lang): frame["shown"],
        t("lead.col_note", lang): frame["gap"],
    })


def trend_figure(dataset: Dataset, frame: pd.DataFrame, label: str, lang: str = "zh") -> go.Figure:
    """The indicator across the years as a line in percent; a loaded year without a value leaves a gap, marked with
    an × on the axis and its reason; years not loaded are a labelled band (no line crosses them); a format change
    is dotted only where its year is known; a small sample's point carries its count."""
    records = [
        {"category": r.year, "series": label, "value": r.value, "display": r.shown, "approximate": False,
         "blank": False}
        for r in frame.itertuples(index=False)
    ]
    axes = Axes(t("lead.chart_title", lang, label=label), t("common.year", lang), t("lead.chart_axis", lang))
    figure = trend_chart(chart_frame(records), axes, marks=year_marks(dataset, lang))
    gaps = frame[(frame["gap"] != "") & frame["year"].isin(dataset.years)]  # a year not loaded is its band's
    if not gaps.empty:  # the reasons are in the table below and on hover: labels would overlap on a narrow chart
        figure.add_trace(go.Scatter(
            x=gaps["year"].tolist(), y=[0.0] * len(gaps), mode="markers", name=t("lead.chart_gap", lang),
            text=gaps["gap"].tolist(), cliponaxis=False,
            marker={"symbol": "x-thin", "size": 12, "line": {"width": 2, "color": "#555555"}},
            hovertemplate="%{x}: %{text}<extra></extra>",
        ))
    return figure
