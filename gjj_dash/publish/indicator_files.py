"""Publish: the leadership indicator rows as files — CSV (UTF-8 with BOM) or JSON, same columns, both formula-safe."""

from __future__ import annotations

import json

from gjj_dash.figures.board import Cell, row_text
from gjj_dash.publish.files import content_name, csv_bytes, neutralise_tree

KINDS = ("csv", "json")
STEM = "gjj-indicators"


def indicator_bytes(rows: list[dict[str, Cell]], kind: str, lang: str = "zh") -> bytes:
    """The rows as CSV (a header line, then one line per row; 数值 with one decimal, blanks empty) or as a JSON array
    of objects with the same keys (numbers as numbers, blanks as null)."""
    if kind == "json":
        return (json.dumps(neutralise_tree(rows), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    head = list(rows[0]) if rows else []
    return csv_bytes([head, *[[row_text(k, row[k], lang) for k in head] for row in rows]])


def indicator_name(year: int, payload: bytes, kind: str) -> str:
    """A download name with the year and a short content hash."""
    return content_name(STEM, year, payload, kind)
