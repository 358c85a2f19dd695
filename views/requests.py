"""依申请公开与复议诉讼: requests, handling, harmonised outcomes, refusal reasons, appeals, fees."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import public, sections, shell

ctx = shell.context()
st.title(t("requests.title", ctx.lang))
if ctx.year is None:
    st.info(t("common.no_data", ctx.lang))
    st.stop()

sections.render(public.view("requests", ctx.year, ctx.lang), ctx.lang, page="requests")
