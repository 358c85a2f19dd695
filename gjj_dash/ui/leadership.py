"""UI: the leadership board at the top of the overview — the year's indicators with last year's value and
sample tags, the flags (需关注), the data status and the brief's downloads on one 1280×800 screen; each indicator
opens (built only when opened) to its formula, numerator, denominator, official rows and chart across the years."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from gjj_dash.figures.board import Board, DataStatus, build_board, data_status
from gjj_dash.figures.leadership_view import (
    IndicatorCard,
    indicator_cards,
    indicator_trend,
    trend_figure,
    trend_table,
)
from gjj_dash.figures.rules import RuleBook, Rules, RuleState, rules_path
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.publish.brief import FONT_STACK, brief_html, brief_name, brief_parts, fitted
from gjj_dash.publish.brief_pdf import CjkFont, brief_pdf, find_cjk_font
from gjj_dash.ui import comparison, loaders, public, shell, widgets
from gjj_dash.ui import render as view_render
from gjj_dash.ui.quality import QUALITY_PAGE
from gjj_dash.ui.text import plain

PAGES = {"tables": "views/tables.py", "portal": "views/portal.py", "disclosure": "views/disclosure.py",
         "quality": QUALITY_PAGE, "dictionary": "views/dictionary.py", "requests": "views/requests.py"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _book(*, path: str) -> RuleBook:
    """One RuleBook per rules file for the whole server: it keeps the rules in force when a changed file is bad."""
    return RuleBook(Path(path))


def rule_state() -> RuleState:
    """The rules in force now (the data directory's flags.csv if staff put one there, else the shipped one)."""
    return _book(path=str(rules_path(loaders.data_dir()))).current()


# Keyed on the rules themselves (a frozen value): new thresholds give new entries, a refused file changes nothing.
@loaders.versioned(st.cache_resource, max_entries=32)
def board(data: Dataset, year: int, lang: str, rules: Rules) -> tuple[Board, tuple[IndicatorCard, ...], DataStatus]:
    """The year's board, cards and data status, built once per data version, rules, year and language."""
    found = loaders.findings(lang)
    made = build_board(data, year, rules, found, loaders.series(), lang)
    return made, tuple(indicator_cards(data, made, lang)), data_status(data, year, loaders.data_dir(), found)


@loaders.versioned(st.cache_resource, max_entries=64)
def trend(data: Dataset, year: int, lang: str, rules: Rules, indicator: str) -> tuple[go.Figure, pd.DataFrame]:
    """An indicator's chart across the years and its table, built when the indicator is first opened."""
    found = board(year, lang, rules)[0]
    frame = indicator_trend(data, found, indicator, lang)
    label = next(r.indicator.name(lang) for r in found.readings if r.indicator.id == indicator)
    return trend_figure(data, frame, label, lang), trend_table(frame, lang)


@st.cache_resource(show_spinner=False, max_entries=1)
def _font() -> CjkFont | None:
    return find_cjk_font()  # fontconfig's answer does not change while the server runs


@loaders.versioned(st.cache_resource, max_entries=16)
def brief(data: Dataset, year: int, lang: str, kind: str, rules: Rules, peers: str = "") -> bytes:
    """The brief's bytes (kind pdf or html), made when its download is clicked, once per data version and rules;
    with the comparison bodies' fingerprint (`peers`, given only to readers who may see them) it compares."""
    parts = brief_parts(data, year, loaders.data_dir(), rules, loaders.findings(lang), lang, peers=bool(peers))
    if kind == "html":
        return brief_html(parts, lang).encode("utf-8")
    return brief_pdf(fitted(parts, lang), FONT_STACK, peers=bool(parts.comparisons))


def _label(card: IndicatorCard) -> str:
    """The expander's one line: name, headline, sample tag and last year's value."""
    parts = [plain(card.label), f"**{plain(card.headline)}**"]
    parts += [f":gray[{plain(card.sample)}]"] if card.sample else []
    return " · ".join([*parts, f":gray[{plain(card.last)}]"])


def _details(dataset: Dataset, found: Board, card: IndicatorCard, lang: str) -> None:
    """An opened indicator: small print, flags, formula, numerator and denominator rows, sources, chart."""
    shown = t("lead.small_rate", lang, rate=card.detail) if card.small and card.detail else card.detail
    st.markdown(f"**{plain(card.headline)}**" + (f" · {plain(shown)}" if shown else ""))
    for text in card.flags:
        st.warning(plain(text), icon=":material/flag:")
    if card.note:
        st.caption(plain(card.note))
    st.markdown(t("lead.formula_line", lang, formula=plain(card.formula)))
    st.caption(plain(card.definition))
    for key, lines in (("lead.numerator", card.numerator), ("lead.denominator", card.denominator)):
        if lines:
            st.markdown(f"{t(key, lang)}  \n" + "  \n".join(f"- {plain(line)}" for line in lines))
    st.markdown(f"{t('lead.sources', lang)}  \n" + "  \n".join(f"- {plain(line)}" for line in card.sources))
    if len(dataset.years) > 1:
        figure, table = trend(found.year, lang, found.rules, card.id)
        alt = t("lead.chart_alt", lang, label=card.label)
        widgets.chart_with_table(figure, table, key=f"lead_{card.id}_trend", lang=lang, stem=f"gjj-{card.id}",
                                 year=found.year, alt=alt)


def _indicators(dataset: Dataset, found: Board, cards: tuple[IndicatorCard, ...], lang: str) -> None:
    st.subheader(t("lead.indicators", lang), anchor=False)
    for card in cards:
        icon = ":material/flag:" if card.flags else ":material/query_stats:"
        box = st.expander(_label(card), key=f"lead_{card.id}", icon=icon, on_change="rerun")
        if box.open:
            with box:
                _details(dataset, found, card, lang)


def _flags(found: Board, lang: str) -> None:
    st.subheader(t("lead.watch", lang), anchor=False)
    with st.container(key="lead_flags"):
        if not found.flags:
            st.caption(t("brief.no_flags", lang))
        for n, flag in enumerate(found.flags):
            st.markdown(f"{n + 1}. {plain(flag.text)}")
            if flag.where and flag.kind in ("below", "above", "fall", "rise"):  # the others name their rows already
                st.caption(t("lead.rows_behind", lang, rows=plain(flag.where)))
            st.page_link(PAGES.get(flag.page, QUALITY_PAGE), label=t("lead.open_page", lang, page=t(
                f"page.{flag.page}", lang), year=flag.year), icon=":material/arrow_forward:",
                query_params={"year": str(flag.year)})


def _status(status: DataStatus, state: RuleState, lang: str) -> None:
    st.subheader(t("brief.data", lang), anchor=False)
    version = t("brief.version_base", lang) if status.version == 0 else t("brief.version_n", lang, n=status.version)
    if status.published:
        version += t("brief.published", lang, date=status.published[:10])
    lines = [t("lead.status_version", lang, version=version),
             t("brief.fingerprint", lang, fingerprint=status.fingerprint)]
    st.caption("  \n".join(plain(line) for line in lines))
    st.page_link(QUALITY_PAGE, label=t("lead.status_findings", lang, **status.findings), icon=":material/fact_check:",
                 query_params={"year": str(status.year)})
    if state.problems and not loaders.is_public():  # staff see why their rules file was not taken
        when = t("lead.rules_fallback", lang) if state.fallback else t("lead.rules_kept", lang, since=state.since)
        st.warning(plain("；".join(state.problems)) + "  \n" + when, icon=":material/rule:")


def _downloads(found: Board, status: DataStatus, lang: str, peers: str) -> None:
    """The brief as PDF (when the server has a Chinese font) and HTML, each made only when clicked; it compares
    with other bodies only for a reader who may see the comparison (`peers`, from comparison.shown_to_reader)."""
    rules, stem = found.rules, brief_name(found, status, peers)
    st.caption(t("lead.brief_caption", lang))
    columns = st.columns(2)
    with columns[0]:
        if _font() is None:
            st.caption(t("lead.no_font", lang))
        else:
            widgets.download(t("lead.brief_pdf", lang), lambda: brief(found.year, lang, "pdf", rules, peers),
                             file_name=f"{stem}.pdf", mime="application/pdf", key="lead_brief_pdf",
                             icon=":material/picture_as_pdf:")
    with columns[1]:
        widgets.download(t("lead.brief_html", lang), lambda: brief(found.year, lang, "html", rules, peers),
                         file_name=f"{stem}.html", mime="text/html", key="lead_brief_html", icon=":material/download:")


def render(dataset: Dataset, year: int, lang: str, state: RuleState, peers: str) -> None:
    """The leadership board of a year: indicators on the left; flags, data status and the brief on the right."""
    found, cards, status = board(year, lang, state.rules)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        _indicators(dataset, found, cards, lang)
        st.caption(t("brief.sample_rule", lang, fair=found.rules.fair, ample=found.rules.ample))
    with right:
        _flags(found, lang)
        _status(status, state, lang)
        _downloads(found, status, lang, peers)


def page() -> None:
    """The overview: its title, the leadership board, then the key figures (the public overview view)."""
    ctx = shell.page("overview.title")
    state, peers = rule_state(), comparison.shown_to_reader()  # each read once a run
    render(ctx.dataset, ctx.year, ctx.lang, state, peers)
    comparison.render(ctx.year, ctx.lang, state.rules, peers)
    st.subheader(t("lead.kpis", ctx.lang), anchor=False)
    view_render.render(public.view("overview", ctx.year, ctx.lang), ctx.lang, page="overview")
