"""主动公开: items disclosed, the channel mix with its counting rule, responses, and their trends."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import public, sections, shell

ctx = shell.context()
st.title(t("disclosure.title", ctx.lang))
if ctx.year is None:
    st.info(t("common.no_data", ctx.lang))
    st.stop()

sections.render(public.view("disclosure", ctx.year, ctx.lang), ctx.lang, page="disclosure")
