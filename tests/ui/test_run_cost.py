"""What every run of every page would pay again is paid once: the navigation's pages are made once per session and
language, and loaders ask Streamlit's caches without positional arguments (each of which costs a signature)."""

from __future__ import annotations

import pytest
import streamlit
import streamlit.type_util

from gjj_dash.ui.shell import PAGES_MADE
from tests.support.pages import open_page


def _titles(sections: dict) -> list[str]:
    return [page.title for pages in sections.values() for page in pages]


def test_the_navigation_pages_are_made_once_per_session_and_language(app) -> None:
    """Three runs on two pages reuse the very same page objects; English gets its own, with English titles; the
    public deployment's have no 数据管理."""
    at = open_page(app, "views/halls.py", year="2016")
    made = at.session_state[PAGES_MADE]
    assert list(made) == ["zh"]
    pages = made["zh"]
    assert _titles(pages)[:3] == ["总览", "总览", "主动公开"] and "数据管理" in _titles(pages)
    at.switch_page("views/tables.py").run()
    assert not at.exception and at.session_state[PAGES_MADE]["zh"] is pages
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    made = at.session_state[PAGES_MADE]
    assert made["zh"] is pages
    assert _titles(made["en"])[:3] == ["Overview", "Overview", "Proactive disclosure"]
    public = open_page(app, "views/halls.py", public=True)
    assert "数据管理" not in _titles(public.session_state[PAGES_MADE]["zh"])


def test_each_run_hands_the_navigation_its_own_copies_of_the_pages(app, monkeypatch) -> None:
    """st.navigation marks the page a run may run on the page object itself, so each run passes it copies of the
    session's stored pages (equal titles and paths, other objects): a run still stopping cannot take the mark from
    the run after it."""
    at = open_page(app, "views/halls.py", year="2016")
    given: list[list] = []
    original = streamlit.navigation

    def recorded(pages, **options):
        given.append([page for section in pages.values() for page in section])
        return original(pages, **options)

    monkeypatch.setattr(streamlit, "navigation", recorded)
    at.run()
    assert not at.exception and len(given) == 1
    stored = [page for pages in at.session_state[PAGES_MADE]["zh"].values() for page in pages]
    assert [(p.title, p.url_path) for p in given[0]] == [(p.title, p.url_path) for p in stored]
    assert not {id(p) for p in given[0]} & {id(p) for p in stored}


@pytest.mark.parametrize("page", ["overview", "disclosure", "halls", "portal", "requests", "tables", "dictionary",
                                  "quality", "admin"])
def test_a_warm_run_reads_no_cached_function_signature(app, monkeypatch, page: str) -> None:
    """Streamlit reads a cached function's signature for each positional argument of a call (about 0.1 ms); a warm
    run of a page reads none (总览 read 16 a run before its loaders called by keyword)."""
    at = open_page(app, f"views/{page}.py", year="2016")
    calls: list[object] = []
    original = streamlit.type_util.get_func_parameters

    def counted(func):
        calls.append(func)
        return original(func)

    monkeypatch.setattr(streamlit.type_util, "get_func_parameters", counted)
    at.run()
    assert not at.exception
    if page == "overview":
        assert "19,000+" in " ".join(str(metric.value) for metric in at.metric)
    assert calls == []
