"""Publish: what every file leaving the system shares — formula-safe text, CSV bytes, MIME types, hashed names."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable

# OWASP CSV-injection rule: these leading characters make a spreadsheet evaluate the cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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


def neutralise_tree(value: object) -> object:
    """Every string of a JSON tree neutralised, recursively."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dict):
        return {k: neutralise_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [neutralise_tree(v) for v in value]
    return value


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows as CSV, every text neutralised, UTF-8 with BOM so Excel opens the Chinese text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def content_name(stem: str, year: int | str, payload: bytes, ext: str) -> str:
    """A download name carrying the year and a short content hash (so caches never serve a stale file)."""
    return f"{stem}-{year}-{hashlib.sha256(payload).hexdigest()[:8]}.{ext}"
