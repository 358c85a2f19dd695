"""Shared fixtures: caches cleared per test, AppTest started from app.py on a chosen data directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.values import Dataset
from gjj_dash.paths import BUNDLED_DATA, ENV_DATA_DIR, ENV_MODE
from gjj_dash.store.dataset import load_dataset
from gjj_dash.ui import auth as ui_auth

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _clear_caches() -> Iterator[None]:
    """Cached results otherwise leak between tests."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def bundled() -> Dataset:
    return load_dataset(BUNDLED_DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled years, so a test never writes into the checkout's data/."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA / "years", target / "years")
    return target


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Start AppTest from app.py with a data directory (default: the bundled data) and deployment mode.

    AppTest has no browser, so it sends no cookies: the login's one test seam (gjj_dash.ui.auth.browser_cookies)
    reads this test's cookie jar instead, `at.cookie_jar`, one jar for every AppTest of the test (one browser);
    tests/support/pages.log_in puts in it the cookie the real login route sets."""
    jar: dict[str, str] = {}
    monkeypatch.setattr(ui_auth, "browser_cookies", lambda: jar)

    def start(data_dir: Path | None = None, *, public: bool = False, query: dict | None = None) -> AppTest:
        monkeypatch.setenv(ENV_DATA_DIR, str(data_dir or BUNDLED_DATA))
        monkeypatch.setenv(ENV_MODE, "public" if public else "staff")
        at = AppTest.from_file(APP, default_timeout=60)
        at.cookie_jar = jar
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at

    return start

