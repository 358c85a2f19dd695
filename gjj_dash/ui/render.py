"""UI: renders a public page's View — intro, cards, sections of chart + table + notes, trends."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from gjj_dash.figures.blocks import Block, View
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.ui import loaders, quality, widgets
from gjj_dash.ui.text import lines, plain

# Three cards a row: at 1280 px beside the sidebar a fourth cut figures such as “19,000+ 人次” and long labels short.
CARDS_PER_ROW = 3


def section(block: Block, lang: str, year: int, findings: list[Finding] | None = None) -> None:
    """One section in its own keyed container (`section_<key>`): its lead line, the data-quality marker when its items
    have findings, the chart with its numbers (or the sentence that replaces them), statements and notes."""
    with st.container(key=f"section_{block.key}"):
        if block.title:
            st.subheader(plain(block.title))
        if block.items and findings:
            quality.marker(findings, year, block.items, lang)
        if block.empty:
            st.info(plain(block.empty))
            return
        if block.lead:
            st.markdown(plain(block.lead))
        if block.figure is not None and block.table is not None:
            widgets.chart_with_table(block.figure, block.table, key=block.key, lang=lang,
                                     stem=block.stem or block.key, year=year, alt=block.alt, pinned=block.pinned)
        elif block.table is not None:
            widgets.table(block.table, key=f"{block.key}_table", pinned=block.pinned)
            widgets.table_download(block.table, block.stem or block.key, year, f"{block.key}_csv", lang)
        for statement in block.statements:
            st.info(plain(statement))
        if block.notes:
            st.caption(lines(block.notes))


def render(view: View, lang: str, page: str) -> None:
    """A whole public page below its title; sections whose items have data-quality findings carry a marker."""
    findings = loaders.findings(lang)
    st.caption(plain(view.intro))
    if view.year_note:
        st.info(plain(view.year_note))
    for sentence in view.summary:
        st.info(plain(sentence))
    for first in range(0, len(view.cards), CARDS_PER_ROW):  # row by row, so cards read left to right
        row = view.cards[first : first + CARDS_PER_ROW]
        for n, (column, item) in enumerate(zip(st.columns(CARDS_PER_ROW), row, strict=False), start=first):
            with column:
                widgets.kpi_card(item, lang, key=f"kpi_{page}_{n}", year=view.year, findings=findings)
    for block in view.blocks:
        section(block, lang, view.year, findings)
    if view.trends:
        st.header(t("pub.across_years", lang))
        trends(view, lang, page, findings)


def trends(view: View, lang: str, page: str, findings: list[Finding] | None = None) -> None:
    """The sections across years as tabs (key `<page>_trends`, the first open by default) of which only the open one
    is built: twenty years then cost one chart and one table more than one year, not one per series and view."""
    if len(view.trends) == 1:
        section(view.trends[0], lang, view.year, findings)
        return
    labels = [plain(block.title) or str(n + 1) for n, block in enumerate(view.trends)]
    tabs, shown = widgets.open_tab(labels, f"{page}_trends")
    with tabs[shown]:  # the tab's label is the section's title
        section(replace(view.trends[shown], title=""), lang, view.year, findings)
