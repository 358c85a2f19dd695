"""Streamlit glue: data loaded once per data version (caches keyed on it, so a publish shows at once)."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from gjj_dash import paths
from gjj_dash.figures.overview import Card, overview_cards
from gjj_dash.model.problems import Finding
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.paths import resolve_data_dir
from gjj_dash.publish import dictionary
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
    """Begin a script run (app.py calls this first): the data version is then read once per run, not per call.

    Call it again after publishing within a run (or st.rerun()) so the rest of the run shows the new version.
    """
    _run.ctx = get_script_run_ctx(suppress_warning=True)
    _run.versions = {}


def current_version() -> str:
    """The fingerprint of the published data; every run re-reads it, so a publish shows on the next rerun."""
    folder = str(data_dir())
    ctx = get_script_run_ctx(suppress_warning=True)
    memo = getattr(_run, "versions", None) if ctx is not None and getattr(_run, "ctx", None) is ctx else None
    if memo is None:  # outside a run started by app.py: no memo, always fresh
        return data_version(Path(folder))
    if folder not in memo:
        memo[folder] = data_version(Path(folder))
    return memo[folder]


@st.cache_resource(show_spinner=False, max_entries=8)
def _dataset(folder: str, version: str) -> Dataset:
    return load_dataset(Path(folder))


@st.cache_data(show_spinner=False, max_entries=8)
def _series(folder: str, version: str) -> pd.DataFrame:
    return harmonised_series(_dataset(folder, version))


def dataset() -> Dataset:
    """The published dataset (treated as immutable; a new version gets a new cache entry)."""
    return _dataset(str(data_dir()), current_version())


def series() -> pd.DataFrame:
    """Every harmonised series of every year."""
    return _series(str(data_dir()), current_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _cards(folder: str, version: str, year: int, lang: str) -> list[Card]:
    return overview_cards(_dataset(folder, version), _series(folder, version), year, lang)


def cards(year: int, lang: str) -> list[Card]:
    """The overview's KPI cards of a year, built once per data version, year and language (not on every rerun)."""
    return _cards(str(data_dir()), current_version(), year, lang)


# cache_resource: every page reads the findings on every run; unpickling them (cache_data) grew with the years.
@st.cache_resource(show_spinner=False, max_entries=16)
def _findings(folder: str, version: str, lang: str) -> list[Finding]:
    return check_dataset(_dataset(folder, version), lang=lang)


def findings(lang: str = "zh") -> list[Finding]:
    """Every data-quality finding of the published data, checked once per data version and language (read-only)."""
    return _findings(str(data_dir()), current_version(), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _findings_table(
    folder: str, version: str, lang: str, severities: tuple[str, ...], year: int | None
) -> pd.DataFrame:
    return findings_frame(selected(_findings(folder, version, lang), severities, year), lang)


def findings_table(lang: str, severities: tuple[str, ...], year: int | None) -> pd.DataFrame:
    """The quality page's table of the findings of some severities in a year (None: every year), built once per
    data version and choice, and the same frame object each rerun (so its CSV and Arrow forms are made once)."""
    return _findings_table(str(data_dir()), current_version(), lang, severities, year)


@st.cache_resource(show_spinner=False, max_entries=4)
def checks_table(lang: str) -> pd.DataFrame:
    """Every check the audit runs (checks.csv) as the quality page shows it; read-only."""
    return checks_frame(lang)


# One entry per data version, language and table: only the tables people open are built (read-only frames).
@st.cache_resource(show_spinner=False, max_entries=32)
def _dictionary_table(folder: str, version: str, lang: str, kind: str) -> pd.DataFrame:
    data = _dataset(folder, version)
    if kind.startswith("indicators."):
        return dictionary.dictionary_frame(data, lang, "indicator", kind.removeprefix("indicators."))
    if kind in ("measures", "harmonised"):
        return dictionary.dictionary_frame(data, lang, {"measures": "measure"}.get(kind, kind))
    return dictionary.sources_frame(data, lang) if kind == "sources" else dictionary.fields_frame(lang)


def dictionary_table(kind: str, lang: str) -> pd.DataFrame:
    """One table of the data dictionary, named as its tab: `indicators.<format>`, `measures`, `harmonised`,
    `sources` or `fields`."""
    return _dictionary_table(str(data_dir()), current_version(), lang, kind)


# Downloads are bytes (immutable): cached as resources, so a rerun does not copy the whole-dataset file (0.8 MB with
# twenty years) out of the cache again.
@st.cache_resource(show_spinner=False, max_entries=64)
def _table_export(folder: str, version: str, year: int, kind: str) -> tuple[bytes, str]:
    from gjj_dash.publish.export import table_export

    return table_export(_dataset(folder, version), year, kind)


def table_export(year: int, kind: str) -> tuple[bytes, str]:
    """A download of the year's official table (csv, xlsx, html, json): bytes and file name, once per data version."""
    return _table_export(str(data_dir()), current_version(), year, kind)


@st.cache_resource(show_spinner=False, max_entries=8)
def _dataset_export(folder: str, version: str, kind: str) -> tuple[bytes, str]:
    from gjj_dash.publish.export import dataset_export

    return dataset_export(_dataset(folder, version), kind)


def dataset_export(kind: str) -> tuple[bytes, str]:
    """The whole dataset as one tidy table (csv, parquet): bytes and file name, once per data version."""
    return _dataset_export(str(data_dir()), current_version(), kind)


@st.cache_resource(show_spinner=False, max_entries=8)
def _dictionary_export(folder: str, version: str, lang: str) -> tuple[bytes, str]:
    from gjj_dash.publish.export import dictionary_export

    return dictionary_export(_dataset(folder, version), lang)


def dictionary_export(lang: str) -> tuple[bytes, str]:
    """The data dictionary as CSV: bytes and file name, once per data version and language."""
    return _dictionary_export(str(data_dir()), current_version(), lang)
