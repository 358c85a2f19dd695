"""总览: the leadership board (indicators, 需关注, data status, brief), then the year's key figures with unit, source,
qualifier and year-on-year change."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import leadership, loaders, shell, widgets

ctx = shell.page("overview.title")
leadership.render(ctx.dataset, ctx.year, ctx.lang)
st.subheader(t("lead.kpis", ctx.lang), anchor=False)

st.caption(t("overview.intro", ctx.lang, year=ctx.year))
prev = ctx.dataset.previous_year(ctx.year)
if len(ctx.dataset.years) == 1:
    st.info(t("common.single_year", ctx.lang, year=ctx.year))
elif prev is None:
    st.info(t("common.no_prev", ctx.lang, prev=ctx.year - 1))

cards = loaders.cards(ctx.year, ctx.lang)  # built once per data version, year and language
findings = loaders.findings(ctx.lang)
columns = st.columns(4)
for n, card in enumerate(cards):
    with columns[n % 4]:
        widgets.kpi_card(card, ctx.lang, key=f"kpi_{'_'.join(card.series)}", year=ctx.year, findings=findings)
st.caption(t("overview.halls_note", ctx.lang))
