"""Figures: the 主动公开 page — items disclosed, the channel mix and its counting rule, responses, across years."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures import cards, timeline, trends
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame
from gjj_dash.figures.facts import Fact, Frame, SeriesRows, fact, series_fact
from gjj_dash.figures.narrative import comparison_table, disagreements, restatements
from gjj_dash.figures.tabulate import chart_records, facts_table, plus_terms, units_of
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, Indicator
from gjj_dash.model.numbers import display
from gjj_dash.model.values import Dataset

SERIES = ("disclosed", "normative_docs", "responses")


def total_row(cat: Catalogue, fmt: str, series: str) -> Indicator | None:
    """The row of a format that a harmonised total maps to (old: 主动公开政府信息数), if the format has one."""
    for m in cat.harmonised[series].mappings:
        if m.format == fmt and m.indicator in cat.indicators:
            return cat.indicators[m.indicator]
    return None


def channel_rows(cat: Catalogue, total: Indicator) -> list[Indicator]:
    """The rows the official table lists as channels of a total, in printed order."""
    return [i for i in cat.rows(total.format, total.table) if i.relation == "channel" and i.relation_to == total.id]


def counting_rule(cat: Catalogue, total: Indicator, lang: str) -> str:
    """The official rule that one item on several channels counts once: the table's note line, else the definition."""
    notes = [i for i in cat.rows(total.format, total.table) if i.level == "N" and i.parent == total.id]
    rule = cat.label(notes[0].id, lang) if notes else total.definition
    return t("disclosure.rule", lang, rule=rule)


def channel_check(total: Fact, channels: list[Fact], lang: str) -> str:
    """The total beside the channel sum, said plainly with the numbers; blank channels named and counted as 0."""
    terms = plus_terms(channels, lang) or "0"
    whole = sum(c.amount for c in channels)
    summed = display(whole, "", False, lang)
    values = {"total": total.display, "sum_text": f"{terms} = {summed}" if "+" in terms else summed,
              "unit": total.unit, "diff": display(abs(total.amount - whole), "", False, lang), "label": total.label}
    if not total.reported:
        text = t("disclosure.total_blank", lang, **values)
    elif total.amount > whole:
        text = t("disclosure.total_exceeds", lang, **values)
    elif channels and total.amount < max(c.amount for c in channels):
        text = t("disclosure.total_below_channel", lang, **values)
    elif total.amount < whole:
        text = t("disclosure.total_below_sum", lang, **values)
    else:
        text = t("disclosure.total_equal", lang, **values)
    blanks = [c.official if lang == "zh" else f"{c.label} ({c.official})" for c in channels if c.blank]
    if blanks:
        text += t("disclosure.blank_counted", lang, names=("、" if lang == "zh" else ", ").join(blanks))
    return text


def channel_block(dataset: Dataset, year: int, series: str, key: str, title_key: str, lang: str) -> Block:
    """A total and its channels for the selected year: chart, numbers, counting rule, check and the text's split."""
    cat = dataset.catalogue
    title = t(title_key, lang)
    total_ind = total_row(cat, dataset.format_of(year), series)
    if total_ind is None:
        fmt = cat.formats[dataset.format_of(year)]
        name = fmt.label_en if lang == "en" else fmt.label
        return Block(key=key, title=title, empty=t("disclosure.no_channels", lang, year=year, format=name))
    total = fact(dataset, year, total_ind.id, lang)
    rows = channel_rows(cat, total_ind)
    channels = [fact(dataset, year, i.id, lang) for i in rows]
    parents = {r.id for r in rows} | {total_ind.id}
    subsets = [fact(dataset, year, i.id, lang) for i in cat.rows(total_ind.format, total_ind.table)
               if i.level == "Q" and i.parent in parents]
    axes = Axes(cat.label(rows[0].parent, lang) if rows else title, units_of(cat, [r.id for r in rows]), "")
    fig = bar_chart(chart_frame(chart_records(channels)), axes, horizontal=True)
    pairs = restatements(dataset, year, [total_ind.id], lang)
    split = [t("disclosure.narrative_split", lang, text=text.text, section=text.source)
             for _, text in pairs if text.text]
    notes = [t("common.blank_note", lang)] if any(c.blank for c in channels + [total]) else []
    return Block(
        key=key, title=title, figure=fig, table=facts_table([total, *subsets, *channels], lang),
        lead=counting_rule(cat, total_ind, lang), statements=(channel_check(total, channels, lang), *split),
        notes=tuple(notes), stem=key, items=(total_ind.id, *(i.item for i in subsets), *(r.id for r in rows)),
        alt=t("disclosure.channels_alt", lang, year=year, total=total.display, unit=total.unit),
    )


