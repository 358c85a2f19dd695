"""数据说明: every indicator of every format, the report-text figures, harmonised series, method and sources."""

import streamlit as st

from gjj_dash import dictionary
from gjj_dash.i18n import t
from gjj_dash.ui import loaders, shell

ctx = shell.context()
lang = ctx.lang
st.title(t("dictionary.title", lang))
st.caption(t("dictionary.intro", lang))

st.subheader(t("dictionary.method", lang), anchor=False)
for paragraph in dictionary.method_text(lang):  # the app's own text (data/i18n), never uploaded text
    st.markdown(paragraph)

payload, name = loaders.dictionary_export(lang)
st.download_button(
    t("dictionary.download", lang), payload, file_name=name, mime="text/csv", key="dictionary_csv",
    on_click="ignore", icon=":material/download:",
)

tabs = st.tabs([t(f"dictionary.tab.{k}", lang) for k in ("indicators", "measures", "harmonised", "sources", "fields")])
with tabs[0]:
    cat = ctx.dataset.catalogue
    chosen = st.selectbox(t("dictionary.format_filter", lang), list(cat.formats), key="dictionary_format",
                          format_func=lambda f: dictionary.format_label(cat, f, lang))
    st.dataframe(dictionary.dictionary_frame(ctx.dataset, lang, "indicator", chosen), hide_index=True,
                 width="stretch", key="dictionary_indicators")
with tabs[1]:
    st.dataframe(dictionary.dictionary_frame(ctx.dataset, lang, "measure"), hide_index=True, width="stretch",
                 key="dictionary_measures")
with tabs[2]:
    st.dataframe(dictionary.dictionary_frame(ctx.dataset, lang, "harmonised"), hide_index=True, width="stretch",
                 key="dictionary_harmonised")
with tabs[3]:
    st.dataframe(dictionary.sources_frame(ctx.dataset, lang), hide_index=True, width="stretch",
                 key="dictionary_sources")
with tabs[4]:
    st.dataframe(dictionary.fields_frame(lang), hide_index=True, width="stretch", key="dictionary_fields")
