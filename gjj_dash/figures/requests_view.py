"""Domain: the 依申请公开与复议诉讼 page — requests, handling, harmonised outcomes, refusal reasons, appeals, fees."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from gjj_dash.figures import cards, trends
from gjj_dash.figures.applicants import applicants_block, carry_block, cell_fact, cells_table, is_new, is_row_sum
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame
from gjj_dash.figures.crossformat import across_block, present
from gjj_dash.figures.facts import (
    Fact,
    Frame,
    SeriesRows,
    chart_records,
    fact,
    facts_table,
    plus_terms,
    series_fact,
    units_of,
)
from gjj_dash.figures.narrative import statements
from gjj_dash.i18n import t
from gjj_dash.model.numbers import display
from gjj_dash.model.values import Dataset

HEADLINE = ("requests_received", "requests_completed", "reviews", "lawsuits")
# The harmonised series drawn across the years; a series whose formats none of the loaded years use is left out.
TREND = ("requests_received", "requests_carried_over", "requests_completed", "requests_carried_forward", "reviews",
         "lawsuits")
NONE_CHECK = ("requests_received", "reviews", "lawsuits")
OTHER = ("complaints", "fees")


def group_ids(dataset: Dataset, group: str, prefix: str = "") -> list[str]:
    """Harmonised series of a catalogue group (e.g. the outcome categories), in catalogue order."""
    return [h.id for h in dataset.catalogue.harmonised.values() if h.group == group and h.id.startswith(prefix)]


def mapped(dataset: Dataset, year: int, series: str) -> list[tuple[str, str]]:
    """The (row, column) cells a harmonised series reads in the year's format."""
    fmt = dataset.format_of(year)
    return [(m.indicator, m.column) for m in dataset.catalogue.harmonised[series].mappings if m.format == fmt]


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


def sum_check(total: Fact, parts: list[Fact], lang: str) -> str:
    """Whether the parts add up to the total, with the numbers (a blank part counted as 0)."""
    whole = sum(p.amount for p in parts)
    values = {"label": total.label, "total": total.display, "terms": plus_terms(parts, lang) or "0",
              "sum": display(whole, "", False, lang), "unit": total.unit}
    return t("requests.sum_ok" if whole == total.amount else "requests.sum_differs", lang, **values)


def parts_of(dataset: Dataset, year: int, series: str, lang: str) -> tuple[Fact | None, list[Fact]]:
    """A total of the year's format and its printed parts: the rows under it that sum to it (old table: channels,
    on time / late). The new formats' parts are applicant columns: the applicants section shows them."""
    cells = mapped(dataset, year, series)
    if len(cells) != 1:
        return None, []
    row, column = cells[0]
    ind = dataset.catalogue.indicators[row]
    rows = [i for i in dataset.catalogue.rows(ind.format, ind.table)
            if i.relation == "sum" and i.relation_to == row == i.parent]
    return fact(dataset, year, row, lang, column=column), [fact(dataset, year, i.id, lang, column=column) for i in rows]


def parts_block(dataset: Dataset, year: int, series: str, key: str, lang: str) -> Block | None:
    """A total and its printed parts (channels, on time / late) as a chart, a table and a sum check."""
    total, parts = parts_of(dataset, year, series, lang)
    if total is None or not parts:
        return None
    title = t(f"requests.{key}_rows_title", lang)
    axes = Axes("", units_of(dataset.catalogue, [series]), "")
    fig = bar_chart(chart_frame(chart_records(parts)), axes, horizontal=True)
    notes = (t("common.blank_note", lang),) if any(p.blank for p in [total, *parts]) else ()
    return Block(key=f"requests_{key}", title=title, figure=fig, table=facts_table([total, *parts], lang),
                 statements=(sum_check(total, parts, lang),), notes=notes, stem=f"requests-{key}",
                 alt=t("requests.bar_alt", lang, title=title, year=year),
                 items=tuple(dict.fromkeys(f.item for f in [total, *parts])))


