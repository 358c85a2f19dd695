"""Streamlit glue: the public pages' views, built once per data version, page, year and language."""

from __future__ import annotations

import streamlit as st

from gjj_dash.figures.blocks import View
from gjj_dash.figures.disclosure_view import disclosure_view
from gjj_dash.figures.halls_view import halls_view
from gjj_dash.figures.portal_view import portal_view
from gjj_dash.figures.requests_view import requests_view
from gjj_dash.ui import loaders

BUILDERS = {
    "disclosure": disclosure_view,
    "halls": halls_view,
    "portal": portal_view,
    "requests": requests_view,
}


# cache_resource, not cache_data: a View holds plotly figures, and unpickling them on every rerun cost 10–40 ms
# (docs/performance.md). Views are built once per data version, year and language and never mutated by pages.
@st.cache_resource(show_spinner=False, max_entries=128)
def _view(page: str, folder: str, version: str, year: int, lang: str) -> View:
    return BUILDERS[page](loaders.dataset(), loaders.series(), year, lang)


def view(page: str, year: int, lang: str) -> View:
    """A public page's view of a year (not rebuilt on every rerun; a new data version gets a new entry)."""
    return _view(page, str(loaders.data_dir()), loaders.current_version(), year, lang)
