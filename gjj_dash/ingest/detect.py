"""Ingest: which of the 2019 and 2021 formats a table's words show — row labels, column headers, the form's title.

A word of one version only (本年新制作数量 → 2019, 本年制发件数 → 2021 …) is a vote; words both versions share
(规章, 总计 …) say nothing. The year decides only when the votes tie, and the decision is always told to the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gjj_dash.ingest.messages import problem
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import cached, column_keys, label_key, row_index
from gjj_dash.model.problems import Problem

NEW_FORMATS = ("new2019", "new2021")


@dataclass
class Words:
    """Which formats a normalised word is a row label or a column header of; the tables' titles and captions."""

    rows: dict[str, set[str]] = field(default_factory=dict)
    columns: dict[str, set[str]] = field(default_factory=dict)
    captions: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)


def words(catalogue: Catalogue) -> Words:
    """The words of both new formats, built once per catalogue."""
    return cached(catalogue, "section-words", "", _build)


def _build(catalogue: Catalogue, _: str) -> Words:
    found = Words()
    for fmt in NEW_FORMATS:
        for key in row_index(catalogue, fmt):
            found.rows.setdefault(key, set()).add(fmt)
        for key in column_keys(catalogue, fmt):
            found.columns.setdefault(key, set()).add(fmt)
        found.titles[label_key(catalogue.formats[fmt].table_title)] = fmt
    for table in catalogue.tables.values():
        if table.format in NEW_FORMATS:
            found.captions |= {label_key(table.title), label_key(table.caption)} - {""}
            found.notes |= {label_key(table.caption)} - {""}
    return found


def votes(cells: list[str], known: Words) -> dict[str, int]:
    """Each format's votes in a list of cells: a word of one version only, or the form title naming a version."""
    out = dict.fromkeys(NEW_FORMATS, 0)
    for cell in cells:
        key = label_key(cell)
        if not key:
            continue
        if key in known.titles:
            out[known.titles[key]] += 1
            continue
        found = known.rows.get(key, set()) | known.columns.get(key, set())
        if len(found) == 1:  # a word that is both versions' label (其他, 总计, 规章) says nothing
            out[next(iter(found))] += 1
    return out


def expected_format(catalogue: Catalogue, year: int) -> str:
    """The format a year's report uses, from the years formats.csv gives each (2019–2020, 2021–): the one begun
    most recently by that year; the old table before any."""
    begun = {int(f.years[:4]): fmt for fmt, f in catalogue.formats.items()
             if f.years[:4].isdigit() and not f.provincial}
    return next((begun[first] for first in sorted(begun, reverse=True) if first <= year), "old")


def decide(tally: dict[str, int], years: list[int], catalogue: Catalogue, problems: list[Problem]) -> str | None:
    """The format the words show, else the year's; a note confirms which and why, a warning when the year disagrees."""
    v19, v21 = tally["new2019"], tally["new2021"]
    if v19 != v21:
        fmt = "new2019" if v19 > v21 else "new2021"
        problems.append(problem("format_found", severity="note", format=catalogue.formats[fmt].label))
        expected = expected_format(catalogue, years[0]) if years else fmt
        if expected != fmt:
            problems.append(problem("format_year", severity="warning", year=years[0],
                                    format=catalogue.formats[fmt].label,
                                    expected=catalogue.formats[expected].label))  # fmt: skip
        return fmt
    if years:  # the words fit both versions (table 四 alone): the year's, the 2019 version before 2021
        fmt = "new2021" if expected_format(catalogue, years[0]) == "new2021" else "new2019"
        problems.append(problem("format_by_year", severity="note", format=catalogue.formats[fmt].label, year=years[0]))
        return fmt
    problems.append(problem("format_unknown"))
    return None
