"""Figures: the 服务大厅 page — halls, windows, staff (centre totals or per branch), facilities, visits, leaflets."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from gjj_dash.figures import cards, timeline, trends
from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame, matrix_chart
from gjj_dash.figures.facts import Fact, Frame, SeriesRows, fact, series_fact
from gjj_dash.figures.tabulate import chart_records, facts_table, named, units_of
from gjj_dash.figures.year_axis import YearMarks
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset

SERIES = ("halls", "windows", "window_staff")
# The per-branch chart compares windows and staff; every hall counts 1, so the hall count stays in the table.
COMPARED = ("halls.windows", "halls.window_staff")


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def branches_reporting(dataset: Dataset, year: int) -> list[str]:
    """The branches (管理部) the year's report gives hall figures for; never derived from a centre total."""
    ids = [m.id for m in dataset.catalogue.measures_in("halls")]
    return [b.id for b in dataset.catalogue.branches() if any(dataset.cell(year, i, unit=b.id) for i in ids)]


def split_statement(dataset: Dataset, year: int, lang: str) -> str:
    """The sentence for a year that gives only centre totals (or nothing at all)."""
    cat = dataset.catalogue
    totals = [fact(dataset, year, m.id, lang) for m in cat.measures_in("halls")]
    if all(f.missing for f in totals):
        return t("halls.none", lang, year=year)
    figures = _sep(lang).join(f"{f.label} {f.display} {f.unit}" for f in totals if not f.missing)
    branches = _sep(lang).join(cat.label(b.id, lang) for b in cat.branches())
    return t("halls.no_split", lang, year=year, figures=figures, branches=branches)


def branch_block(dataset: Dataset, year: int, lang: str) -> Block:
    """Per-branch comparison where the report gives branch figures; otherwise the no-split sentence."""
    cat = dataset.catalogue
    title = t("halls.branch_title", lang)
    branches = branches_reporting(dataset, year)
    measures = [m.id for m in cat.measures_in("halls")]
    if not branches:
        return Block(key="halls_branches", title=title, empty=split_statement(dataset, year, lang),
                     items=tuple(measures))
    per = {b: [fact(dataset, year, m, lang, unit=b) for m in measures] for b in branches}
    records = [
        {**r, "category": cat.label(b, lang), "series": f.label}
        for b in branches for f, r in zip(per[b], chart_records(per[b]), strict=True) if f.item in COMPARED
    ]
    axes = Axes("", t("halls.branch", lang), units_of(cat, COMPARED), t("common.item", lang))
    fig = bar_chart(chart_frame(records), axes)
    rows, statements = [], []
    for b in branches:
        rows.append(named(cat.label(b, lang), cat.label(b, "zh"), lang, t("halls.branch", lang))
                    | {f"{f.label}（{f.unit}）": f.display for f in per[b]}
                    | {t("common.source", lang): per[b][0].source})
    sums = {m: sum(per[b][n].amount for b in branches) for n, m in enumerate(measures)}
    centre = {m: fact(dataset, year, m, lang) for m in measures}
    for m, total in centre.items():
        if total.reported and total.amount != sums[m]:
            statements.append(t("halls.sum_differs", lang, label=total.label, sum=f"{sums[m]:,.0f}",
                                total=total.display, unit=total.unit))
    if all(c.reported for c in centre.values()) and not statements:
        statements.append(t("halls.sum_agrees", lang))
    return Block(key="halls_branches", title=title, figure=fig, table=pd.DataFrame(rows), stem="halls-branches",
                 statements=tuple(statements), items=tuple(measures), alt=t("halls.branch_alt", lang, year=year))


def facility_status(dataset: Dataset, year: int, facility: str, branch: str) -> str:
    """present for the hall; whole when the report names it only for the halls as a whole; absent otherwise."""
    own = dataset.cell(year, facility, unit=branch)
    if own is not None and own.value:
        return "present"
    whole = dataset.cell(year, facility)
    return "whole" if whole is not None and whole.value else "absent"


