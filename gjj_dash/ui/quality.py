"""UI: the data-quality marker beside a figure, and a finding drawn with both sides, figures and sources."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.problems import SEVERITIES, Finding
from gjj_dash.quality.findings import ICONS, check_label, expand_items, findings_for, severity_label, value_text
from gjj_dash.ui.text import plain

QUALITY_PAGE = "views/quality.py"
def _link(found: list[Finding], label: str, year: int) -> None:
    """A link to 数据质量 for the year, the worst finding's sentence as its tooltip."""
    worst = min(found, key=lambda f: SEVERITIES.index(f.severity))
    st.page_link(QUALITY_PAGE, label=plain(label), help=plain(worst.message[:300]), query_params={"year": str(year)})


def marker(findings: Iterable[Finding], year: int | None, items: str | Iterable[str], lang: str = "zh") -> None:
    """A small “⚠ 数据质量” link to the quality page when a figure (its rows, or a harmonised series) has findings."""
    if year is None:
        return
    hits = findings_for(findings, year, expand_items(load_catalogue(), items))
    if hits:
        _link(hits, t("quality.marker", lang, n=len(hits)), year)


def row_links(hits: dict[str, list[Finding]], labels: dict[str, str], year: int, lang: str) -> None:
    """Below an official table: one link to the quality page (that year) per row that has findings."""
    for ident, found in hits.items():
        _link(found, t("quality.row_marker", lang, label=labels[ident], n=len(found)), year)


def finding_card(finding: Finding, lang: str, key: str) -> None:
    """One finding: severity and check, the sentence, both sides with their figures, and the sources."""
    with st.container(border=True, key=key):
        head = f"{ICONS.get(finding.severity, '')} {severity_label(finding.severity, lang)} · "
        st.markdown(f"**{head}{plain(check_label(finding.check, lang))}** · {finding.year}")
        st.markdown(plain(finding.message))
        sides = [
            f"- {plain(finding.left)}：**{plain(value_text(finding.left_value, lang))}**",
            f"- {plain(finding.right)}：**{plain(value_text(finding.right_value, lang))}**",
        ]
        st.markdown("\n".join(sides))
        if finding.sources:
            st.caption(t("common.source_line", lang, source=plain(finding.sources)))


def finding_list(findings: list[Finding], lang: str, key: str) -> None:
    """Findings grouped by year, newest first; a sentence when there are none."""
    if not findings:
        st.caption(t("quality.none", lang))
        return
    for year in sorted({f.year for f in findings}, reverse=True):
        st.markdown(f"**{t('quality.year_heading', lang, year=year)}**")
        for n, finding in enumerate(f for f in findings if f.year == year):
            finding_card(finding, lang, key=f"{key}_{year}_{n}")
