"""Store: a year as an upload would leave it — the uploaded rows replace the rows of what they cover, nothing else.

What an upload covers: a measures file the year's measures; a table file the tables (sections, as in the catalogue's
tables.csv) it carries, when the year's table is of the same format — otherwise the whole table, since two formats
never mix in one year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.problems import Upload
from gjj_dash.model.values import conform

MEASURE = "measure"
# What a report adds to its tables, kept in report.json by table: a section upload replaces only its tables' entries.
EXTRAS = ("extra_rows", "extra_columns")


class Unmergeable(ValueError):
    """An upload that cannot make a year on its own (no year, or measures for a year without a table)."""


@dataclass(frozen=True)
class Sections:
    """Which tables of the year's format an upload leaves as published, which the year still lacks, and which it
    carries all blank over published figures (a blank section of a whole template, most likely)."""

    format: str
    kept: tuple[str, ...]
    missing: tuple[str, ...]
    blanked: tuple[str, ...] = ()


def group(fmt: str) -> str:
    """What a row belongs to: the statistics table (any format) or the supplementary measures."""
    return MEASURE if fmt == MEASURE else "table"


def _tables(frame: pd.DataFrame, catalogue: Catalogue) -> pd.Series:
    """The catalogue table (section) of each table row: s2_1, s3 … (main for the old format); a row a report adds
    (n21.s3.x…) is its table's."""
    return frame["indicator"].map(lambda i: catalogue.indicators[i].table if i in catalogue.indicators
                                  else i.split(".")[1] if i.count(".") >= 2 else "")


def _table_format(frame: pd.DataFrame) -> str | None:
    formats = {f for f in frame["format"] if group(f) == "table"}
    return next(iter(formats)) if len(formats) == 1 else None


def merged(current: pd.DataFrame, report: dict, upload: Upload) -> tuple[pd.DataFrame, dict]:
    """The year's values and report after the upload: a table replaces its sections (or the table), measures theirs.

    The report keeps what the current one says unless the upload says otherwise; its format is the uploaded table's.
    """
    cat = load_catalogue()
    year = upload.year
    if year is None or upload.frame.empty or set(upload.frame["year"]) != {year}:
        raise Unmergeable(t("admin.err_no_year", "zh"))
    frame = conform(upload.frame)
    covered = {group(f) for f in frame["format"]}
    replaced = current["format"].map(group).isin(covered)
    fmt = _table_format(frame)
    carried: set[str] | None = None  # the sections an upload of the year's own format replaces (None: all)
    if fmt is not None and not current.empty and _table_format(current[current["format"].map(group) == "table"]) == fmt:
        carried = set(_tables(frame, cat))
        replaced &= _tables(current, cat).isin(carried)  # same format: only the sections carried
    both = pd.concat([current[~replaced], frame], ignore_index=True)
    measures = both["format"].map(group).eq(MEASURE)
    values = conform(pd.concat([both[~measures], both[measures]]).reset_index(drop=True))  # table rows first
    out = {**report, **upload.report, "year": year, "origin": "upload"}
    if fmt is not None:
        out["format"] = fmt
        for key in EXTRAS:  # the rows and columns a report adds: the kept sections' as published, the rest uploaded
            kept = [e for e in report.get(key) or [] if carried is not None and e.get("table") not in carried]
            out[key] = kept + list(upload.report.get(key) or [])
            if not out[key]:
                del out[key]
    if not out.get("format"):
        raise Unmergeable(t("admin.err_no_table", "zh", year=year))
    return values, out


def sections(before: pd.DataFrame, after: pd.DataFrame, upload: Upload, catalogue: Catalogue) -> Sections | None:
    """The sections of a table upload's format: kept from the published year, missing after it, blanked by it."""
    fmt = _table_format(upload.frame)
    if fmt is None:
        return None
    order = [t.id for t in catalogue.tables_of(fmt)]
    carried = set(_tables(upload.frame, catalogue))
    rows = after[after["format"] == fmt]
    present = set(_tables(rows, catalogue))
    same = before[before["format"] == fmt]
    kept = set(_tables(same, catalogue)) - carried
    uploaded = upload.frame.assign(table=_tables(upload.frame, catalogue))
    empty = {table for table, rows in uploaded.groupby("table") if bool(rows["blank"].all())}
    figures = set(_tables(same[~same["blank"].astype(bool)], catalogue))
    return Sections(
        fmt,
        tuple(i for i in order if i in kept),
        tuple(i for i in order if i not in present),
        tuple(i for i in order if i in empty & figures),
    )
