"""服务大厅: windows and staff (centre totals or per branch), the facility matrix, home visits, leaflets."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import public, sections, shell

ctx = shell.context()
st.title(t("halls.title", ctx.lang))
if ctx.year is None:
    st.info(t("common.no_data", ctx.lang))
    st.stop()

sections.render(public.view("halls", ctx.year, ctx.lang), ctx.lang, page="halls")
