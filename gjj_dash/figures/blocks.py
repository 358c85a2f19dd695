"""Figures: what a public page shows — sections of chart, table and notes, or the sentence for an empty chart."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Card:
    """One KPI card: label, figure(s) with unit, source, and the change from the previous year (`compared`: "" for
    the year before; across years not loaded, the sentence naming the year compared with and the gap)."""

    series: tuple[str, ...]
    label: str
    value: str
    unit: str
    source: str
    delta: str | None
    approximate: bool
    blank: bool
    note: str = ""
    compared: str = ""


@dataclass(frozen=True)
class Block:
    """One section: a lead line (e.g. the counting rule), a chart, its numbers as a table, statements and notes.

    When `empty` is set the section shows that sentence instead of a chart and table. `items` are the catalogue rows,
    measures or harmonised series the section shows: the page marks it when any has data-quality findings. `pinned`
    names the table's columns that stay on screen however wide it is (a row's label and its 总计).
    """

    key: str
    title: str
    table: pd.DataFrame | None = None
    figure: go.Figure | None = None
    alt: str = ""
    lead: str = ""
    statements: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    empty: str = ""
    stem: str = ""
    items: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()


@dataclass(frozen=True)
class View:
    """A public page for one year: the year's cards and sections, then the sections across years."""

    year: int
    intro: str
    year_note: str
    cards: tuple[Card, ...] = ()
    summary: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    trends: tuple[Block, ...] = field(default=())
