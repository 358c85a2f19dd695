"""Ingest: what a reader hands to validation — a file's cells located by file row and column, nothing checked yet."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Problem

LABEL_COLUMN = "统计指标"  # the label column's name in problems (“第3行“统计指标”列”)
FOOTER_KEYS = ("填报单位", "单位负责人", "审核人", "填报人", "联系电话")
_YEAR = re.compile(r"^\((\d{4})年度?\)$")
_FOOTER = re.compile(r"(填报单位|单位负责人|审核人|填报人|联系电话)\s*(?:\(\s*盖章\s*\))?\s*:")
_ADDED = "+"  # how a Line names a column its table's head adds: “+” and the head as printed (see added_column)


def added_column(head: str) -> str:
    """The name a Line gives a value under a column the report adds to its table (its printed head)."""
    return _ADDED + head.strip()


def added_head(name: str) -> str | None:
    """The printed head of a column the report adds, when a Line's column name is one; else None."""
    return name[len(_ADDED) :] if name.startswith(_ADDED) else None


@dataclass(frozen=True)
class Field:
    """One cell of the file: its text as given, its file row and the column name staff see (header or letter), and
    for a PDF the page it is printed on."""

    text: str
    row: int
    column: str
    page: int | None = None

    @property
    def norm(self) -> str:
        return normalise_text(self.text)


@dataclass(frozen=True)
class Line:
    """One table row as the file gives it: label, unit (when the layout has one) and value cells by column id or
    head, in the order the file prints them (a column the report adds named by added_column)."""

    label: Field
    unit: Field | None
    values: tuple[tuple[str, Field], ...]
    table: str | None = None
    broken: bool = False


@dataclass(frozen=True)
class MeasureLine:
    """One row of the supplementary-measures CSV, its cells by canonical field name (year, unit, measure …)."""

    row: int
    cells: dict[str, Field]

    def get(self, name: str) -> Field | None:
        return self.cells.get(name)


@dataclass
class Draft:
    """A file read into rows, with the problems met while reading; validation turns it into an Upload."""

    kind: str
    format: str | None
    encoding: str
    name: str
    lines: list[Line] = field(default_factory=list)
    measures: list[MeasureLine] = field(default_factory=list)
    years: list[tuple[int, Field]] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    year_hint: int | None = None
    printed: bool = False  # a report as published (web page, Word, PDF, copied text): read as it prints

    def scan_meta(self, cell: Field) -> bool:
        """Take a title, “(2016年度)”, 填报单位 or footer line into the report; True when the cell was one."""
        text = cell.norm
        if not text:
            return False
        year = _YEAR.match(text)
        if year:
            self.years.append((int(year.group(1)), cell))
            return True
        if text in ("政府信息公开情况统计表", "附件:", "附件"):
            self.report.setdefault("table_title", text.removesuffix(":"))
            return True
        folded = unicodedata.normalize("NFKC", cell.text).strip()
        found = list(_FOOTER.finditer(folded))
        if not found or found[0].start() != 0:
            return False
        footer = self.report.setdefault("footer", {})
        for n, match in enumerate(found):
            end = found[n + 1].start() if n + 1 < len(found) else len(folded)
            footer[match.group(1)] = folded[match.end() : end].strip()
        return True
