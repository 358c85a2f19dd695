"""Streamlit glue: the public pages — each page's view built once per data version, year and language, and the one
page skeleton they share (title, then the view rendered)."""

from __future__ import annotations

import streamlit as st

from gjj_dash.figures.blocks import View
from gjj_dash.figures.disclosure_view import disclosure_view
from gjj_dash.figures.halls_view import halls_view
from gjj_dash.figures.overview import overview_view
from gjj_dash.figures.portal_view import portal_view
from gjj_dash.figures.requests_view import requests_view
from gjj_dash.model.values import Dataset
from gjj_dash.ui import loaders, render, shell

BUILDERS = {
    "overview": overview_view,
    "disclosure": disclosure_view,
    "halls": halls_view,
    "portal": portal_view,
    "requests": requests_view,
}


# cache_resource, not cache_data: a View holds plotly figures, and unpickling them on every rerun cost 10–40 ms
# (docs/performance.md). Views are built once per data version, year and language and never mutated by pages.
@loaders.versioned(st.cache_resource, max_entries=128)
def view(data: Dataset, page: str, year: int, lang: str) -> View:
    """A public page's view of a year (not rebuilt on every rerun; a new data version gets a new entry)."""
    return BUILDERS[page](data, loaders.series(), year, lang)


def page(name: str) -> None:
    """A whole public page: its title (`<name>.title`), then its view of the selected year (or the no-data line)."""
    ctx = shell.page(f"{name}.title")
    render.render(view(name, ctx.year, ctx.lang), ctx.lang, page=name)
