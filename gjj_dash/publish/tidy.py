"""Publish: the whole dataset as one tidy long table — every value of every year with its labels, unit and source;
a row or column a report adds to its table labelled as the report printed it, in printed order."""

from __future__ import annotations

import pandas as pd

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.values import Dataset

# One row per (year, reporting unit, indicator or measure, column); the published data dictionary describes each field.
TIDY_DTYPES: dict[str, str] = {
    "year": "int64",
    "reporting_unit": "string",
    "reporting_unit_label": "string",
    "format": "string",
    "table": "string",
    "indicator": "string",
    "column": "string",
    "label": "string",
    "label_en": "string",
    "column_label": "string",
    "unit": "string",
    "value": "float64",
    "raw": "string",
    "qualifier": "string",
    "blank": "bool",
    "text": "string",
    "source": "string",
}
TIDY_FIELDS = list(TIDY_DTYPES)


def _describe(cat: Catalogue, item: str, column: str, extras: dict[str, dict],
              added: dict[tuple[str, str, str], dict]) -> tuple[str, str, str, str, str, int]:
    """(table, label, English label, column label, unit, rank) of one cell from the catalogue, or from the report
    that printed a row or column the catalogue lacks (its extra_rows and extra_columns in report.json)."""
    extra = extras.get(item)
    if extra is not None:
        fmt, table = extra.get("format", ""), extra.get("table", "")
        cols = {c.id: c for c in cat.columns_of(fmt, table)}
        after = cat.indicators.get(extra.get("after", ""))
        rank = (after.seq + 1000 * cat.tables[(after.format, after.table)].seq if after else 999_000) + 0.5
        label = str(extra.get("label", ""))
        head = cols[column].label if column in cols else str(added.get((fmt, table, column), {}).get("label", ""))
        return table, label, label, head, str(extra.get("unit", "")), rank
    ind = cat.indicators.get(item)
    if ind is not None:
        cols = {c.id: c for c in cat.columns_of(ind.format, ind.table)}
        col = cols.get(column)
        own = {} if col else added.get((ind.format, ind.table, column), {})
        head = col.label if col else str(own.get("label", ""))
        # a report's own column: its figures are in the unit of the column it follows (ingest/extra_columns)
        unit = cat.unit_of(item, own.get("after", "") if own else column)
        rank = ind.seq + 1000 * cat.tables[(ind.format, ind.table)].seq
        return ind.table, ind.label, ind.label_en, head, unit, rank
    measure = cat.measures.get(item)
    if measure is not None:
        return "", measure.label, measure.label_en, "", measure.unit, 1_000_000 + measure.seq
    return "", "", "", "", "", 2_000_000  # not in the catalogue: kept, unlabelled, listed last


def tidy_frame(dataset: Dataset) -> pd.DataFrame:
    """Every stored value of every year, labelled from the catalogue, in year and official order."""
    cat = dataset.catalogue
    values = dataset.values
    keys = values[["indicator", "column"]].drop_duplicates()
    extras = {e["id"]: e for report in dataset.reports.values() for e in report.get("extra_rows", []) or []}
    added = {(e.get("format", ""), e.get("table", ""), e["id"]): e
             for report in dataset.reports.values() for e in report.get("extra_columns", []) or []}
    described = pd.DataFrame(
        [(i, c, *_describe(cat, i, c, extras, added)) for i, c in keys.itertuples(index=False)],
        columns=["indicator", "column", "table", "label", "label_en", "column_label", "unit", "_rank"],
    )
    units = {u.id: (n, u.label) for n, u in enumerate(cat.units.values())}
    col_seq = {(c.format, c.table, c.id): float(c.seq) for cols in cat.columns.values() for c in cols}
    for n, (key, extra) in enumerate(added.items(), start=1):  # a report's own column: after the one it follows
        col_seq[key] = col_seq.get((key[0], key[1], extra.get("after", "")), 0.0) + 0.5 + n / 10_000
    out = values.rename(columns={"unit": "reporting_unit"}).merge(described, on=["indicator", "column"], how="left")
    out["reporting_unit_label"] = out["reporting_unit"].map(lambda u: units.get(u, (0, u))[1])
    out["_unit_rank"] = out["reporting_unit"].map(lambda u: units.get(u, (len(units), u))[0])
    out["_col_rank"] = [col_seq.get(k, 0) for k in zip(out["format"], out["table"], out["column"], strict=True)]
    out = out.sort_values(["year", "_rank", "_col_rank", "_unit_rank", "indicator"], kind="stable")
    out = out[TIDY_FIELDS].reset_index(drop=True)
    for col, dtype in TIDY_DTYPES.items():
        if dtype == "string":
            out[col] = out[col].fillna("")
    return out.astype(TIDY_DTYPES)
