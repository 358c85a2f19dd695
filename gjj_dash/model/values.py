"""Model: the canonical values frame (one row per reported cell, with provenance) and the Dataset of loaded years."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.numbers import AT_LEAST, decimals_of, display
from gjj_dash.model.totals import derived_totals

# The canonical frame every reader produces and every page reads; dtypes are declared here and nowhere else.
VALUE_DTYPES: dict[str, str] = {
    "year": "int64",
    "unit": "string",
    "format": "string",
    "indicator": "string",
    "column": "string",
    "raw": "string",
    "value": "float64",
    "qualifier": "string",
    "blank": "bool",
    "text": "string",
    "source": "string",
}
VALUE_FIELDS = list(VALUE_DTYPES)
CENTRE = "centre"


@dataclass(frozen=True)
class Cell:
    """One reported figure with its provenance."""

    value: float | None
    qualifier: str
    blank: bool
    raw: str
    text: str
    source: str

    def display(self, lang: str = "zh") -> str:
        return display(self.value, self.qualifier, self.blank, lang, decimals_of(self.raw))


def empty_values() -> pd.DataFrame:
    """A canonical frame with no rows."""
    return pd.DataFrame({k: pd.Series(dtype=v) for k, v in VALUE_DTYPES.items()})


def read_values(path: Path) -> pd.DataFrame:
    """Read one canonical values.csv with the declared dtypes."""
    frame = pd.read_csv(
        path,
        dtype={k: ("string" if v in ("string", "bool") else v) for k, v in VALUE_DTYPES.items()},
        keep_default_na=False,
        na_values={"value": [""]},
        encoding="utf-8",
    )
    frame["blank"] = frame["blank"].str.lower().eq("true")
    return conform(frame)


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame exactly the canonical columns and dtypes."""
    out = frame.reindex(columns=VALUE_FIELDS)
    for col, dtype in VALUE_DTYPES.items():
        if dtype == "string":
            out[col] = out[col].fillna("").astype("string")
    return out.astype(VALUE_DTYPES)


def write_values(frame: pd.DataFrame) -> bytes:
    """The canonical values.csv bytes of a frame (UTF-8, no index)."""
    out = conform(frame).copy()
    out["blank"] = out["blank"].map({True: "true", False: "false"})
    out["value"] = [_plain(v) for v in out["value"]]
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _plain(value: float) -> str:
    if value is None or math.isnan(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Dataset:
    """Every loaded year: the canonical values frame plus each year's report metadata."""

    def __init__(self, values: pd.DataFrame, reports: dict[int, dict], catalogue: Catalogue | None = None):
        self.values = conform(values)
        self.reports = dict(sorted(reports.items()))
        self.catalogue = catalogue or load_catalogue()
        self._derived: dict | None = None  # built on first use: most pages never ask
        self._index = {
            (int(r.year), r.indicator, r.column, r.unit): r
            for r in self.values.itertuples(index=False)
        }

    @property
    def years(self) -> list[int]:
        return list(self.reports)

    def format_of(self, year: int) -> str:
        return self.reports[year]["format"]

    def format_name(self, year: int, lang: str = "zh") -> str:
        """The name of the year's report format in the language, as the catalogue gives it (its id when unknown)."""
        fmt = self.format_of(year)
        known = self.catalogue.formats.get(fmt)
        return fmt if known is None else (known.label_en if lang == "en" else known.label)

    def previous_year(self, year: int) -> int | None:
        """The year just before, when it is loaded (a gap is not bridged)."""
        return year - 1 if year - 1 in self.reports else None

    def cell(self, year: int, item: str, column: str = "value", unit: str = CENTRE) -> Cell | None:
        """One reported figure, or None when the year does not report that row at all."""
        row = self._index.get((year, item, column, unit))
        if row is None:
            return None
        value = None if math.isnan(row.value) else float(row.value)
        return Cell(value, row.qualifier, bool(row.blank), row.raw, row.text, row.source)

    def derived_total(self, year: int, item: str, column: str = "value", unit: str = CENTRE) -> float | None:
        """The sum a blank printed 总计 cell stands for (see gjj_dash.model.totals), else None."""
        if self._derived is None:
            self._derived = derived_totals(self.values, self.catalogue)
        return self._derived.get((year, unit, item, column))

    def year_values(self, year: int) -> pd.DataFrame:
        return self.values[self.values["year"] == year]

    def units_reporting(self, year: int, item: str) -> list[str]:
        """Which reporting units give a figure for a measure in a year (centre and/or branches)."""
        rows = self.values[(self.values["year"] == year) & (self.values["indicator"] == item)]
        return list(dict.fromkeys(rows["unit"]))


def is_at_least(qualifier: str) -> bool:
    return qualifier in AT_LEAST