def facility_block(dataset: Dataset, year: int, lang: str) -> Block:
    """The hall × facility matrix: present / reported for the halls as a whole / not reported."""
    cat = dataset.catalogue
    title = t("halls.facility_title", lang)
    labels = {s: t(f"halls.status_{s}", lang) for s in ("present", "whole", "absent")}
    cells, rows = [], []
    for m in cat.measures_in("facility"):
        row = named(cat.label(m.id, lang), m.label, lang, t("halls.facility", lang))
        for b in cat.branches():
            status = facility_status(dataset, year, m.id, b.id)
            cells.append({"row": cat.label(m.id, lang), "column": cat.label(b.id, lang), "status": status})
            row[cat.label(b.id, lang)] = labels[status]
        found = [dataset.cell(year, m.id, unit=u) for u in cat.units]
        found = [c for c in found if c is not None]
        row[t("common.source", lang)] = "；".join(dict.fromkeys(c.source for c in found)) or "—"
        row[t("pub.note_text_col", lang)] = "；".join(dict.fromkeys(c.text for c in found if c.text)) or "—"
        rows.append(row)
    frame = pd.DataFrame(cells, columns=["row", "column", "status"])
    if not (frame["status"] != "absent").any():
        return Block(key="halls_facilities", title=title, empty=t("halls.no_facilities", lang, year=year))
    fig = matrix_chart(frame, Axes("", t("halls.branch", lang), t("halls.facility", lang)), labels)
    return Block(key="halls_facilities", title=title, figure=fig, table=pd.DataFrame(rows), stem="halls-facilities",
                 items=tuple(m.id for m in cat.measures_in("facility")), notes=(t("halls.facility_note", lang),),
                 alt=t("halls.facility_alt", lang, year=year))


def service_block(dataset: Dataset, year: int, lang: str) -> Block:
    """Home visits by appointment and the bilingual leaflets, with their sources."""
    cat = dataset.catalogue
    items = [fact(dataset, year, m.id, lang) for m in cat.measures_in("service") + cat.measures_in("leaflet")]
    title = t("halls.service_title", lang)
    if all(f.missing for f in items):
        return Block(key="halls_service", title=title, empty=t("halls.no_service", lang, year=year))
    return Block(key="halls_service", title=title, table=facts_table(items, lang), stem="halls-service",
                 items=tuple(f.item for f in items))


def branch_trend(dataset: Dataset, lang: str, marks: YearMarks) -> Block:
    """Windows and staff of each branch across the years (only years whose report gives branch figures)."""
    cat = dataset.catalogue
    per_year: trends.PerYear = {}
    for y in dataset.years:
        per_year[y] = [
            replace(fact(dataset, y, m, lang, unit=b.id), label=f"{cat.label(b.id, lang)} · {cat.label(m, lang)}",
                    official=f"{b.label} · {cat.label(m, 'zh')}")
            for b in cat.branches() for m in COMPARED
        ]
    return trends.trend_block(per_year, key="halls_branch_trend", title=t("halls.branch_trend_title", lang),
                              y_title=units_of(cat, COMPARED), lang=lang, marks=marks,
                              notes=(t("halls.branch_trend_note", lang),))


def halls_view(dataset: Dataset, frame: Frame, year: int, lang: str) -> View:
    """The 服务大厅 page of a year."""
    frame = SeriesRows(frame) if isinstance(frame, pd.DataFrame) else frame
    cat = dataset.catalogue
    marks = timeline.year_marks(dataset, lang)
    visits = [m.id for m in cat.measures_in("service")]

    def headline(y: int) -> list[Fact]:
        return [series_fact(dataset, frame, y, s, lang) for s in SERIES] + [fact(dataset, y, v, lang) for v in visits]

    def across() -> list[Block]:
        return [
            trends.trend_block(trends.series_per_year(dataset, frame, SERIES, lang), key="halls_trend",
                               title=t("halls.trend_title", lang), y_title=units_of(cat, SERIES), lang=lang,
                               marks=marks),
            branch_trend(dataset, lang, marks),
            trends.delta_block(dataset, year, headline, key="halls_delta", lang=lang),
        ]

    return View(
        year=year,
        intro=t("halls.intro", lang, year=year),
        year_note=timeline.year_note(dataset, year, lang),
        cards=cards.cards(dataset, year, headline, lang),
        blocks=(branch_block(dataset, year, lang), facility_block(dataset, year, lang),
                service_block(dataset, year, lang)),
        trends=trends.across(dataset, year, "halls_single", lang, across),
    )
