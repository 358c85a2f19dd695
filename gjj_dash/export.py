"""I/O: exports of a year's official tables and of the whole dataset, safe to open in Excel."""

from __future__ import annotations

import csv
import hashlib
import io

from gjj_dash.dataset import Dataset
from gjj_dash.official import official_frame, official_tables

# OWASP CSV-injection rule: these leading characters make a spreadsheet evaluate the cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell text that no spreadsheet will run as a formula (a leading ' where needed)."""
    return "'" + text if text.startswith(_FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    # A signed figure such as -185 (本年增/减) is data, not a formula; keep it readable as a number.
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def table_csv(dataset: Dataset, year: int) -> bytes:
    """The year's statistics table(s) in official layout: UTF-8 with BOM so Excel opens the Chinese text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, table in enumerate(official_tables(dataset, year)):
        frame = official_frame(table)
        if n:
            writer.writerow([])
        writer.writerow([neutralise(h) for h in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([neutralise(str(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def content_name(stem: str, year: int | str, payload: bytes, ext: str) -> str:
    """A download name carrying the year and a short content hash (so caches never serve a stale file)."""
    return f"{stem}-{year}-{hashlib.sha256(payload).hexdigest()[:8]}.{ext}"
