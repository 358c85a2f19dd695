"""Domain: the overview's KPI cards — which harmonised series, their figures, units, sources and changes."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures.blocks import Card
from gjj_dash.i18n import t
from gjj_dash.model.numbers import display
from gjj_dash.model.series import delta_text, series_value
from gjj_dash.model.values import Dataset

# The overview's cards, in order; each names harmonised series (data/catalogue/harmonised.csv).
KPI_SERIES: tuple[tuple[str, ...], ...] = (
    ("disclosed",),
    ("responses",),
    ("portal_visits",),
    ("fund_queries",),
    ("halls", "windows", "window_staff"),
    ("requests_received",),
    ("reviews",),
    ("lawsuits",),
)


def source_text(dataset: Dataset, year: int, series: str, lang: str = "zh") -> str:
    """Where a series' figure of a year comes from: the official row labels, or the report section."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    parts = []
    for m in cat.harmonised[series].mappings:
        if m.format == fmt:
            table = cat.formats[fmt].table_title
            parts.append(f"{table}「{cat.indicators[m.indicator].label}」")
        elif m.format == "measure" and m.indicator in dataset.values["indicator"].values:
            rows = dataset.values[(dataset.values["year"] == year) & (dataset.values["indicator"] == m.indicator)]
            if not rows.empty:
                parts.append(f"年度报告正文 {rows['source'].iloc[0]}")
    return "；".join(dict.fromkeys(parts))


def narrative_note(dataset: Dataset, year: int, series: str) -> str:
    """What the report's text says about a series' table rows (e.g. 中心未接到政府信息公开申请), if anything."""
    cat = dataset.catalogue
    rows = {m.indicator for m in cat.harmonised[series].mappings}
    notes = []
    for measure in cat.measures.values():
        if measure.restates in rows:
            cell = dataset.cell(year, measure.id)
            if cell is not None and cell.text:
                notes.append(cell.text)
    return "；".join(notes)


def _narrative(text: str, lang: str) -> str:
    """A card's note: the report's text about its figure, said to be the report's."""
    return t("overview.narrative", lang, text=text) if text else ""


def overview_cards(dataset: Dataset, frame: pd.DataFrame, year: int, lang: str = "zh") -> list[Card]:
    """The KPI cards of a year; a series the year's format lacks is shown as not reported."""
    cat = dataset.catalogue
    prev = dataset.previous_year(year)
    cards = []
    for group in KPI_SERIES:
        rows = [series_value(frame, year, s) for s in group]
        values = " / ".join("—" if r is None else display(r["value"], r["qualifier"], r["blank"], lang) for r in rows)
        units = " / ".join(cat.harmonised[s].unit for s in group)
        delta = None
        if len(group) == 1 and rows[0] is not None and prev is not None:
            delta = delta_text(rows[0], series_value(frame, prev, group[0]), lang)
        label = " / ".join(cat.label(s, lang) for s in group)
        sources = "；".join(dict.fromkeys(source_text(dataset, year, s, lang) for s in group))
        cards.append(
            Card(
                group,
                label,
                values,
                units,
                sources,
                delta,
                any(r is not None and bool(r["qualifier"]) for r in rows),
                all(r is None or bool(r["blank"]) for r in rows),
                _narrative(narrative_note(dataset, year, group[0]) if len(group) == 1 else "", lang),
            )
        )
    return cards
