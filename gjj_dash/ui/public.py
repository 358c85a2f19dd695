"""UI: the public pages — each page's view built once per data version, year and language, and the one
page skeleton they share (title, then the view rendered)."""

from __future__ import annotations

import streamlit as st

from gjj_dash.figures.blocks import View
from gjj_dash.figures.pages import VIEWS
from gjj_dash.model.values import Dataset
from gjj_dash.ui import loaders, render, shell


# cache_resource, not cache_data: a View holds plotly figures, and unpickling them on every rerun cost 10–40 ms
# (docs/performance.md). Views are built once per data version, year and language and never mutated by pages.
@loaders.versioned(st.cache_resource, max_entries=128)
def view(data: Dataset, page: str, year: int, lang: str) -> View:
    """A public page's view of a year (not rebuilt on every rerun; a new data version gets a new entry)."""
    return VIEWS[page](data, loaders.series(), year, lang)


def page(name: str) -> None:
    """A whole public page: its title (`<name>.title`), then its view of the selected year (or the no-data line)."""
    ctx = shell.page(f"{name}.title")
    render.render(view(name, ctx.year, ctx.lang), ctx.lang, page=name)
