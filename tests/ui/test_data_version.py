"""The data version is read once per script run, yet every rerun sees data published since the last one."""

from __future__ import annotations

from pathlib import Path

from gjj_dash.store.dataset import data_version
from tests.support.years import copy_year


def test_a_year_published_between_reruns_shows_on_the_next_rerun(app, data_copy: Path) -> None:
    """2017 appears in the year selector on the rerun after its folder is written, with the same session."""
    at = app(data_copy).run()
    assert at.selectbox(key="year").options == ["2016"]
    before = data_version(data_copy)
    copy_year(data_copy, 2016, 2017)
    assert data_version(data_copy) != before
    at.run()
    assert not at.exception
    assert at.selectbox(key="year").options == ["2017", "2016"]
