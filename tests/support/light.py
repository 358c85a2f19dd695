"""Test support: read a light page's HTML — its official-table rows, its table rows as text, every figure of a year
that the page must show (from the year's tidy CSV), and the links it holds."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from html.parser import HTMLParser

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import display


class _Rows(HTMLParser):
    """Every <tr> of a page as (id, [cell texts]); every href and every element's id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, list[str]]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self._row: tuple[str, list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("a", "link") and found.get("href") is not None:
            self.links.append(str(found["href"]))
        if tag == "tr":
            self._row = (str(found.get("id") or ""), [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row[1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> _Rows:
    """The page read once: rows, links, ids and every start tag."""
    reader = _Rows()
    reader.feed(html)
    return reader


def tidy_rows(payload: bytes) -> list[dict[str, str]]:
    """The rows of a tidy CSV (/data/<year>.csv), header by field name."""
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))


def shown(row: dict[str, str], catalogue: Catalogue, lang: str = "zh") -> str:
    """A tidy row's figure as the pages show it: 19,000+ for 19000余, — for a blank cell, 有 for a named facility,
    the text of a text measure."""
    measure = catalogue.measures.get(row["indicator"])
    if measure is not None and measure.kind == "text":
        return row["text"]
    if measure is not None and measure.kind == "flag" and row["value"] not in ("", "0"):
        return "有" if lang == "zh" else "Yes"
    value = float(row["value"]) if row["value"] else None
    return display(value, row["qualifier"], row["blank"] == "true", lang)


def missing_figures(html: str, payload: bytes, catalogue: Catalogue, lang: str = "zh") -> list[str]:
    """Every figure of the year's CSV the page does not show where it belongs: an official-table cell in its row and
    column of the printed table; a report-text figure in a table row naming its label (and its unit's name when it
    is a branch's)."""
    page = parse(html)
    by_id = {rid: cells for rid, cells in page.rows if rid}
    texts = [" | ".join(cells) for _, cells in page.rows]
    missing = []
    for row in tidy_rows(payload):
        figure = shown(row, catalogue, lang)
        ind = catalogue.indicators.get(row["indicator"])
        if ind is not None:
            columns = [c.id for c in catalogue.columns_of(ind.format, ind.table)]
            cells = by_id.get(f"row-{ind.id}", [])
            at = 2 + columns.index(row["column"])  # label, unit, then the value columns in printed order
            if len(cells) <= at or cells[at] != figure:
                missing.append(f"{ind.id}[{row['column']}] = {figure!r}: row shows {cells}")
            continue
        label = unescape(catalogue.label(row["indicator"], lang))
        branch = [catalogue.label(row["reporting_unit"], lang)] if row["reporting_unit"] != "centre" else []
        needles = [label, figure, *branch]
        if not any(all(n in text for n in needles) for text in texts):
            missing.append(f"{row['indicator']} ({row['reporting_unit']}) = {figure!r}")
    return missing


def scripts(html: str) -> list[str]:
    """Every <script> start tag of a page (JSON-LD included) — there must be none."""
    return re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
