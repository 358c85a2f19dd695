"""The data version is read once per script run, yet every rerun sees data published since the last one."""

from __future__ import annotations

from pathlib import Path

from gjj_dash.store.dataset import data_version
from gjj_dash.ui import loaders
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


def test_the_dataset_is_asked_of_streamlits_cache_once_a_run(app, data_copy: Path, monkeypatch) -> None:
    """The overview asks for the dataset in several places; Streamlit's cache (which hashes the arguments each time)
    is asked once a run, and again on the next run — a run never keeps another run's answer. (The other loaders'
    answers are kept a run the same way, by `loaders._once_a_run`.)"""
    asked: list[tuple[str, str]] = []
    cached = loaders._dataset
    monkeypatch.setattr(loaders, "_dataset", lambda *, folder, version: asked.append((folder, version)) or cached(
        folder=folder, version=version))
    at = app(data_copy).run()  # the first run fills the caches: each loader's build asks for the dataset too
    assert not at.exception and "总览" in [title.value for title in at.title]
    asked.clear()
    at.run()
    assert len(asked) == 1
    at.run()
    assert len(asked) == 2 and asked[0] == asked[1]
