"""Server entry of gjj-dash: Streamlit's st.App running app.py (the router), with gjj_dash.web's routes beside it
and its middleware in front (the public deployment's upload guard).

`gjj-dash serve` runs `streamlit run server.py`; app.py stays the router of the pages. Before the app exists, the
browser messages a visitor must not send (clear_cache, which empties every session's caches) are refused
(gjj_dash.ui.backmsgs).
"""

import streamlit as st

from gjj_dash import web
from gjj_dash.ui import backmsgs

backmsgs.install()
app = st.App("app.py", routes=web.routes(), middleware=web.middleware())
