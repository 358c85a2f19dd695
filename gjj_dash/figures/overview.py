"""Figures: the 总览 page — the year's key figures as KPI cards (the shared card pipeline), across formats."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures import cards, timeline, trends
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.facts import Fact, Frame, SeriesRows, series_fact
from gjj_dash.figures.halls_view import SERIES as HALL_SERIES
from gjj_dash.figures.halls_view import branches_reporting
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset

# The overview's cards, in order: harmonised series (data/catalogue/harmonised.csv), so every format has its figure.
KPI_SERIES: tuple[str, ...] = (
    "disclosed", "responses", "portal_visits", "fund_queries", *HALL_SERIES, "requests_received", "reviews", "lawsuits",
)


def overview_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The overview of a year: one card per key figure with unit, source, qualifier and change; hall figures that
    the report gives only for the whole centre say so (never split by branch)."""
    rows = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    centre_only = not branches_reporting(dataset, year)

    def halls_note(item: Fact) -> list[str]:
        shown = item.item in HALL_SERIES and centre_only and item.reported and not item.by_branch
        return [t("overview.centre_total", lang)] if shown else []

    def figures(y: int) -> list[Fact]:
        return [series_fact(dataset, rows, y, s, lang) for s in KPI_SERIES]

    def across() -> list[Block]:
        per_year = trends.series_per_year(dataset, rows, KPI_SERIES, lang)
        marks = timeline.year_marks(dataset, lang)
        cells = [i for items in per_year.values() for i in items]
        table = Block(key="overview_years", title=t("overview.trend", lang),
                      table=trends.trend_table(per_year, lang, marks), stem="overview-years", items=KPI_SERIES,
                      notes=trends.table_notes(cells, lang))
        return [table, trends.delta_block(dataset, year, figures, key="overview_delta", lang=lang)]

    return View(year=year, intro=t("overview.intro", lang, year=year),
                year_note=timeline.year_note(dataset, year, lang),
                cards=cards.cards(dataset, year, figures, lang, extra=halls_note),
                trends=trends.across(dataset, year, "overview_single", lang, across))