def handling_block(dataset: Dataset, frame: Frame, year: int, lang: str) -> Block:
    """New formats: received + carried over = results + carried forward, the identity printed in the table."""
    ids = ["requests_received", "requests_carried_over", "requests_completed", "requests_carried_forward"]
    block = series_block(dataset, frame, year, ids, "handling", lang)
    now, before, done, after = (series_fact(dataset, frame, year, s, lang) for s in ids)
    if before.missing or after.missing:
        return block
    left, right = now.amount + before.amount, done.amount + after.amount
    key = "requests.identity_ok" if left == right else "requests.identity_differs"
    line = t(key, lang, a=now.display, b=before.display, left=display(left, "", False, lang), c=done.display,
             d=after.display, right=display(right, "", False, lang), unit=now.unit)
    return replace(block, statements=(line, *block.statements))


def series_block(dataset: Dataset, frame: Frame, year: int, ids: list[str], key: str, lang: str,
                 *, colour_by: dict[str, str] | None = None) -> Block:
    """Harmonised series of the year as bars (optionally one colour per group) with their crosswalk caveats."""
    items = [series_fact(dataset, frame, year, s, lang) for s in ids]
    title = t(f"requests.{key}_title", lang)
    fmt = dataset.format_of(year)
    caveats = dict.fromkeys(
        m.caveat for s in ids for m in dataset.catalogue.harmonised[s].mappings if m.format == fmt and m.caveat
    )
    records = [{**r, "series": (colour_by or {}).get(i.item, "")} for i, r in zip(items, chart_records(items),
                                                                                   strict=True)]
    axes = Axes("", units_of(dataset.catalogue, ids), "", t("common.item", lang))
    fig = bar_chart(chart_frame(records), axes, horizontal=True)
    notes = [t("requests.harmonised_note", lang)] + [t("requests.caveat", lang, text=c) for c in caveats]
    if any(i.missing for i in items):
        notes.append(t("requests.missing_note", lang))
    return Block(key=f"requests_{key}", title=title, figure=fig, table=facts_table(items, lang), notes=tuple(notes),
                 stem=f"requests-{key}", alt=t("requests.bar_alt", lang, title=title, year=year), items=tuple(ids))


def answers_block(dataset: Dataset, year: int, outcomes: list[str], lang: str) -> Block | None:
    """The answers as the year's format prints them (old table: 已主动公开 … 告知通过其他途径办理), with their total."""
    cat = dataset.catalogue
    cells = sorted({cell for s in outcomes for cell in mapped(dataset, year, s)},
                   key=lambda c: cat.indicators[c[0]].seq)
    if not cells:
        return None
    parts = [cell_fact(dataset, year, row, lang, column) for row, column in cells]
    heads = {cat.indicators[row].relation_to for row, _ in cells}
    title = t("requests.answers_title", lang)
    statements: tuple[str, ...] = ()
    if len(heads) == 1 and (head := heads.pop()) and cat.indicators[head].has_value:
        total = fact(dataset, year, head, lang, column=cells[0][1])
        statements = (sum_check(total, parts, lang),)
        parts_shown = [total, *parts]
    else:
        parts_shown = parts
    fig = bar_chart(chart_frame(chart_records(parts)), Axes("", units_of(cat, [cells[0][0]]), ""), horizontal=True)
    return Block(key="requests_answers", title=title, figure=fig, table=cells_table(parts_shown, lang),
                 statements=statements, notes=blank_notes(parts_shown, lang), stem="requests-answers",
                 alt=t("requests.bar_alt", lang, title=title, year=year),
                 items=tuple(dict.fromkeys(p.item for p in parts_shown)))


def blank_notes(items: list[Fact], lang: str) -> tuple[str, ...]:
    """What a reader must know of blank cells: counted as 0, or (a blank 总计) as the row's own sum."""
    notes = [t("common.blank_note", lang)] if any(i.blank for i in items) else []
    if any(is_row_sum(i) for i in items):
        notes.append(t("requests.note_row_sum_block", lang))
    return tuple(notes)