def narrative_block(dataset: Dataset, year: int, lang: str) -> Block | None:
    """Where the report's text restates the section's table rows: both figures, and every disagreement said."""
    fmt = dataset.format_of(year)
    rows = [i.id for i in dataset.catalogue.rows(fmt) if i.id.startswith(("old.s1", "old.s2"))]
    pairs = restatements(dataset, year, rows, lang)
    if not pairs:
        return None
    return Block(key="disclosure_text", title=t("disclosure.text_title", lang), table=comparison_table(pairs, lang),
                 statements=tuple(disagreements(pairs, lang)), stem="disclosure-text", items=tuple(rows))


def channel_ids(dataset: Dataset, series: str) -> list[str]:
    """The channel rows of a total in every format loaded, for trends (absent in a format without them)."""
    cat, out = dataset.catalogue, []
    for fmt in dict.fromkeys(dataset.format_of(y) for y in dataset.years):
        total = total_row(cat, fmt, series)
        if total is not None:
            out += [i.id for i in channel_rows(cat, total)]
    return list(dict.fromkeys(out))


def disclosure_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The 主动公开 page of a year."""
    frame = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    cat = dataset.catalogue
    marks = timeline.year_marks(dataset, lang)
    channels = channel_ids(dataset, "disclosed")
    per_channel = trends.cells_per_year(dataset, channels, lang)

    def headline(y: int) -> list[Fact]:
        return [series_fact(dataset, frame, y, s, lang) for s in SERIES]

    def compared(y: int) -> list[Fact]:
        return headline(y) + [fact(dataset, y, i, lang) for i in channels]

    blocks = [
        channel_block(dataset, year, "disclosed", "disclosure_channels", "disclosure.channels_title", lang),
        narrative_block(dataset, year, lang),
        channel_block(dataset, year, "responses", "disclosure_responses", "disclosure.responses_title", lang),
    ]
    across = lambda: (  # noqa: E731 — built only when more than one year is loaded
        trends.trend_block(
            trends.series_per_year(dataset, frame, SERIES, lang), key="disclosure_trend",
            title=t("disclosure.trend_title", lang), y_title=units_of(cat, SERIES), lang=lang, marks=marks,
        ),
        trends.trend_block(
            per_channel, key="disclosure_channel_trend", title=t("disclosure.channel_trend_title", lang),
            y_title=units_of(cat, channels), lang=lang, marks=marks,
            notes=(t("disclosure.channel_trend_note", lang),),
        ),
        trends.share_block(
            per_channel, key="disclosure_share", title=t("disclosure.share_title", lang), lang=lang,
            marks=marks, notes=(t("disclosure.share_note", lang),),
        ),
        trends.delta_block(dataset, year, compared, key="disclosure_delta", lang=lang),
    )
    return View(
        year=year,
        intro=t("disclosure.intro", lang, year=year),
        year_note=timeline.year_note(dataset, year, lang),
        cards=cards.cards(dataset, year, headline, lang),
        blocks=tuple(b for b in blocks if b is not None),
        trends=trends.across(dataset, year, "disclosure_single", lang, across),
    )
