"""Model: the one rule for a blank printed 总计 — a matrix row whose 总计 cell is blank while some of the columns it
adds up carry figures counts as the sum of those columns, flagged `derived`; every other blank cell counts as 0.

Real tables print detail-row 总计 cells blank (Shanghai 2019); the row's own columns still give the total. The
harmonised series, the quality checks and every page's figures read blank totals through this module.
"""

from __future__ import annotations

import pandas as pd

from gjj_dash.model.catalogue import Catalogue

Key = tuple[int, str, str, str]  # (year, reporting unit, row, column)


def derive_blank_totals(values: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Fill a matrix row's blank 总计 cell with the sum of its filled applicant/result cells, flagged `derived`.

    Real tables print detail-row 总计 cells blank (Shanghai 2019); the row's own columns still give the total.
    """
    roles = pd.DataFrame(
        [(c.format, c.table, c.id, c.relation) for cols in catalogue.columns.values() for c in cols],
        columns=["format", "table", "column", "role"],
    )
    tables = pd.DataFrame(
        [(i.id, i.table) for i in catalogue.indicators.values()], columns=["indicator", "table"]
    )
    cells = values.merge(tables, on="indicator", how="left").merge(
        roles, on=["format", "table", "column"], how="left"
    )
    key = ["year", "unit", "format", "indicator"]
    parts = cells[cells["role"].eq("sum")].groupby(key).agg(part_sum=("value", "sum"), filled=("blank", "min"))
    parts = parts[~parts["filled"].astype(bool)]  # at least one part filled
    totals = cells[cells["role"].eq("total") & cells["blank"]].join(parts, on=key, how="inner")
    out = values.assign(derived=False)
    if totals.empty:
        return out
    index = totals.index
    out.loc[index, "value"] = totals["part_sum"].to_numpy()
    out.loc[index, "blank"] = False
    out.loc[index, "derived"] = True
    return out


def derived_totals(values: pd.DataFrame, catalogue: Catalogue) -> dict[Key, float]:
    """Each blank 总计 cell the rule fills, keyed (year, reporting unit, row, column), with the sum it stands for."""
    out = derive_blank_totals(values, catalogue)
    hits = out[out["derived"]]
    return {(int(r.year), r.unit, r.indicator, r.column): float(r.value) for r in hits.itertuples(index=False)}
