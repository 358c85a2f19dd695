"""Harmonised series: one measure across formats, blanks counted as 0 and said, blank matrix totals derived."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.model.series import harmonised_series, series_value
from gjj_dash.model.values import Dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.years import add_report

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


def test_bundled_2016_series(bundled: Dataset) -> None:
    """2016: 204 disclosed; queries 19000 at least; requests blank (all cells blank, counted as 0)."""
    frame = harmonised_series(bundled)
    assert series_value(frame, 2016, "disclosed")["value"] == 204
    queries = series_value(frame, 2016, "fund_queries")
    assert (queries["value"], queries["qualifier"]) == (19000, "余")
    requests = series_value(frame, 2016, "requests_received")
    assert (requests["value"], bool(requests["blank"]), requests["blank_cells"]) == (0, True, 1)
    assert series_value(frame, 2016, "requests_carried_over") is None


def test_blank_detail_totals_are_derived_from_their_row(tmp_path: Path) -> None:
    """Shanghai 2019 prints detail-row 总计 blank: the outcome is the row's applicant cells, flagged derived."""
    frame = harmonised_series(load_dataset(add_report(tmp_path, "shanghai-2019")))
    disclosed = series_value(frame, 2019, "outcome_disclosed")
    assert (disclosed["value"], disclosed["derived"]) == (272, 1)
    assert series_value(frame, 2019, "outcome_partial")["value"] == 3
    assert series_value(frame, 2019, "requests_received")["value"] == 859
    assert series_value(frame, 2019, "requests_completed")["value"] == 805


@pytest.mark.parametrize(
    ("series", "value"),
    [("requests_received", 70), ("requests_completed", 69), ("requests_carried_forward", 1), ("lawsuits", 12)],
)
def test_new_2021_series(tmp_path: Path, series: str, value: int) -> None:
    """Pingtan 2021's table maps onto the harmonised series."""
    frame = harmonised_series(load_dataset(add_report(tmp_path, "pingtan-2021")))
    assert series_value(frame, 2021, series)["value"] == value
