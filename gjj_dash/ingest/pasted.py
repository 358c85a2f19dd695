"""Ingest: text pasted from a published report — the annex's one cell per line (“cell |”), or rows of cells
(“ | ”, tabs).

Text whose cells run together without separators is refused: splitting digit runs would be a guess (formats.md §3.5).
"""

from __future__ import annotations

import re

from gjj_dash.ingest.decode import Limits, Row, clip_cells
from gjj_dash.ingest.draft import LABEL_COLUMN, Draft, Field, Line
from gjj_dash.ingest.messages import problem, refuse
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import label_key
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Problem

OLD_HEADER = ["统计指标", "单位", "统计数"]
_RULE = re.compile(r"^:?-{3,}:?$")


def _piped(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if "|" in line]


def is_annex(text: str) -> bool:
    """One cell per line, each ending in “ |” (the seed annex), rather than whole rows of cells."""
    piped = _piped(text)
    single = [line for _, line in piped if line.endswith("|") and "|" not in line[:-1]]
    return len(piped) >= 6 and len(single) >= 0.8 * len(piped)


def has_cell_rows(text: str) -> bool:
    """Rows of cells separated by “|” or tabs, among lines of prose (a report's text pasted as it is)."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.count("\t") > first.count(","):
        return False  # a tab-separated file from the first line on: the csv module reads it, quotes and all
    return sum(1 for line in lines if "|" in line or "\t" in line) >= 2


def _is_meta(text: str) -> bool:
    return Draft("", None, "", "").scan_meta(Field(text, 0, ""))


def cell_rows(text: str, lim: Limits) -> tuple[list[Row], list[Problem]]:
    """One row per line: cells split at “|” (or tabs); prose lines kept only when they state year or footer."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if "|" in stripped:
            if stripped.startswith("|"):  # a Markdown row “| a | b |”; otherwise a last “| ” is an empty last cell
                stripped = stripped[1:].removesuffix("|")
            cells = [c.strip() for c in stripped.split("|")]
            if all(_RULE.match(c) for c in cells if c):
                continue  # a Markdown rule line |---|---|
        elif "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
        elif stripped and _is_meta(stripped):
            cells = [stripped]
        else:
            continue
        if len(rows) >= lim.max_rows:
            problems.append(problem("too_many_rows", row=number, cap=lim.max_rows))
            break
        rows.append(Row(number, clip_cells(cells, number, lim, problems)))
    return rows, problems


def read_annex(text: str, encoding: str, name: str, catalogue: Catalogue, lim: Limits) -> Draft:
    """The seed annex layout: label, unit and value each on its own “ |” line, a stray note line, header and footer."""
    draft = Draft("table", "old", encoding, name)
    cells: list[tuple[int, str]] = []
    for number, line in _piped(text):
        if not line.endswith("|"):
            continue
        cell = line[:-1].strip()
        if len(cell) > lim.max_cell:
            draft.problems.append(problem("cell_too_long", number, None, length=len(cell), cap=lim.max_cell))
            cell = cell[: lim.max_cell]
        cells.append((number, cell))
    if len(cells) > lim.max_rows * 3:
        raise refuse("too_many_rows", cells[lim.max_rows * 3][0], cap=lim.max_rows)
    keys = [normalise_text(c) for _, c in cells]
    at = next((i for i in range(len(keys) - 2) if keys[i : i + 3] == OLD_HEADER), None)
    if at is None:
        raise refuse("no_header")
    for number, cell in cells[:at]:
        draft.scan_meta(Field(cell, number, LABEL_COLUMN))
    rows = catalogue.rows("old")
    labels = {label_key(i.label) for i in rows}
    notes = {label_key(i.label) for i in rows if i.level == "N"}

    def stops(k: int) -> bool:
        """Whether cell k cannot be a unit or value: it is a label or a footer line (a cell is missing before it)."""
        return k >= len(cells) or label_key(cells[k][1]) in labels or _is_meta(cells[k][1])

    i = at + 3
    while i < len(cells):
        number, cell = cells[i]
        label = Field(cell, number, LABEL_COLUMN)
        if draft.scan_meta(label) or label_key(cell) in notes:
            i += 1
            continue
        if not cell:
            draft.problems.append(problem("stray_blank", number, LABEL_COLUMN))
            i += 1
            continue
        if stops(i + 1) or stops(i + 2):
            missing = "单位和统计数" if stops(i + 1) else "统计数"
            draft.problems.append(problem("annex_incomplete", number, LABEL_COLUMN, label=cell[:60], missing=missing))
            draft.lines.append(Line(label, None, (), "main", broken=True))
            i += 1 if stops(i + 1) else 2
            continue
        unit = Field(cells[i + 1][1], cells[i + 1][0], "单位")
        value = Field(cells[i + 2][1], cells[i + 2][0], "统计数")
        draft.lines.append(Line(label, unit, (("value", value),), "main"))
        i += 3
    return draft


def refuse_run_together(text: str, catalogue: Catalogue) -> None:
    """Refuse report text whose table cells run together (“行政许可396442278”): it cannot be split without guessing."""
    flat = normalise_text(text)
    hits = 0
    for ind in catalogue.indicators.values():
        if not ind.has_value:
            continue
        key = normalise_text(ind.label)
        if len(key) >= 4 and re.search(re.escape(key) + r"(?:条|件|次|个|人|篇|万元)?[0-9]", flat):
            hits += 1
            if hits >= 2:
                raise refuse("run_together", label=ind.label)
