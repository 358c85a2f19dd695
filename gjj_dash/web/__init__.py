"""Web layer: HTTP routes the server answers beside the Streamlit app (Starlette routes mounted by server.py's
st.App) — plain responses built from the layers below, no Streamlit session involved — and the middleware in front of
it (the public upload guard).

Side by side with gjj_dash.ui and gjj_dash.cli; may import every layer below them; never Streamlit.
Each feature adds its routes in its own module and lists them in `routes()`.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from gjj_dash.web import guard, login, site


def routes() -> list[BaseRoute]:
    """Every route of the server besides Streamlit's own: the light site (/data/…, /report/…) and the staff
    login's cookie (/auth/…)."""
    return [*site.routes(), *login.routes()]


def middleware() -> list[Middleware]:
    """Every middleware of the server besides Streamlit's own: the public deployment's upload guard."""
    return guard.middleware()
