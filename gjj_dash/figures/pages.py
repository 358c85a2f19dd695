"""Figures: the public pages' view builders by page name — the dashboard (gjj_dash.ui.public) and the light pages
(gjj_dash.publish.site) build the same views from this one map."""

from __future__ import annotations

from collections.abc import Callable

from gjj_dash.figures.blocks import View
from gjj_dash.figures.disclosure_view import disclosure_view
from gjj_dash.figures.halls_view import halls_view
from gjj_dash.figures.overview import overview_view
from gjj_dash.figures.portal_view import portal_view
from gjj_dash.figures.requests_view import requests_view

# Page name (its URL path and i18n prefix) → builder(dataset, harmonised series, year, lang) → View.
VIEWS: dict[str, Callable[..., View]] = {
    "overview": overview_view,
    "disclosure": disclosure_view,
    "halls": halls_view,
    "portal": portal_view,
    "requests": requests_view,
}
