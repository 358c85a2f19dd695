"""UI: shared renderers — KPI cards, a chart followed by its numbers, honest notes."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from gjj_dash.figures.blocks import Card
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.publish.files import content_name, neutralise
from gjj_dash.ui import quality
from gjj_dash.ui.text import lines, plain

T = TypeVar("T")
# A pinned label column is this wide, so the label and a pinned 总计 beside it both fit a 390 px phone (358 px of
# table) while a 1280 px screen still shows about twenty characters of each label.
PINNED_LABEL_PX = 260
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}


def open_tab(labels: list[str], key: str) -> tuple[Sequence[DeltaGenerator], int]:
    """Keyed tabs of which only the open one is to be built (`on_change="rerun"`): the tabs and the open one's place.

    The tabs' state is the open tab's label; after a language switch that label is in the other language, so the
    open tab is found again by its place (kept under `<key>_at`), not reset to the first."""
    place = f"{key}_at"
    at = st.session_state.get(place)
    if st.session_state.get(key) not in labels and isinstance(at, int) and at < len(labels):
        st.session_state[key] = labels[at]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    shown = next((n for n, tab in enumerate(tabs) if tab.open), 0)
    st.session_state[place] = shown
    return tabs, shown


def kpi_card(card: Card, lang: str, key: str, year: int | None = None, findings: list[Finding] | None = None) -> None:
    """One KPI: figure with unit, the change from last year (or from the year named when the year before is not
    loaded), source, qualifier and notes in plain sight, and the data-quality marker when its figure has findings."""
    with st.container(border=True, key=key):
        value = card.value if card.value == "—" else f"{card.value} {card.unit}"
        st.metric(plain(card.label), plain(value), delta=card.delta, delta_color="off")
        notes = [t("common.source_line", lang, source=card.source)]
        if card.compared:  # the change is not year on year: the years compared and the gap, first
            notes.insert(0, t("gaps.card_compared", lang, compared=card.compared))
        if card.approximate:
            notes.append(t("common.qualifier_at_least", lang))
        if card.blank:
            notes.append(t("common.blank_note", lang))
        if card.note:
            notes.append(card.note)
        st.caption(lines(notes))
        if findings:
            quality.marker(findings, year, card.series, lang)


# CSV bytes and Arrow tables per frame object: a cached view's frames live across reruns, so each is encoded once,
# not on every rerun. Entries go when their frame is garbage-collected. Frames are treated as read-only once shown.
_PAYLOADS: dict[int, tuple[weakref.ref, bytes]] = {}
_ARROW: dict[int, tuple[weakref.ref, pa.Table | pd.DataFrame]] = {}


def _once(memo: dict[int, tuple[weakref.ref, T]], frame: object, build: Callable[[object], T]) -> T:
    hit = memo.get(id(frame))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    made = build(frame)
    key = id(frame)
    memo[key] = (weakref.ref(frame, lambda _ref: memo.pop(key, None)), made)
    return made


class _Drawn(go.Figure):
    """A shown figure's copy whose dict is made once: st.plotly_chart asks a figure for `to_dict()` on every call,
    which deep-copies every trace (~2 ms a chart). Views are cached and never change a figure once built."""

    def __init__(self, figure: go.Figure) -> None:
        super().__init__(figure)
        self._drawn = super().to_dict()

    def to_dict(self) -> dict:
        return self._drawn


_FIGURES: dict[int, tuple[weakref.ref, go.Figure]] = {}


def _csv(frame: pd.DataFrame) -> bytes:
    safe = frame.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return ("\ufeff" + safe.to_csv(index=False)).encode("utf-8")


def _arrow(frame: pd.DataFrame) -> pa.Table | pd.DataFrame:
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):  # mixed-type column: Streamlit's own conversion handles it
        return frame


def csv_payload(frame: pd.DataFrame) -> bytes:
    """A shown table as CSV bytes: UTF-8 with BOM, formula-safe (built once per frame object)."""
    return _once(_PAYLOADS, frame, _csv)


def table(frame: pd.DataFrame, key: str, pinned: Sequence[str] = ()) -> None:
    """A table without its index, full width; `pinned` columns (a row's label, its 总计) stay on screen however wide
    the table, so a phone shows them too. Converted to Arrow once per frame object: st.dataframe converts a pandas
    frame on every call (~0.7 ms each), an Arrow table it only writes out (~0.03 ms)."""
    shown = [name for name in pinned if name in frame.columns]
    config = {name: st.column_config.Column(pinned=True, width=PINNED_LABEL_PX if n == 0 else None)
              for n, name in enumerate(shown)}
    st.dataframe(_once(_ARROW, frame, _arrow), hide_index=True, key=key, width="stretch", column_config=config or None)


def download(label: str, data: bytes | Callable[[], bytes], *, file_name: str, mime: str, key: str, **options) -> None:
    """A download button whose bytes are sent, or made, only when it is clicked. Passed as bytes, every rerun hashed
    and registered the file with the server in every session (0.8 MB for the whole dataset with twenty years); given
    a function, reading or building it (a stored original, a template) waits for the click too."""
    st.download_button(label, data if callable(data) else (lambda: data), file_name=file_name, mime=mime, key=key,
                       on_click="ignore", **options)


def table_download(frame: pd.DataFrame, stem: str, year: int | str, key: str, lang: str) -> None:
    """A CSV download of a shown table (UTF-8 with BOM, formula-safe, name with year and content hash)."""
    payload = csv_payload(frame)
    download(t("common.download_csv", lang), payload, file_name=content_name(stem, year, payload, "csv"),
             mime="text/csv", key=key)


def chart_with_table(
    fig: go.Figure, frame: pd.DataFrame, *, key: str, lang: str, stem: str, year: int | str, alt: str,
    pinned: Sequence[str] = (),
) -> None:
    """A chart, then its numbers as an accessible table with a CSV download."""
    st.plotly_chart(_once(_FIGURES, fig, _Drawn), key=f"{key}_chart", config=PLOTLY_CONFIG, width="stretch")
    st.caption(plain(alt))
    table(frame, key=f"{key}_table", pinned=pinned)
    table_download(frame, stem, year, f"{key}_csv", lang)
