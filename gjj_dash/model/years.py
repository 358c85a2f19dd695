"""Model: the loaded years as a line of calendar years — which are missing between the first and the latest, the runs
they form, the loaded year a year is compared with, and those runs written as people read them (2017—2023年)."""

from __future__ import annotations

from collections.abc import Iterable

from gjj_dash.i18n import t

Span = tuple[int, int]  # a run of consecutive missing years, first and last (the same year for a run of one)


def missing_years(years: Iterable[int]) -> list[int]:
    """The years between the first and the latest loaded that hold no data (none before the first or after the last)."""
    held = set(years)
    if not held:
        return []
    return [y for y in range(min(held), max(held) + 1) if y not in held]


def gaps(years: Iterable[int]) -> list[Span]:
    """The missing years as runs: 2016, 2019, 2024 loaded → (2017, 2018), (2020, 2023)."""
    runs: list[Span] = []
    for year in missing_years(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def earlier(years: Iterable[int], year: int) -> int | None:
    """The latest loaded year before `year` (what a change is measured from), or None before the first loaded year."""
    return max((y for y in years if y < year), default=None)


def between(before: int, year: int) -> Span | None:
    """The years strictly between two loaded neighbours, None when they are consecutive (nothing missing)."""
    return (before + 1, year - 1) if year - before > 1 else None


def span_text(span: Span, lang: str = "zh") -> str:
    """One run as people read it: 2017年, 2017—2023年 (English: 2017, 2017–2023)."""
    first, last = span
    if first == last:
        return t("years.one", lang, year=first)
    return t("years.run", lang, first=first, last=last)


def spans_text(spans: Iterable[Span], lang: str = "zh") -> str:
    """Several runs in one phrase: 2017—2018年、2020—2023年."""
    return t("years.sep", lang).join(span_text(s, lang) for s in spans)
