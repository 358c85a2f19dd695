"""官方统计表: the selected year's statistics table(s) in the official printed layout, with every download."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import form, loaders, shell

ctx = shell.page("tables.title")

st.caption(t("tables.intro", ctx.lang, year=ctx.year))
form.show_form(ctx.year, ctx.lang)

st.subheader(t("tables.downloads", ctx.lang), anchor=False)
form.download_buttons(loaders.table_exports(ctx.year), labels="tables.download", key="tables_dl", lang=ctx.lang)
st.caption(t("tables.downloads_note", ctx.lang))

st.subheader(t("tables.dataset", ctx.lang), anchor=False)
st.caption(t("tables.dataset_note", ctx.lang))
form.download_buttons(loaders.dataset_exports(), labels="tables.download.dataset", key="tables_all", lang=ctx.lang)