def refusal_block(dataset: Dataset, year: int, lang: str) -> Block:
    """The reasons for refusal as the year's format prints them (old table: six; new formats: eight)."""
    cat = dataset.catalogue
    title = t("requests.refusals_title", lang)
    reasons: list[Fact] = []
    for row, column in mapped(dataset, year, "outcome_refused"):
        ind = cat.indicators[row]
        children = [i for i in cat.rows(ind.format, ind.table) if i.relation == "sum" and i.relation_to == row
                    and i.parent == row]
        reasons += [cell_fact(dataset, year, i.id, lang, column) for i in children] or [
            cell_fact(dataset, year, row, lang, column)]
    items = ("outcome_refused", *dict.fromkeys(r.item for r in reasons))
    if not reasons or all(r.amount == 0 for r in reasons):
        return Block(key="requests_refusals", title=title, empty=t("requests.no_refusals", lang, year=year),
                     items=items)
    fig = bar_chart(chart_frame(chart_records(reasons)), Axes("", units_of(cat, [reasons[0].item]), ""),
                    horizontal=True)
    return Block(key="requests_refusals", title=title, figure=fig, table=cells_table(reasons, lang),
                 notes=blank_notes(reasons, lang), stem="requests-refusals",
                 alt=t("requests.bar_alt", lang, title=title, year=year), items=items)


def appeals_block(dataset: Dataset, frame: Frame, year: int, lang: str) -> Block:
    """Reconsiderations and lawsuits by result, or the report's sentence when there were none."""
    heads = [series_fact(dataset, frame, year, s, lang) for s in ("reviews", "lawsuits")]
    if all(h.amount == 0 for h in heads):
        rows = [row for s in ("reviews", "lawsuits") for row, _ in mapped(dataset, year, s)]
        text = "；".join(statements(dataset, year, rows, lang))
        sentence = t("requests.no_appeals_text", lang, year=year, text=text) if text else \
            t("requests.no_appeals", lang, year=year)
        return Block(key="requests_appeals", title=t("requests.appeals_title", lang), empty=sentence,
                     items=(*group_ids(dataset, "appeals", "reviews"), *group_ids(dataset, "appeals", "lawsuits")))
    ids: list[str] = []
    colour: dict[str, str] = {}
    for group in ("reviews", "lawsuits"):
        members = group_ids(dataset, "appeals", group)  # the total first, then its results, in catalogue order
        ids += members
        colour |= dict.fromkeys(members, dataset.catalogue.label(group, lang))
    return series_block(dataset, frame, year, ids, "appeals", lang, colour_by=colour)


def other_block(dataset: Dataset, frame: Frame, year: int, lang: str) -> Block:
    """Complaints and fees, with what the report's text says about them."""
    items = [series_fact(dataset, frame, year, s, lang) for s in OTHER]
    rows = [row for s in OTHER for row, _ in mapped(dataset, year, s)]
    return Block(key="requests_other", title=t("requests.other_title", lang), table=facts_table(items, lang),
                 statements=tuple(t("pub.note_text", lang, text=s) for s in statements(dataset, year, rows, lang)),
                 stem="requests-other", items=OTHER)


def requests_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The 依申请公开与复议诉讼 page of a year."""
    frame = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    cat = dataset.catalogue
    changes = trends.format_changes(dataset, lang)
    outcomes = group_ids(dataset, "outcomes")

    def compared(y: int) -> list[Fact]:
        return [series_fact(dataset, frame, y, s, lang) for s in (*HEADLINE, *outcomes, *OTHER)]

    def across() -> list[Block]:
        counts = present(dataset, frame, TREND, lang)
        shares = present(dataset, frame, tuple(outcomes), lang)
        ids = [i.item for i in next(iter(counts.values()))]
        return [
            across_block(trends.trend_block(counts, key="requests_trend", title=t("requests.trend_title", lang),
                                            y_title=units_of(cat, ids), lang=lang, changes=changes),
                         dataset, counts, lang),
            across_block(trends.stack_block(shares, key="requests_outcome_trend",
                                            title=t("requests.outcome_trend_title", lang),
                                            y_title=units_of(cat, outcomes), lang=lang, changes=changes,
                                            notes=(t("requests.harmonised_note", lang),)),
                         dataset, shares, lang),
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
        year_note=trends.year_note(dataset, year, lang),
        cards=headline_cards,
        summary=(none,) if none else (),
        blocks=blocks,
        trends=trends.across(dataset, year, "requests_single", lang, across),
    )
