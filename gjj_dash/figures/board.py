"""Figures: the leadership board of one year — its indicators, last year's, every year's (for charts), the flags and
the data status — and the indicator rows as the CLI, the brief and open data give them (指标, 年度, 分子, 分母 …)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gjj_dash.figures.flags import Flag, raise_flags
from gjj_dash.figures.indicator_text import headline, reason, sample_label, sources
from gjj_dash.figures.indicators import Reading, history
from gjj_dash.figures.rules import INDICATOR_KINDS, SERIES_KINDS, Rules
from gjj_dash.i18n import t
from gjj_dash.model.numbers import plain_number
from gjj_dash.model.problems import Finding
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.quality.findings import counts
from gjj_dash.store.dataset import data_version
from gjj_dash.store.versions import BASE, Store

ROW_KEYS = ("indicator", "year", "numerator", "denominator", "value", "unit", "sample", "note", "headline",
            "formula", "sources", "id")


@dataclass(frozen=True)
class DataStatus:
    """Where the year's figures stand: its published version and date, the data's fingerprint, its findings."""

    year: int
    version: int  # 0: the data the store started from
    published: str  # when that version was published ("" for version 0)
    fingerprint: str
    findings: dict[str, int]
    format: str
    title: str


@dataclass(frozen=True)
class Board:
    """One year's indicators, each year's (history), the flags raised and the rules they came from."""

    year: int
    readings: tuple[Reading, ...]
    history: dict[int, list[Reading]]
    flags: tuple[Flag, ...]
    rules: Rules

    def last_year(self, indicator: str) -> Reading | None:
        """The indicator in the year before, when that year is loaded."""
        return next((r for r in self.history.get(self.year - 1, []) if r.indicator.id == indicator), None)

    def flags_of(self, reading: Reading) -> list[Flag]:
        """The flags about one indicator: its own rules, and count rules on a series of its numerator."""
        return [f for f in self.flags if owner(f, self.readings) is reading]


def owner(flag: Flag, readings: Iterable[Reading]) -> Reading | None:
    """The indicator a flag is about (None for the year's identities, gaps, and series no numerator reads)."""
    found = list(readings)
    if flag.kind in INDICATOR_KINDS:
        return next((r for r in found if r.indicator.id == flag.target), None)
    if flag.kind in SERIES_KINDS:
        return next((r for r in found if flag.target in r.indicator.numerator), None)
    return None


def build_board(
    dataset: Dataset, year: int, rules: Rules, findings: Iterable[Finding] = (), frame: pd.DataFrame | None = None,
    lang: str = "zh",
) -> Board:
    """The board of a loaded year; `frame`: the harmonised series when the caller has them already."""
    series = harmonised_series(dataset) if frame is None else frame
    past = history(dataset, rules, series)
    flags = raise_flags(dataset, year, rules, past, series, findings, lang)
    return Board(year, tuple(past[year]), past, tuple(flags), rules)


Cell = str | int | float | None


def _number(value: float | None) -> int | float | None:
    return None if value is None else (int(value) if float(value).is_integer() else float(value))


def indicator_rows(dataset: Dataset, board: Board, lang: str = "zh") -> list[dict[str, Cell]]:
    """The indicators as rows (headers in the language): 年度 a whole number, 分子 and 分母 numbers, 数值 the percent
    rounded to one decimal whenever 分母 > 0 (small samples too), None when 分母 is 0 or there is no value; 提示 the
    flags, then the reason a value is missing or what to know about it. Flags about no indicator follow as rows of
    their own. `row_text` gives the cells as a CSV writes them."""
    cat, fmt = dataset.catalogue, dataset.format_of(board.year)
    head = [t(f"lead.col_{k}", lang) for k in ROW_KEYS]
    rows = []
    for r in board.readings:
        notes = [f.text for f in board.flags_of(r)] + [n for n in [reason(r, cat, lang)] if n]
        value = None if r.value is None else round(r.value, 1)
        cells = (r.indicator.name(lang), r.year, _number(r.num), _number(r.den), value, r.indicator.unit,
                 sample_label(r, lang), "；".join(notes), headline(r, cat, lang), r.indicator.formula_text(lang),
                 "；".join(sources(r, cat, fmt, lang)), r.indicator.id)
        rows.append(dict(zip(head, cells, strict=True)))
    for flag in board.flags:
        if owner(flag, board.readings) is None:
            subject = cat.label(flag.target, lang) if flag.target else t(f"lead.subject_{flag.kind}", lang)
            cells = (subject, board.year, None, None, None, "", "", flag.text, "", "", flag.where, flag.rule)
            rows.append(dict(zip(head, cells, strict=True)))
    return rows


def row_text(key: str, value: Cell, lang: str = "zh") -> str:
    """One cell of an indicator row as text: blank for None, 数值 with one decimal ("50.7", "0.0"), plain numbers."""
    if value is None:
        return ""
    if key == t("lead.col_value", lang) and isinstance(value, (int, float)):
        return f"{value:.1f}"
    return plain_number(value) if isinstance(value, (int, float)) else str(value)


def data_status(dataset: Dataset, year: int, data_dir: Path, findings: Iterable[Finding]) -> DataStatus:
    """The year's published version (and its date), the data's fingerprint and the year's findings by severity."""
    store = Store(data_dir, read_only=True)
    number = store.current(year)
    published = next((v.time for v in store.versions(year) if v.number == number), "") if number != BASE else ""
    report = dataset.reports.get(year, {})
    return DataStatus(year, number, published, data_version(data_dir), counts(f for f in findings if f.year == year),
                      dataset.format_name(year), str(report.get("title") or ""))
