"""The loaded years as a line of calendar years: which are missing between the first and the latest, the runs they
form, the loaded year a change is measured from, and the runs as people read them."""

from __future__ import annotations

import pytest

from gjj_dash.model.years import between, earlier, gaps, missing_years, span_text, spans_text


@pytest.mark.parametrize(
    ("years", "missing", "runs"),
    [
        ([], [], []),
        ([2016], [], []),
        ([2016, 2017, 2018], [], []),
        ([2016, 2018], [2017], [(2017, 2017)]),
        ([2016, 2024], list(range(2017, 2024)), [(2017, 2023)]),
        ([2024, 2016, 2019], [2017, 2018, 2020, 2021, 2022, 2023], [(2017, 2018), (2020, 2023)]),
        ([2016, 2017, 2019, 2020, 2024], [2018, 2021, 2022, 2023], [(2018, 2018), (2021, 2023)]),
    ],
)
def test_missing_years_lie_between_the_first_and_the_latest(years, missing, runs) -> None:
    """Only years between the first and the latest loaded count as missing (none before or after), as runs."""
    assert missing_years(years) == missing
    assert gaps(years) == runs


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2016, None), (2015, None), (2017, 2016), (2019, 2016), (2020, 2019), (2024, 2019), (2030, 2024)],
)
def test_a_change_is_measured_from_the_latest_loaded_year_before(year: int, expected: int | None) -> None:
    """With 2016, 2019 and 2024 loaded: the latest loaded year before, none before the first."""
    assert earlier([2016, 2019, 2024], year) == expected


@pytest.mark.parametrize(
    ("before", "year", "expected"),
    [(2018, 2019, None), (2018, 2020, (2019, 2019)), (2016, 2024, (2017, 2023))],
)
def test_the_years_between_two_loaded_neighbours(before: int, year: int, expected) -> None:
    """Consecutive years have nothing between them; otherwise the run strictly between."""
    assert between(before, year) == expected


@pytest.mark.parametrize(
    ("runs", "lang", "expected"),
    [
        ([(2019, 2019)], "zh", "2019年"),
        ([(2017, 2023)], "zh", "2017—2023年"),
        ([(2017, 2018), (2020, 2023)], "zh", "2017—2018年、2020—2023年"),
        ([(2019, 2019)], "en", "2019"),
        ([(2017, 2018), (2020, 2023)], "en", "2017–2018, 2020–2023"),
    ],
)
def test_runs_are_written_as_people_read_them(runs, lang: str, expected: str) -> None:
    """One year alone, a run with a dash, several runs with the list separator of the language."""
    assert spans_text(runs, lang) == expected
    assert span_text(runs[0], lang) in expected
