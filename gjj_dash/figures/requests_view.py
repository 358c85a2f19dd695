"""Figures: the 依申请公开与复议诉讼 page — requests, handling, harmonised outcomes, refusal reasons, appeals, fees."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures import cards, timeline, trends
from gjj_dash.figures.applicants import applicants_block, carry_block, is_new
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.crossformat import across_block, present
from gjj_dash.figures.facts import Fact, Frame, SeriesRows, series_fact
from gjj_dash.figures.narrative import statements
from gjj_dash.figures.requests_blocks import (
    OTHER,
    answers_block,
    appeals_block,
    group_ids,
    handling_block,
    mapped,
    other_block,
    parts_block,
    refusal_block,
    series_block,
)
from gjj_dash.figures.tabulate import units_of
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset

HEADLINE = ("requests_received", "requests_completed", "reviews", "lawsuits")
# The harmonised series drawn across the years; a series whose formats none of the loaded years use is left out.
TREND = ("requests_received", "requests_carried_over", "requests_completed", "requests_carried_forward", "reviews",
         "lawsuits")
NONE_CHECK = ("requests_received", "reviews", "lawsuits")


def none_sentence(dataset: Dataset, frame: Frame, year: int, lang: str) -> str | None:
    """One sentence for a year without requests, reconsiderations or lawsuits (the report's own words where given)."""
    heads = [series_fact(dataset, frame, year, s, lang) for s in NONE_CHECK]
    if any(h.amount > 0 for h in heads):
        return None
    rows = [row for s in NONE_CHECK for row, _ in mapped(dataset, year, s)]
    texts = statements(dataset, year, rows, lang)
    if texts:
        return t("requests.none_text", lang, year=year, text="；".join(texts))
    return t("requests.none_plain", lang, year=year)


def requests_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The 依申请公开与复议诉讼 page of a year."""
    frame = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    cat = dataset.catalogue
    marks = timeline.year_marks(dataset, lang)
    outcomes = group_ids(dataset, "outcomes")

    def compared(y: int) -> list[Fact]:
        return [series_fact(dataset, frame, y, s, lang) for s in (*HEADLINE, *outcomes, *OTHER)]

    def across() -> list[Block]:
        counts = present(dataset, frame, TREND, lang)
        shares = present(dataset, frame, tuple(outcomes), lang)
        ids = [i.item for i in next(iter(counts.values()))]
        return [
            across_block(trends.trend_block(counts, key="requests_trend", title=t("requests.trend_title", lang),
                                            y_title=units_of(cat, ids), lang=lang, marks=marks),
                         dataset, counts, lang, marks),
            across_block(trends.stack_block(shares, key="requests_outcome_trend",
                                            title=t("requests.outcome_trend_title", lang),
                                            y_title=units_of(cat, outcomes), lang=lang, marks=marks,
                                            notes=(t("requests.harmonised_note", lang),)),
                         dataset, shares, lang, marks),
            *((carry,) if carry is not None else ()),
            trends.delta_block(dataset, year, compared, key="requests_delta", lang=lang),
        ]

    carry = carry_block(dataset, frame, lang)
    none = none_sentence(dataset, frame, year, lang)
    if none is not None:
        blocks: tuple[Block, ...] = tuple(b for b in (
            applicants_block(dataset, year, lang) if not is_new(dataset, year) else None,
            other_block(dataset, frame, year, lang),
        ) if b is not None)
        headline_cards: tuple = ()
    else:
        received = parts_block(dataset, year, "requests_received", "received", lang)
        completed = parts_block(dataset, year, "requests_completed", "completed", lang)
        blocks = tuple(b for b in (
            received,
            completed or handling_block(dataset, frame, year, lang),
            applicants_block(dataset, year, lang),
            answers_block(dataset, year, outcomes, lang),
            series_block(dataset, frame, year, outcomes, "outcomes", lang),
            refusal_block(dataset, year, lang),
            appeals_block(dataset, frame, year, lang),
            other_block(dataset, frame, year, lang),
        ) if b is not None)
        headline_cards = cards.cards(
            dataset, year, lambda y: [series_fact(dataset, frame, y, s, lang) for s in HEADLINE], lang)
    return View(
        year=year,
        intro=t("requests.intro", lang, year=year),
        year_note=timeline.year_note(dataset, year, lang),
        cards=headline_cards,
        summary=(none,) if none else (),
        blocks=blocks,
        trends=trends.across(dataset, year, "requests_single", lang, across),
    )
