"""Domain: a year as an upload would leave it — the uploaded rows replace the rows of what they cover, nothing else."""

from __future__ import annotations

import pandas as pd

from gjj_dash.dataset import conform
from gjj_dash.i18n import t
from gjj_dash.problems import Upload

MEASURE = "measure"


class Unmergeable(ValueError):
    """An upload that cannot make a year on its own (no year, or measures for a year without a table)."""


def group(fmt: str) -> str:
    """What a row belongs to: the statistics table (any format) or the supplementary measures."""
    return MEASURE if fmt == MEASURE else "table"


def merged(current: pd.DataFrame, report: dict, upload: Upload) -> tuple[pd.DataFrame, dict]:
    """The year's values and report after the upload: a table replaces the table rows, a measures file the measures.

    The report keeps what the current one says unless the upload says otherwise; its format is the uploaded table's.
    """
    year = upload.year
    if year is None or upload.frame.empty or set(upload.frame["year"]) != {year}:
        raise Unmergeable(t("admin.err_no_year", "zh"))
    frame = conform(upload.frame)
    covered = {group(f) for f in frame["format"]}
    kept = current[~current["format"].map(group).isin(covered)]
    both = pd.concat([kept, frame], ignore_index=True)
    measures = both["format"].map(group).eq(MEASURE)
    values = conform(pd.concat([both[~measures], both[measures]]).reset_index(drop=True))  # table rows first
    out = {**report, **upload.report, "year": year, "origin": "upload"}
    tables = sorted({f for f in frame["format"] if group(f) == "table"})
    if tables:
        out["format"] = tables[0]
    if not out.get("format"):
        raise Unmergeable(t("admin.err_no_table", "zh", year=year))
    return values, out
