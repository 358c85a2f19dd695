"""Figures: a page's figures laid out for reading — the accessible table under every chart (label, value, unit, source,
note), chart rows, column headers with the official label and unit, sums people can check, axis units."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from gjj_dash.figures.facts import Fact
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import ABOUT, AT_LEAST, display


def note_of(item: Fact, lang: str) -> str:
    """What a reader must know about a figure: not in the year's report, blank, approximate, summed from branches."""
    notes = []
    if item.missing:
        notes.append(t("pub.note_missing", lang))
    if item.blank:
        notes.append(t("pub.note_blank", lang))
    elif item.derived and item.cells == 1:
        notes.append(t("pub.note_derived", lang))
    if item.blank_cells and not item.blank:
        notes.append(t("pub.note_some_blank", lang, count=item.blank_cells))
    if item.derived and item.cells > 1:
        notes.append(t("pub.note_derived_parts", lang, count=item.derived))
    if item.qualifier in AT_LEAST:
        notes.append(t("pub.note_at_least", lang, raw=item.raw) if item.raw else t("pub.note_at_least_sum", lang))
    elif item.qualifier in ABOUT:
        notes.append(t("pub.note_about", lang, raw=item.raw or item.display))
    if item.by_branch:
        notes.append(t("pub.note_by_branch", lang))
    if item.text and item.text != item.display:
        notes.append(t("pub.note_text", lang, text=item.text))
    return "；".join(notes) if lang == "zh" else "; ".join(notes)


def year_cell(item: Fact, lang: str) -> str:
    """A figure in a table across years: 本年度报表无此项 where the year's format has no such row (never "—" as if
    left blank), "— 未填报" for a blank cell, and a total the dashboard computed marked as such."""
    if item.missing:
        return t("pub.note_missing", lang)
    if item.derived and not item.display.startswith("—"):  # fact() already says "— 未填报（该行各列之和 N）"
        return t("gaps.derived" if item.derived >= item.cells else "gaps.derived_part", lang, value=item.display)
    return item.display


def named(label: str, official: str, lang: str, header: str = "") -> dict[str, str]:
    """The label column(s) of a table row: the label, and in English the official Chinese label beside it."""
    first = {header or t("common.item", lang): label}
    return first if lang != "en" else first | {t("common.official_label", lang): official}


def beside(item: Fact, lang: str) -> str:
    """A column header: the label, with the official Chinese label beside it in English, and the unit."""
    name = item.label if lang != "en" or item.label == item.official else f"{item.label} / {item.official}"
    return f"{name}（{item.unit}）" if item.unit else name


def facts_table(items: Iterable[Fact], lang: str) -> pd.DataFrame:
    """The figures as an accessible table: label (official Chinese label too in English), value, unit, source, note."""
    records = []
    for item in items:
        record = named(item.label, item.official, lang) | {
            t("common.value", lang): item.display,
            t("common.unit", lang): item.unit,
            t("common.source", lang): item.source,
            t("pub.note", lang): note_of(item, lang),
        }
        records.append(record)
    return pd.DataFrame(records)


def chart_records(items: Iterable[Fact], series: str = "", *, with_unit: bool = False) -> list[dict]:
    """Chart rows of figures: a missing row has no bar (NaN), a blank one a bar at 0 labelled —."""
    return [
        {
            "category": f"{item.label}（{item.unit}）" if with_unit and item.unit else item.label,
            "series": series,
            "value": math.nan if item.missing else item.amount,
            "display": f"{item.display} {item.unit}" if with_unit and item.reported else item.display,
            "approximate": item.qualifier in AT_LEAST,
            "blank": item.blank,
        }
        for item in items
    ]


def plus_terms(items: Iterable[Fact], lang: str) -> str:
    """The printed figures as a sum people can check: "94 + 91 + 6"."""
    return " + ".join(display(i.value, i.qualifier, False, lang) for i in items if i.reported)


def units_of(cat: Catalogue, items: Iterable[str]) -> str:
    """The catalogue units of several rows, measures or series, for an axis title ("条 / 次")."""
    return " / ".join(dict.fromkeys(u for u in (cat.unit_of(i) for i in items) if u))
