"""门户与查询: portal visits, personal queries and channels, 查阅点 (table and text), media and outreach."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import public, sections, shell

ctx = shell.context()
st.title(t("portal.title", ctx.lang))
if ctx.year is None:
    st.info(t("common.no_data", ctx.lang))
    st.stop()

sections.render(public.view("portal", ctx.year, ctx.lang), ctx.lang, page="portal")
