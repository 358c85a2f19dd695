"""UI: data loaded once per data version (caches keyed on it, so a publish shows at once)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from gjj_dash import paths
from gjj_dash.figures.rules import Rules
from gjj_dash.model.problems import Finding
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.paths import resolve_data_dir
from gjj_dash.publish import dictionary, export
from gjj_dash.quality.checks import check_dataset
from gjj_dash.quality.findings import checks_frame, findings_frame, selected
from gjj_dash.store.dataset import data_version, load_dataset


def data_dir() -> Path:
    return resolve_data_dir()


def is_public() -> bool:
    """The public deployment (`gjj-dash serve --public`): read-only, no staff page."""
    return paths.is_public()


# The data version of the script run in progress: stat-ing every year's files costs ~0.1 ms per year, and a run
# asks for the version several times (year selector, page context, each loader).
_run = threading.local()


def start_run() -> None:
    """Begin a script run (app.py calls this first): the data version is then read once per run, not per call, and
    each loader's answer is looked up in Streamlit's cache once per run (hashing its arguments costs ~0.3 ms a call).

    Call it again after publishing within a run (or st.rerun()) so the rest of the run shows the new version.
    """
    _run.ctx = get_script_run_ctx(suppress_warning=True)
    _run.versions = {}
    _run.answers = {}


def _memo(name: str) -> dict | None:
    """This run's memo `name` (None outside a run started by app.py: then nothing is remembered)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return getattr(_run, name, None) if ctx is not None and getattr(_run, "ctx", None) is ctx else None


def current_version() -> str:
    """The fingerprint of the published data; every run re-reads it, so a publish shows on the next rerun."""
    folder = str(data_dir())
    memo = _memo("versions")
    if memo is None:  # outside a run started by app.py: no memo, always fresh
        return data_version(Path(folder))
    if folder not in memo:
        memo[folder] = data_version(Path(folder))
    return memo[folder]


def _once_a_run(key: tuple, make: Callable[[], Any]) -> Any:
    """`make()`, or what it gave earlier in this run for the same key (the key holds the data folder and version)."""
    memo = _memo("answers")
    try:
        hash(key)
    except TypeError:  # an argument that cannot be a dict key: asked of the cache every time
        memo = None
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


@st.cache_resource(show_spinner=False, max_entries=8)
def _dataset(*, folder: str, version: str) -> Dataset:
    return load_dataset(Path(folder))


def dataset() -> Dataset:
    """The published dataset (treated as immutable; a new version gets a new cache entry)."""
    folder, version = str(data_dir()), current_version()
    return _once_a_run(("dataset", folder, version), lambda: _dataset(folder=folder, version=version))


# How a loader's arguments are keyed when Streamlit's own hashing would be slow: a rules file that passed its checks
# is its name and the hash of its bytes (Streamlit would copy the dataclass and hash every rule, ~2 ms each call).
HASHED_AS = {Rules: lambda rules: (rules.source, rules.digest)}


def versioned(cache: Callable[..., Any], **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make `build(dataset, *args)` a loader of the published data: cached (`st.cache_data` or `st.cache_resource`)
    per data folder, data version and arguments, so every rerun reuses it and a publish shows at once.

    Streamlit keys a cache by the cached function's module and qualified name: each loader gets its builder's, so
    loaders never share entries although one generic function is cached for all of them. The cache is called with
    keywords only: for each positional argument Streamlit reads the function's signature again (0.1 ms each). Every
    cached function of gjj_dash/ui takes keywords only, so a positional call fails on its first run."""

    def wrap(build: Callable[..., Any]) -> Callable[..., Any]:
        def cached(*, folder: str, version: str, args: tuple) -> Any:
            return build(_dataset(folder=folder, version=version), *args)

        cached.__module__, cached.__qualname__ = build.__module__, build.__qualname__
        memo = cache(show_spinner=False, hash_funcs=HASHED_AS, **options)(cached)
        copies = cache is st.cache_data

        @functools.wraps(build)
        def load(*args: Any) -> Any:
            folder, version = str(data_dir()), current_version()
            if copies:  # st.cache_data hands each caller a copy of its own: not shared within a run either
                return memo(folder=folder, version=version, args=args)
            key = (cached, folder, version, *args)
            return _once_a_run(key, lambda: memo(folder=folder, version=version, args=args))

        return load

    return wrap


@versioned(st.cache_data, max_entries=8)
def series(data: Dataset) -> pd.DataFrame:
    """Every harmonised series of every year."""
    return harmonised_series(data)


# cache_resource: every page reads the findings on every run; unpickling them (cache_data) grew with the years.
@versioned(st.cache_resource, max_entries=16)
def findings(data: Dataset, lang: str = "zh") -> list[Finding]:
    """Every data-quality finding of the published data, checked once per data version and language (read-only)."""
    return check_dataset(data, lang=lang)


@versioned(st.cache_resource, max_entries=64)
def findings_table(data: Dataset, lang: str, severities: tuple[str, ...], year: int | None) -> pd.DataFrame:
    """The quality page's table of the findings of some severities in a year (None: every year), the same frame
    object each rerun (so its CSV and Arrow forms are made once)."""
    return findings_frame(selected(findings(lang), severities, year), lang)


@st.cache_resource(show_spinner=False, max_entries=4)
def checks_table(*, lang: str) -> pd.DataFrame:
    """Every check the audit runs (checks.csv) as the quality page shows it; read-only."""
    return checks_frame(lang)


# One entry per data version, language and table: only the tables people open are built (read-only frames).
@versioned(st.cache_resource, max_entries=32)
def dictionary_table(data: Dataset, kind: str, lang: str) -> pd.DataFrame:
    """One table of the data dictionary, named as its tab: `indicators.<format>`, `measures`, `harmonised`,
    `leadership`, `sources` or `fields`."""
    if kind.startswith("indicators."):
        return dictionary.dictionary_frame(data, lang, "indicator", kind.removeprefix("indicators."))
    if kind in ("measures", "harmonised"):
        return dictionary.dictionary_frame(data, lang, {"measures": "measure"}.get(kind, kind))
    if kind == "leadership":  # the leadership indicators' rows per format (docs/leadership.md)
        return dictionary.leadership_frame(data, lang)
    return dictionary.sources_frame(data, lang) if kind == "sources" else dictionary.fields_frame(lang)


# Downloads are bytes (immutable): cached as resources, so a rerun does not copy the whole-dataset file (0.8 MB with
# twenty years) out of the cache again. One entry holds every kind: the page names each file by its content hash, so
# all are made on its first view anyway, and one cache lookup a run costs less than one per button.
@versioned(st.cache_resource, max_entries=16)
def table_exports(data: Dataset, year: int) -> dict[str, tuple[bytes, str]]:
    """The downloads of the year's official table (csv, xlsx, html, json): kind → bytes and file name."""
    return {kind: export.table_export(data, year, kind) for kind in export.TABLE_KINDS}


@versioned(st.cache_resource, max_entries=4)
def dataset_exports(data: Dataset) -> dict[str, tuple[bytes, str]]:
    """The whole dataset as one tidy table (csv, parquet): kind → bytes and file name."""
    return {kind: export.dataset_export(data, kind) for kind in export.DATASET_KINDS}


@versioned(st.cache_resource, max_entries=8)
def dictionary_export(data: Dataset, lang: str) -> tuple[bytes, str]:
    """The data dictionary as CSV: bytes and file name."""
    return export.dictionary_export(data, lang)
