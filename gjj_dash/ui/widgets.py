"""Streamlit glue: shared renderers — KPI cards, a chart followed by its numbers, honest notes."""

from __future__ import annotations

import weakref

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from gjj_dash.export import content_name, neutralise
from gjj_dash.i18n import t
from gjj_dash.overview import Card

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}


def kpi_card(card: Card, lang: str, key: str) -> None:
    """One KPI: figure with unit, the change from last year, and its source and qualifier in plain sight."""
    with st.container(border=True, key=key):
        st.metric(card.label, f"{card.value} {card.unit}", delta=card.delta, delta_color="off")
        notes = [f"{t('common.source', lang)}：{card.source}"]
        if card.approximate:
            notes.append(t("common.qualifier_at_least", lang))
        if card.blank:
            notes.append(t("common.blank_note", lang))
        if card.note:
            notes.append(t("overview.narrative", lang, text=card.note))
        st.caption("  \n".join(notes))


# CSV bytes per frame object: a cached view's frames live across reruns, so each is encoded once, not on every rerun.
# Entries go when their frame is garbage-collected. Frames are treated as read-only once shown.
_PAYLOADS: dict[int, tuple[weakref.ref, bytes]] = {}


def csv_payload(frame: pd.DataFrame) -> bytes:
    """A shown table as CSV bytes: UTF-8 with BOM, formula-safe (built once per frame object)."""
    hit = _PAYLOADS.get(id(frame))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    safe = frame.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    payload = ("\ufeff" + safe.to_csv(index=False)).encode("utf-8")
    key = id(frame)
    _PAYLOADS[key] = (weakref.ref(frame, lambda _ref: _PAYLOADS.pop(key, None)), payload)
    return payload


def table_download(frame: pd.DataFrame, stem: str, year: int | str, key: str, lang: str) -> None:
    """A CSV download of a shown table (UTF-8 with BOM, formula-safe, name with year and content hash)."""
    payload = csv_payload(frame)
    st.download_button(
        t("common.download_csv", lang),
        payload,
        file_name=content_name(stem, year, payload, "csv"),
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def chart_with_table(
    fig: go.Figure, frame: pd.DataFrame, *, key: str, lang: str, stem: str, year: int | str, alt: str
) -> None:
    """A chart, then its numbers as an accessible table with a CSV download."""
    st.plotly_chart(fig, key=f"{key}_chart", config=PLOTLY_CONFIG, width="stretch")
    st.caption(alt)
    st.dataframe(frame, hide_index=True, key=f"{key}_table", width="stretch")
    table_download(frame, stem, year, f"{key}_csv", lang)
