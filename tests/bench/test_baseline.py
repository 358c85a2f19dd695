"""The benchmark's baseline page runs: every ratio of `make bench` is measured against it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

BASELINE = Path(__file__).resolve().parents[2] / "bench" / "baseline_app.py"


def test_the_baseline_page_reads_the_bundled_year_and_draws_its_chart() -> None:
    """The baseline reads the checkout's 2016 values.csv (a wrong path once made every bench ratio meaningless) and
    shows its title and one chart, without an exception."""
    at = AppTest.from_file(str(BASELINE), default_timeout=60).run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == ["Baseline"]
    assert len(at.get("plotly_chart")) == 1
