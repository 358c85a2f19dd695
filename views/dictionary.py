"""数据说明: every indicator of every format, the report-text figures, harmonised series, method and sources."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.publish import dictionary
from gjj_dash.ui import loaders, shell, widgets

ctx = shell.context()
lang = ctx.lang
st.title(t("dictionary.title", lang))
shell.missing_years(ctx)  # its sources tab lists every loaded year
st.caption(t("dictionary.intro", lang))

st.subheader(t("dictionary.method", lang), anchor=False)
for paragraph in dictionary.method_text(lang):  # the app's own text (data/i18n), never uploaded text
    st.markdown(paragraph)

payload, name = loaders.dictionary_export(lang)
widgets.download(t("dictionary.download", lang), payload, file_name=name, mime="text/csv", key="dictionary_csv",
                 icon=":material/download:")

# Only the open tab's table is built and sent: one table on the first screen, not six.
kinds = ("indicators", "measures", "harmonised", "leadership", "sources", "fields")
tabs, shown = widgets.open_tab([t(f"dictionary.tab.{k}", lang) for k in kinds], "dictionary_tabs")
with tabs[shown]:
    kind = kinds[shown]
    if kind == "indicators":
        cat = ctx.dataset.catalogue
        chosen = st.selectbox(t("dictionary.format_filter", lang), list(cat.formats), key="dictionary_format",
                              format_func=lambda f: dictionary.format_label(cat, f, lang))
        kind = f"indicators.{chosen}"
    # built once per data version, language and table (loaders), sent as Arrow without converting it again
    widgets.table(loaders.dictionary_table(kind, lang), key=f"dictionary_{kinds[shown]}")
