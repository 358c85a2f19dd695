"""Figures: KPI cards — the one pipeline every page's cards go through, the overview's included: a figure with its
unit, source and qualifier, the change from the previous year, and what a reader must know beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gjj_dash.figures import timeline
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
    """KPI cards of the year's figures with the change from the year before — or, that year not loaded, from the
    latest loaded year, the card then naming both years and the gap — and what a reader must know: not in the year's
    format, what the report's text says of the figure, summed from branches, computed by the dashboard, a format
    change, and any page's own note (`extra`)."""
    prev = timeline.compared_year(dataset, year)
    compared = timeline.compared_text(dataset, year, lang)
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
        notes += derived_notes(item, lang)
        if extra is not None:
            notes += extra(item)
        if changed and made.delta is not None:
            notes.append(format_note(dataset, prev, year, item.item, lang))
        shown = compared if made.delta is not None else ""
        out.append(replace(made, note="；".join(notes) if lang == "zh" else "; ".join(notes), compared=shown))
    return tuple(out)


def derived_notes(item: Fact, lang: str) -> list[str]:
    """A card's figure the dashboard computed (a blank printed 总计 counted as its row's sum), said as such."""
    if not item.derived:
        return []
    if item.cells > 1:
        return [t("pub.note_derived_parts", lang, count=item.derived)]
    return [t("pub.note_derived", lang)]


def format_note(dataset: Dataset, before: int, year: int, item: str, lang: str) -> str:
    """Why a change across a format change is indicative only, naming the year compared with unless it is the year
    before."""
    caveat = caveat_of(dataset, year, item)
    if year - before == 1:
        return t("pub.format_delta", lang, caveat=caveat) if caveat else t("pub.format_delta_plain", lang)
    return (t("gaps.format_delta", lang, before=before, caveat=caveat) if caveat
            else t("gaps.format_delta_plain", lang, before=before))
