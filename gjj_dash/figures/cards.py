"""Figures: KPI cards — the one pipeline every page's cards go through, the overview's included: a figure with its
unit, source and qualifier, the change from the previous year, and what a reader must know beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gjj_dash.figures.blocks import Card
from gjj_dash.figures.facts import Fact, delta
from gjj_dash.figures.narrative import report_words
from gjj_dash.i18n import t
from gjj_dash.model.numbers import AT_LEAST
from gjj_dash.model.values import Dataset


def card(item: Fact, change: str | None, lang: str) -> Card:
    """A KPI card of a figure, for the shared card widget."""
    return Card(
        series=(item.item,),
        label=item.label,
        value=item.display if not item.blank else "—",
        unit=item.unit,
        source=item.source or "—",
        delta=change,
        approximate=item.qualifier in AT_LEAST,
        blank=item.blank,
        note=item.text if item.blank else "",
    )


def caveat_of(dataset: Dataset, year: int, item: str) -> str:
    """The crosswalk's caveats for a harmonised series in the year's format ("" for a plain row or measure)."""
    h = dataset.catalogue.harmonised.get(item)
    if h is None:
        return ""
    fmt = dataset.format_of(year)
    return "；".join(dict.fromkeys(m.caveat for m in h.mappings if m.format == fmt and m.caveat))


def cards(
    dataset: Dataset, year: int, build: Callable[[int], list[Fact]], lang: str,
    extra: Callable[[Fact], list[str]] | None = None,
) -> tuple[Card, ...]:
    """KPI cards of the year's figures with the change from the previous year, and what a reader must know: not in
    the year's format, what the report's text says of the figure, summed from branches, a format change, and any
    page's own note (`extra`)."""
    prev = dataset.previous_year(year)
    now = build(year)
    before: list[Fact | None] = list(build(prev)) if prev is not None else [None] * len(now)
    changed = prev is not None and dataset.format_of(prev) != dataset.format_of(year)
    out = []
    for item, old in zip(now, before, strict=True):
        made = card(item, delta(item, old, lang), lang)
        notes = []
        if item.missing:
            notes.append(t("pub.note_missing", lang))
        elif text := report_words(dataset, year, item.item, lang):
            notes.append(t("overview.narrative", lang, text=text))
        if item.by_branch:
            notes.append(t("pub.note_by_branch", lang))
        if extra is not None:
            notes += extra(item)
        if changed and made.delta is not None:
            caveat = caveat_of(dataset, year, item.item)
            notes.append(t("pub.format_delta", lang, caveat=caveat) if caveat else t("pub.format_delta_plain", lang))
        out.append(replace(made, note="；".join(notes) if lang == "zh" else "; ".join(notes)))
    return tuple(out)
