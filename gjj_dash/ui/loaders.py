"""Streamlit glue: data loaded once per data version (caches keyed on it, so a publish shows at once)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from gjj_dash.dataset import Dataset, data_version, load_dataset
from gjj_dash.paths import resolve_data_dir
from gjj_dash.series import harmonised_series
from gjj_dash.server import ENV_MODE


def data_dir() -> Path:
    return resolve_data_dir()


def is_public() -> bool:
    """The public deployment (`gjj-dash serve --public`): read-only, no staff page."""
    return os.environ.get(ENV_MODE, "") == "public"


def current_version() -> str:
    return data_version(data_dir())


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
