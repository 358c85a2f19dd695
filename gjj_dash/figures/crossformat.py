"""Figures: harmonised series across report formats — the years' formats in the table, each mapping's caveat in the
notes, and series that only some formats have shown only for those years."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from gjj_dash.figures import timeline, trends
from gjj_dash.figures.blocks import Block
from gjj_dash.figures.facts import Frame
from gjj_dash.figures.tabulate import beside, year_cell
from gjj_dash.figures.year_axis import YearMarks
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset


def across_table(dataset: Dataset, per_year: trends.PerYear, lang: str, marks: YearMarks) -> pd.DataFrame:
    """Years as rows with their report format (the first year of a new one marked only when the year before is
    loaded), a row per run of years not loaded, one column per series; a series the year's format has no row for
    says so instead of a number, a total the dashboard computed is marked."""
    starts = {c.year for c in timeline.changes(dataset) if c.known}
    rows = {}
    for year, items in per_year.items():
        name = dataset.format_name(year, lang)
        rows[year] = {t("common.year", lang): str(year),
                      t("common.format", lang): t("requests.format_starts", lang, label=name) if year in starts
                      else name}
        rows[year] |= {beside(i, lang): year_cell(i, lang) for i in items}
    return trends.with_gaps(rows, marks, lang)


def across_notes(dataset: Dataset, per_year: trends.PerYear, lang: str) -> tuple[str, ...]:
    """Where the format changes (told by the years loaded), each mapping's caveat per format, and which series only
    some formats have."""
    cat = dataset.catalogue
    years = list(per_year)
    found = timeline.changes(dataset)
    notes = []
    if found:
        changes = "；".join(timeline.change_text(dataset, c, lang) for c in found)
        notes.append(t("requests.format_change_note", lang, changes=changes))
    formats = {dataset.format_of(y): y for y in reversed(years)}  # each format with its first loaded year
    for n, item in enumerate(per_year[years[0]]):
        h = cat.harmonised[item.item]
        said: dict[str, list[str]] = {}  # each caveat with the formats it applies to, in the years' order
        for fmt, first in sorted(formats.items(), key=lambda kv: kv[1]):
            for caveat in dict.fromkeys(m.caveat for m in h.mappings if m.format == fmt and m.caveat):
                said.setdefault(caveat, []).append(dataset.format_name(first, lang))
        notes += [t("requests.caveat_line", lang, series=item.label, text=caveat, format="、".join(names))
                  for caveat, names in said.items()]
        have = [str(y) for y in years if not per_year[y][n].missing]
        if have and len(have) < len(years):
            notes.append(t("requests.only_some_years", lang, series=item.label, years="、".join(have)))
    return tuple(notes)


def across_block(block: Block, dataset: Dataset, per_year: trends.PerYear, lang: str, marks: YearMarks) -> Block:
    """A trend section with the formats in its table and the crosswalk's caveats in its notes."""
    items = tuple(i.item for i in next(iter(per_year.values()), []))
    if block.empty:
        return replace(block, items=items)
    return replace(block, table=across_table(dataset, per_year, lang, marks),
                   notes=(*block.notes, *across_notes(dataset, per_year, lang)), items=items)


def present(dataset: Dataset, frame: Frame, ids: tuple[str, ...], lang: str) -> trends.PerYear:
    """Harmonised series of every loaded year, leaving out a series that no loaded year's format has."""
    per_year = trends.series_per_year(dataset, frame, ids, lang)
    keep = [n for n in range(len(ids)) if any(not items[n].missing for items in per_year.values())]
    return {y: [items[n] for n in keep] for y, items in per_year.items()}
