"""Domain: a year's statistics tables in their official layout, built from the catalogue (any format)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.catalogue import Column, Indicator, Table
from gjj_dash.dataset import CENTRE, Cell, Dataset
from gjj_dash.numbers import cell_text

LABEL_HEADER = "统计指标"
UNIT_HEADER = "单位"
# Indentation of the printed form, in full-width spaces, by level.
INDENT = {"H": 0, "G": 0, "1": 1, "2": 2, "Q": 3, "N": 1}


@dataclass(frozen=True)
class OfficialRow:
    """One printed row: the catalogue row and its cells, one per value column (None where the row has none)."""

    indicator: Indicator
    cells: tuple[Cell | None, ...]

    @property
    def indent(self) -> int:
        return INDENT[self.indicator.level]


@dataclass(frozen=True)
class OfficialTable:
    """One table of a year's report in official order."""

    table: Table
    columns: tuple[Column, ...]
    rows: tuple[OfficialRow, ...]


def official_tables(dataset: Dataset, year: int) -> list[OfficialTable]:
    """Every table of the year's format, rows and columns in official order."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    out = []
    for table in cat.tables_of(fmt):
        columns = cat.columns_of(fmt, table.id)
        rows = tuple(
            OfficialRow(
                ind,
                tuple(dataset.cell(year, ind.id, col.id, CENTRE) if ind.has_value else None for col in columns),
            )
            for ind in cat.rows(fmt, table.id)
        )
        out.append(OfficialTable(table, columns, rows))
    return out


def official_frame(table: OfficialTable, *, notes: bool = False, raw: bool = True) -> pd.DataFrame:
    """The table as a frame of strings: label, unit, one column per value column; blank cells stay empty."""
    records = []
    for row in table.rows:
        if row.indicator.level == "N" and not notes:
            continue
        values = [
            "" if cell is None else (cell_text(cell.value, cell.qualifier, cell.blank) if raw else cell.display())
            for cell in row.cells
        ]
        records.append([row.indicator.label, row.indicator.unit, *values])
    return pd.DataFrame(records, columns=[LABEL_HEADER, UNIT_HEADER, *[c.label for c in table.columns]])
