"""Store: the staff preview — an upload's parsed values, and each cell a new version changes (old → new), labelled."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import display

KEY = ("unit", "indicator", "column")
KINDS = ("changed", "added", "removed")


@dataclass(frozen=True)
class Change:
    """One cell that a new version changes: where it is, and the figure before and after as people read it."""

    unit: str
    indicator: str
    column: str
    kind: str
    old: str
    new: str


def _state(row: pd.Series) -> tuple:
    value = None if row["value"] is None or math.isnan(row["value"]) else float(row["value"])
    return value, str(row["qualifier"]), bool(row["blank"]), str(row["text"])


def _shown(state: tuple | None, lang: str) -> str:
    if state is None:
        return ""
    value, qualifier, blank, text = state
    shown = display(value, qualifier, blank, lang)
    return text if text and shown == "—" else shown


def changes(old: pd.DataFrame, new: pd.DataFrame, lang: str = "zh") -> list[Change]:
    """Every cell whose figure, qualifier, blank flag or text differs (raw spelling alone is not a change)."""
    before = {tuple(r[k] for k in KEY): _state(r) for _, r in old.iterrows()}
    after = {tuple(r[k] for k in KEY): _state(r) for _, r in new.iterrows()}
    out = []
    for key, state in after.items():
        if key not in before:
            out.append(Change(*key, "added", "", _shown(state, lang)))
        elif before[key] != state:
            out.append(Change(*key, "changed", _shown(before[key], lang), _shown(state, lang)))
    out += [Change(*key, "removed", _shown(state, lang), "") for key, state in before.items() if key not in after]
    return out


def _label(catalogue: Catalogue, item: str, lang: str) -> str:
    try:
        return catalogue.label(item, lang)
    except KeyError:
        return item


def _column(catalogue: Catalogue, item: str, column: str, lang: str) -> str:
    ind = catalogue.indicators.get(item)
    for col in catalogue.columns_of(ind.format, ind.table) if ind else ():
        if col.id == column:
            return col.label_en if lang == "en" else col.label
    return "" if column == "value" else column


def _unit(catalogue: Catalogue, item: str, column: str) -> str:
    try:
        return catalogue.unit_of(item, column)
    except KeyError:
        return ""


def changes_frame(found: list[Change], catalogue: Catalogue, lang: str = "zh",
                  names: dict[str, str] | None = None) -> pd.DataFrame:
    """The changes as a table to show: reporting unit, label, column, unit, old → new, kind of change; a row or
    column the catalogue lacks by the name `names` gives it (a report's own, as printed)."""
    names = names or {}
    headers = [t(f"admin.diff_{k}", lang) for k in ("unit", "label", "column", "measure_unit", "old", "new", "kind")]
    rows = [
        [
            _label(catalogue, c.unit, lang),
            names.get(c.indicator) or _label(catalogue, c.indicator, lang),
            names.get(c.column) or _column(catalogue, c.indicator, c.column, lang),
            _unit(catalogue, c.indicator, c.column),
            c.old,
            c.new,
            t(f"admin.kind_{c.kind}", lang),
        ]
        for c in found
    ]
    return pd.DataFrame(rows, columns=headers, dtype="string")


def preview_frame(frame: pd.DataFrame, catalogue: Catalogue, lang: str = "zh") -> pd.DataFrame:
    """The parsed values as staff check them: reporting unit, label, column, unit, text as given, figure read."""
    headers = [t(f"admin.diff_{k}", lang) for k in ("unit", "label", "column", "measure_unit", "raw", "read")]
    rows = [
        [
            _label(catalogue, r["unit"], lang),
            _label(catalogue, r["indicator"], lang),
            _column(catalogue, r["indicator"], r["column"], lang),
            _unit(catalogue, r["indicator"], r["column"]),
            r["raw"],
            _shown(_state(r), lang),
        ]
        for _, r in frame.iterrows()
    ]
    return pd.DataFrame(rows, columns=headers, dtype="string")
