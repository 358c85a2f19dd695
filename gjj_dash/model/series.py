"""Model: harmonised series — each comparable measure per year, summed from the cells the crosswalk maps to it."""

from __future__ import annotations

import pandas as pd

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import AT_LEAST, display
from gjj_dash.model.totals import derive_blank_totals
from gjj_dash.model.values import CENTRE, Dataset

SERIES_COLUMNS = [
    "year", "series", "value", "qualifier", "blank", "blank_cells", "cells", "derived", "format", "by_branch", "source",
]


def crosswalk_frame(catalogue: Catalogue) -> pd.DataFrame:
    """The crosswalk as a frame: one row per (series, format, indicator, column)."""
    rows = [
        (h.id, m.format, m.indicator, m.column, m.caveat)
        for h in catalogue.harmonised.values()
        for m in h.mappings
    ]
    return pd.DataFrame(rows, columns=["series", "format", "indicator", "column", "caveat"])


def _centre_or_branches(values: pd.DataFrame) -> pd.DataFrame:
    """For each (year, indicator) keep the centre's figure where given, else the branches' (summed later)."""
    has_centre = (
        values.assign(_c=values["unit"].eq(CENTRE)).groupby(["year", "indicator"])["_c"].transform("any")
    )
    keep = values["unit"].eq(CENTRE) | ~has_centre
    return values[keep].assign(by_branch=~values.loc[keep, "unit"].eq(CENTRE))


def harmonised_series(dataset: Dataset, series: list[str] | None = None) -> pd.DataFrame:
    """One row per (year, series): the sum of mapped cells (blank counted as 0), an "at least" qualifier where
    any part is approximate, and whether every mapped cell was blank."""
    walk = crosswalk_frame(dataset.catalogue)
    if series is not None:
        walk = walk[walk["series"].isin(series)]
    cells = derive_blank_totals(dataset.values, dataset.catalogue).merge(
        walk, on=["format", "indicator", "column"], how="inner"
    )
    if cells.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    cells = _centre_or_branches(cells)
    cells = cells.assign(
        v=cells["value"].fillna(0.0),
        approx=cells["qualifier"].isin(AT_LEAST),
        about=cells["qualifier"].isin(("近", "约")),
    )
    grouped = cells.groupby(["year", "series"], sort=True)
    out = grouped.agg(
        value=("v", "sum"),
        blank=("blank", "all"),
        blank_cells=("blank", "sum"),
        cells=("blank", "size"),
        derived=("derived", "sum"),
        approx=("approx", "any"),
        about=("about", "any"),
        format=("format", "first"),
        by_branch=("by_branch", "any"),
        source=("source", lambda s: "；".join(dict.fromkeys(s))),
    ).reset_index()
    out["qualifier"] = out["approx"].map({True: "余", False: ""})
    out.loc[out["about"] & ~out["approx"], "qualifier"] = "约"
    order = {k: i for i, k in enumerate(dataset.catalogue.harmonised)}
    out = out.sort_values(["year", "series"], key=lambda c: c.map(order) if c.name == "series" else c)
    return out[SERIES_COLUMNS].reset_index(drop=True)


def series_value(frame: pd.DataFrame, year: int, series: str) -> pd.Series | None:
    """The row of one series in one year, or None when that year has no counterpart."""
    hit = frame[(frame["year"] == year) & (frame["series"] == series)]
    return None if hit.empty else hit.iloc[0]


def delta_text(current: pd.Series, previous: pd.Series | None, lang: str = "zh") -> str | None:
    """The year-on-year change as people read it ("+12", "-3"), None when it cannot be stated."""
    if previous is None or current["blank"] or previous["blank"]:
        return None
    approx = bool(current["qualifier"] or previous["qualifier"])
    return change_text(float(current["value"]), float(previous["value"]), approx, lang)


def change_text(now: float, before: float, approximate: bool, lang: str = "zh") -> str:
    """A change as people read it: "+12", "-3", "约+500" when either figure is approximate."""
    diff = now - before
    text = ("+" if diff > 0 else "") + display(diff, "", False, lang)
    return ("约" if lang == "zh" else "≈") + text if approximate else text
