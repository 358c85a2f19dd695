"""UI: the shared sidebar (language, year bound to the URL) and the context every page reads."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from gjj_dash.figures.timeline import missing_notice
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.ui import loaders, site_links

LANG_NAMES = {"zh": "中文", "en": "English"}


@dataclass(frozen=True)
class Context:
    """What every page needs: language, the dataset, and the selected year (None when no year is loaded)."""

    lang: str
    dataset: Dataset
    year: int | None


def language() -> str:
    """The language switch (bound to ?lang=)."""
    return st.sidebar.segmented_control(
        "语言 / Language",
        options=list(LANG_NAMES),
        format_func=LANG_NAMES.__getitem__,
        default="zh",
        key="lang",
        bind="query-params",
        required=True,
    ) or "zh"


PAGES_MADE = "_navigation_pages"  # session state: {language: the navigation's sections of pages}


def session_pages(make: Callable[[], dict[str, list[st.Page]]], lang: str) -> dict[str, list[st.Page]]:
    """The navigation's pages, made once per session and language: each st.Page resolves its file and parses its name
    (about 0.35 ms a page, 3.5 ms of every run). So `make` may depend on the language and on what is fixed for the
    server process (the deployment), never on the reader: pages that depend on who is logged in need a key of their
    own. Each run gets shallow copies (microseconds), because st.navigation marks on the page object itself which
    page the run may run: a run that is still stopping must not clear the mark of the run after it. A changed app.py
    reaches a session when it starts or switches language."""
    made = st.session_state.setdefault(PAGES_MADE, {})
    if lang not in made:
        made[lang] = make()
    return {section: [copy.copy(page) for page in pages] for section, pages in made[lang].items()}


# The page's language for screen readers, hyphenation and fonts: Streamlit serves `<html lang="en">` whatever the
# page says. A constant script of ours (never user text), at the bottom of the sidebar where its empty box is unseen.
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def document_language(lang: str) -> None:
    """Set `<html lang>` to the language shown (zh-CN or en); rerun with every language switch."""
    code = HTML_LANG.get(lang, "zh-CN")
    st.sidebar.html(f'<script>document.documentElement.lang = "{code}";</script>', unsafe_allow_javascript=True)


def year_selector(lang: str) -> int | None:
    """The year selector shared by every page; ?year= chooses it on arrival and always names the year shown.

    Not bound with `bind="query-params"`: a bound widget leaves its default (the newest year) out of the URL, so a
    link copied today would show another year once a newer one is published. The URL's year seeds the session (a
    year no longer published falls back to the newest) and the URL is rewritten to the year shown."""
    years = sorted(loaders.dataset().years, reverse=True)
    if not years:
        return None
    if st.session_state.get("year") not in years:  # matched as text: ?year=² or ?year=x must not reach int()
        st.session_state["year"] = {str(y): y for y in years}.get(st.query_params.get("year", ""), years[0])
    year = st.sidebar.selectbox(t("widget.year", lang), years, format_func=str, key="year")
    if st.query_params.get("year") != str(year):
        st.query_params["year"] = str(year)
    site_links.show(year, lang)
    return year


def context() -> Context:
    """The page context, read from the sidebar widgets that app.py renders before the page."""
    lang = st.session_state.get("lang") or "zh"
    dataset = loaders.dataset()
    year = st.session_state.get("year")
    if year not in dataset.years:
        year = max(dataset.years) if dataset.years else None
    return Context(lang, dataset, year)


def page(title_key: str) -> Context:
    """A data page's start: its title, the line naming the years not loaded, then the context; with no year loaded,
    one sentence and the page stops."""
    ctx = context()
    st.title(t(title_key, ctx.lang))
    if ctx.year is None:
        st.info(t("common.no_data", ctx.lang))
        st.stop()
    missing_years(ctx)
    return ctx


def missing_years(ctx: Context) -> None:
    """On a page where a reader picks years: one line naming the years not loaded between the first and the latest
    (nothing when none is missing) and, on the staff deployment only, a link to the staff page to import them."""
    text = missing_notice(ctx.dataset.years, ctx.lang)
    if not text:
        return
    # One line, the link beside it where there is room: the leadership board below must stay above the fold.
    with st.container(key="missing_years", horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(f":material/event_busy: {text}", width="content")
        if not loaders.is_public():  # the public deployment has no staff page to link to
            st.page_link("views/admin.py", label=t("gaps.staff_link", ctx.lang), icon=":material/upload_file:")
