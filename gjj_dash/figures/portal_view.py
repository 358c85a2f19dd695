"""Figures: the 门户与查询 page — portal visits, fund-information queries and channels, 查阅点, media and outreach."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures import cards, timeline, trends
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame
from gjj_dash.figures.facts import Fact, Frame, SeriesRows, fact, series_fact
from gjj_dash.figures.narrative import comparison_table, disagreements, restatements
from gjj_dash.figures.tabulate import chart_records, facts_table, units_of
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset

SERIES = ("portal_visits", "fund_queries")
READING_POINTS = "narrative.reading_points"  # the text's 查阅点 figure; its `restates` names the table row


def _approx_notes(items: list[Fact], lang: str) -> tuple[str, ...]:
    return (t("portal.at_least_note", lang),) if any(i.approximate for i in items) else ()


def access_block(dataset: Dataset, frame: Frame, year: int, lang: str) -> Block:
    """Portal visits and personal fund-information queries; an "at least" figure hatched and labelled 19,000+."""
    title = t("portal.access_title", lang)
    items = [series_fact(dataset, frame, year, s, lang) for s in SERIES]
    if all(i.missing for i in items):
        return Block(key="portal_access", title=title, empty=t("portal.no_access", lang, year=year))
    axes = Axes("", "", t("pub.value_axis", lang))
    fig = bar_chart(chart_frame(chart_records(items, with_unit=True)), axes)
    return Block(key="portal_access", title=title, figure=fig, table=facts_table(items, lang), stem="portal-access",
                 notes=_approx_notes(items, lang), items=SERIES, alt=t("portal.access_alt", lang, year=year))


def table_only(dataset: Dataset, year: int, groups: tuple[str, ...], key: str, lang: str) -> Block:
    """The measures of some groups (query channels, website sections …) as a table with sources, or a sentence."""
    items = [fact(dataset, year, m.id, lang) for g in groups for m in dataset.catalogue.measures_in(g)]
    title = t(f"{key.replace('_', '.', 1)}_title", lang)
    if all(i.missing for i in items):
        return Block(key=key, title=title, empty=t("portal.none", lang, year=year))
    shown = [i for i in items if not i.missing]
    return Block(key=key, title=title, table=facts_table(shown, lang), stem=key.replace("_", "-"),
                 items=tuple(i.item for i in shown),
                 notes=(t("portal.not_listed", lang),) if len(shown) < len(items) else ())


def reading_block(dataset: Dataset, year: int, lang: str) -> Block:
    """查阅点: the table's figure and the text's, side by side, the disagreement stated."""
    cat = dataset.catalogue
    title = t("portal.reading_title", lang)
    row = cat.measures[READING_POINTS].restates
    pairs = restatements(dataset, year, [row], lang)
    if pairs:
        return Block(key="portal_reading", title=title, table=comparison_table(pairs, lang), stem="portal-reading",
                     statements=tuple(disagreements(pairs, lang)), items=(row, READING_POINTS))
    table = fact(dataset, year, row, lang)
    if table.missing:
        return Block(key="portal_reading", title=title, empty=t("portal.no_reading", lang, year=year))
    return Block(key="portal_reading", title=title, table=facts_table([table], lang), stem="portal-reading",
                 items=(row, READING_POINTS))


def outreach_block(dataset: Dataset, year: int, lang: str) -> Block:
    """TV interviews, hotline programmes, articles submitted and published, the expo: each with its own unit."""
    title = t("portal.outreach_title", lang)
    items = [fact(dataset, year, m.id, lang) for m in dataset.catalogue.measures_in("outreach")]
    if all(i.missing for i in items):
        return Block(key="portal_outreach", title=title, empty=t("portal.no_outreach", lang, year=year))
    axes = Axes("", t("pub.value_axis", lang), "")
    fig = bar_chart(chart_frame(chart_records(items, with_unit=True)), axes, horizontal=True)
    return Block(key="portal_outreach", title=title, figure=fig, table=facts_table(items, lang),
                 stem="portal-outreach", items=tuple(i.item for i in items),
                 notes=(*_approx_notes(items, lang), t("portal.units_note", lang)),
                 alt=t("portal.outreach_alt", lang, year=year))


def portal_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The 门户与查询 page of a year."""
    frame = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    cat = dataset.catalogue
    marks = timeline.year_marks(dataset, lang)
    outreach = [m.id for m in cat.measures_in("outreach")]
    reading = [cat.measures[READING_POINTS].restates, READING_POINTS]

    def headline(y: int) -> list[Fact]:
        return [series_fact(dataset, frame, y, s, lang) for s in SERIES]

    def compared(y: int) -> list[Fact]:
        return headline(y) + [fact(dataset, y, i, lang) for i in reading + outreach]

    def across() -> list[Block]:
        return [
            trends.trend_block(trends.series_per_year(dataset, frame, SERIES, lang), key="portal_trend",
                               title=t("portal.trend_title", lang), y_title=units_of(cat, SERIES), lang=lang,
                               marks=marks),
            trends.trend_block(trends.cells_per_year(dataset, outreach, lang), key="portal_outreach_trend",
                               title=t("portal.outreach_trend_title", lang), y_title=units_of(cat, outreach),
                               lang=lang, marks=marks, notes=(t("portal.units_note", lang),)),
            trends.trend_block(trends.cells_per_year(dataset, reading, lang), key="portal_reading_trend",
                               title=t("portal.reading_trend_title", lang), y_title=units_of(cat, reading),
                               lang=lang, marks=marks),
            trends.delta_block(dataset, year, compared, key="portal_delta", lang=lang),
        ]

    return View(
        year=year,
        intro=t("portal.intro", lang, year=year),
        year_note=timeline.year_note(dataset, year, lang),
        cards=cards.cards(dataset, year, headline, lang),
        blocks=(
            access_block(dataset, frame, year, lang),
            table_only(dataset, year, ("query_channel",), "portal_channels", lang),
            reading_block(dataset, year, lang),
            outreach_block(dataset, year, lang),
            table_only(dataset, year, ("website", "it"), "portal_website", lang),
        ),
        trends=trends.across(dataset, year, "portal_single", lang, across),
    )
