"""UI: the comparison with other bodies on the leadership view — shown to staff who are logged in, and to everyone
else only when staff have switched it on (a setting in the data folder, default off): every indicator side by side
for the centre and each body listed for the year, then one indicator's bodies in order with N, sample tag, rank (or
why none), kind and source. Nothing is drawn otherwise, so the public pages read exactly as without bodies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gjj_dash.figures.comparison import Comparison, has_peers, year_comparison
from gjj_dash.figures.comparison_text import comparison_frame, side_by_side
from gjj_dash.figures.rules import Rules
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.store.peers import PeerStore
from gjj_dash.ui import auth, loaders, widgets

PICK = "lead_cmp_indicator"


def _store() -> PeerStore:
    return PeerStore(loaders.data_dir(), read_only=True)


def shown_to_reader() -> str:
    """The comparison bodies' fingerprint when this reader may see the comparison (staff logged in in this session,
    or anyone once staff switched it on), else "" — the brief and the page compare only then."""
    store = _store()
    if auth.current_user() is None and not store.settings().public:
        return ""
    return store.fingerprint()


@loaders.versioned(st.cache_resource, max_entries=16)
def comparisons(data: Dataset, year: int, rules: Rules, peers: str) -> tuple[Comparison, ...]:
    """The year's comparison, once per data version, rules and comparison bodies' fingerprint."""
    return tuple(year_comparison(data, year, rules, loaders.data_dir()))


@loaders.versioned(st.cache_resource, max_entries=32)
def tables(data: Dataset, year: int, rules: Rules, peers: str, lang: str) -> tuple[pd.DataFrame, ...]:
    """The side-by-side table, then one table per indicator (the same frame objects each rerun)."""
    found = list(comparisons(year, rules, peers))
    return (side_by_side(found, lang), *(comparison_frame(c, lang) for c in found))


def render(year: int, lang: str, rules: Rules, peers: str) -> None:
    """The comparison section of the leadership view, when this reader may see it (`peers`: shown_to_reader's
    answer) and the year has bodies."""
    if not peers:
        return
    found = comparisons(year, rules, peers)
    if not has_peers(found):
        if auth.current_user() is not None:  # staff: where bodies are added (the public sees nothing at all)
            st.caption(t("peers.view_none", lang, year=year))
        return
    st.subheader(t("peers.view_title", lang, year=year), anchor=False)
    st.caption(t("peers.view_intro", lang))
    frames = tables(year, rules, peers, lang)
    widgets.table(frames[0], key="lead_cmp_all")
    names = [c.indicator.id for c in found]
    labels = {c.indicator.id: c.indicator.name(lang) for c in found}
    chosen = st.selectbox(t("peers.view_pick", lang), names, format_func=labels.__getitem__, key=PICK)
    widgets.table(frames[1 + names.index(chosen)], key="lead_cmp_one")
    st.caption(t("peers.view_rule", lang, fair=rules.fair))
