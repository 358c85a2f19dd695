"""Figures: the sections of the 依申请公开与复议诉讼 page — received and completed with their parts, handling, the
answers and refusal reasons as the year's format prints them, outcomes, appeals, complaints and fees."""

from __future__ import annotations

from dataclasses import replace

from gjj_dash.figures.blocks import Block
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame
from gjj_dash.figures.facts import Fact, Frame, fact, series_fact
from gjj_dash.figures.narrative import statements
from gjj_dash.figures.tabulate import chart_records, facts_table, plus_terms, units_of
from gjj_dash.i18n import t
from gjj_dash.model.numbers import display
from gjj_dash.model.values import Dataset

OTHER = ("complaints", "fees")


def group_ids(dataset: Dataset, group: str, prefix: str = "") -> list[str]:
    """Harmonised series of a catalogue group (e.g. the outcome categories), in catalogue order."""
    return [h.id for h in dataset.catalogue.harmonised.values() if h.group == group and h.id.startswith(prefix)]


def mapped(dataset: Dataset, year: int, series: str) -> list[tuple[str, str]]:
    """The (row, column) cells a harmonised series reads in the year's format."""
    fmt = dataset.format_of(year)
    return [(m.indicator, m.column) for m in dataset.catalogue.harmonised[series].mappings if m.format == fmt]


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
    parts = [fact(dataset, year, row, lang, column=column) for row, column in cells]
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
    return Block(key="requests_answers", title=title, figure=fig, table=facts_table(parts_shown, lang),
                 statements=statements, notes=blank_notes(parts_shown, lang), stem="requests-answers",
                 alt=t("requests.bar_alt", lang, title=title, year=year),
                 items=tuple(dict.fromkeys(p.item for p in parts_shown)))


def blank_notes(items: list[Fact], lang: str) -> tuple[str, ...]:
    """What a reader must know of blank cells: counted as 0, or (a blank 总计) as the row's own sum."""
    notes = [t("common.blank_note", lang)] if any(i.blank for i in items) else []
    if any(i.derived for i in items):
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
        reasons += [fact(dataset, year, i.id, lang, column=column) for i in children] or [
            fact(dataset, year, row, lang, column=column)]
    items = ("outcome_refused", *dict.fromkeys(r.item for r in reasons))
    if not reasons or all(r.amount == 0 for r in reasons):
        return Block(key="requests_refusals", title=title, empty=t("requests.no_refusals", lang, year=year),
                     items=items)
    fig = bar_chart(chart_frame(chart_records(reasons)), Axes("", units_of(cat, [reasons[0].item]), ""),
                    horizontal=True)
    return Block(key="requests_refusals", title=title, figure=fig, table=facts_table(reasons, lang),
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
