"""Upload test material built by the tests: a filled 2017 old table, and frames reduced to comparable values."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from pathlib import Path

import pandas as pd

from gjj_dash.publish.templates import template_rows

BUNDLED_2016 = Path(__file__).resolve().parent.parent.parent / "data" / "years" / "2016" / "values.csv"

# A plausible 2017 table for a new year (figures invented for the test; the labels and units are the catalogue's).
FIGURES_2017 = {
    "(一)主动公开政府信息数": "230",
    "2.政府网站公开政府信息数": "120",
    "3.政务微博公开政府信息数": "100",
    "5.其他方式公开政府信息数": "10",
    "(一)回应公众关注热点或重大舆情数(不同方式回应同一热点或舆情计1次)": "5",
    "5.其他方式回应事件数": "5",
    "(二)设置政府信息公开查阅点数": "3",
    "(三)从事政府信息公开工作人员数": "2",
    "2.兼职人员数": "2",
    "(一)召开政府信息公开工作会议或专题会议数": "1",
    "(三)接受培训人员数": "20余",
}


def table_2017(delimiter: str = ",") -> str:
    """The old-table template filled with the 2017 figures, as CSV text (no BOM)."""
    rows = template_rows("old")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for label, unit, value in rows:
        writer.writerow([label, unit, FIGURES_2017.get(label, value)])
    return buffer.getvalue()


def values_of(frame: pd.DataFrame) -> dict[str, tuple[float | None, bool, str]]:
    """indicator → (value or None, blank, qualifier) of the table rows."""
    table = frame[frame["format"] == "old"]
    return {
        r.indicator: (None if math.isnan(r.value) else r.value, bool(r.blank), r.qualifier)
        for r in table.itertuples(index=False)
    }


def bundled_2016() -> dict[str, tuple[float | None, bool, str]]:
    from gjj_dash.model.values import read_values

    return values_of(read_values(BUNDLED_2016))


def rows_2017() -> list[list[str]]:
    """The filled 2017 table as rows (header first) to change cell by cell."""
    return [[label, unit, FIGURES_2017.get(label, value)] for label, unit, value in template_rows("old")]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    """Rows written as a CSV file in an encoding."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def row_of(rows: list[list[str]], label: str) -> int:
    """The 1-based file row of the first row with this label (what a Problem's row says)."""
    return next(n for n, row in enumerate(rows, 1) if row[0] == label)


def set_value(rows: list[list[str]], label: str, value: str, column: int = 2) -> list[list[str]]:
    """The rows with one cell of the first row of a label replaced."""
    rows[row_of(rows, label) - 1][column] = value
    return rows


def damaged_zip(members: dict[str, bytes]) -> bytes:
    """A zip whose directory reads but whose first member's compressed bytes are overwritten (its CRC fails)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    damaged = bytearray(buffer.getvalue())
    start = 30 + len(next(iter(members)).encode())  # the first local header, then its name, then its data
    damaged[start + 4 : start + 24] = b"\x00" * 20
    return bytes(damaged)
