"""UI: a year's printed form on screen (plain-text widgets only) and the download buttons of the tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.model.values import Dataset
from gjj_dash.publish.files import MIME
from gjj_dash.publish.official import Form, OfficialTable, official_form, screen_frame
from gjj_dash.quality.findings import row_hits
from gjj_dash.ui import loaders, quality, widgets
from gjj_dash.ui.text import plain


def marked_frame(table: OfficialTable, hits: dict[str, list[Finding]], lang: str) -> pd.DataFrame:
    """The screen frame with a last 数据质量 column (⚠ and the count) when any row of the table has findings."""
    frame = screen_frame(table, lang)
    if hits:
        marks = [t("quality.cell", lang, n=len(hits[r.indicator.id])) if r.indicator.id in hits else ""
                 for r in table.rows]
        column = t("quality.col", lang)
        frame[("", column) if frame.columns.nlevels > 1 else column] = marks
    return frame


def kept_totals(table: OfficialTable) -> list[int]:
    """The places (among the value columns) of the table's 总计 columns, which stay on screen however wide it is."""
    return [n for n, column in enumerate(table.columns) if column.relation == "total"]


def column_config(table: OfficialTable, frame: pd.DataFrame, lang: str) -> dict:
    """The screen table's columns by position (0 is the hidden index): the label column(s) wide and the figures
    centred; with 总计 columns, the official label and each 总计 pinned (always on screen, 总计 beside the label),
    the label narrower so both fit a phone; the other figures scroll between them."""
    texts = 1 + (lang == "en")
    totals = {1 + texts + 1 + n for n in kept_totals(table)}  # after the index, label(s) and the unit column
    label = widgets.PINNED_LABEL_PX if totals else "large"
    config = {n: st.column_config.TextColumn(width=label, pinned=bool(totals) or None) for n in range(1, 1 + texts)}
    config |= {n: st.column_config.TextColumn(alignment="center", pinned=n in totals or None)
               for n in range(1 + texts, 1 + frame.shape[1])}
    if lang == "en" and totals:  # the English label scrolls with the figures; the official Chinese one stays
        config[2] = st.column_config.TextColumn(width="large")
    return config


@dataclass(frozen=True)
class ScreenTable:
    """One official table as the screen shows it: the table, its frame (⚠ column added), its column settings and
    the findings of its rows."""

    table: OfficialTable
    frame: pd.DataFrame
    config: dict
    hits: dict[str, list[Finding]]


@loaders.versioned(st.cache_resource, max_entries=32)
def screen_form(data: Dataset, year: int, lang: str) -> tuple[Form, tuple[ScreenTable, ...]]:
    """A year's printed form and its tables as shown, built once per data version, year and language (read-only)."""
    form, findings = official_form(data, year), loaders.findings(lang)
    shown = []
    for table in form.tables:
        hits = row_hits(findings, year, (r.indicator.id for r in table.rows))
        frame = marked_frame(table, hits, lang)
        shown.append(ScreenTable(table, frame, column_config(table, frame, lang), hits))
    return form, tuple(shown)


def show_form(year: int, lang: str) -> None:
    """The year's form as printed: title, year, 填报单位, each table, footer, source; rows with data-quality findings
    get a ⚠ in a last column and a link to 数据质量 below the table.

    Text that may come from an upload (填报单位, footer names, source) goes through st.text and st.dataframe, which
    render plain text: no Markdown and no HTML is ever interpreted, so nothing uploaded can inject markup or fetch
    a resource. Titles and captions come from the catalogue.
    """
    form, tables = screen_form(year, lang)
    st.subheader(plain(form.title), anchor=False)
    st.text(form.period, text_alignment="center", width="stretch")
    if form.filer_line:
        st.text(form.filer_line)
    for shown in tables:
        table = shown.table
        if len(tables) > 1:
            st.markdown(f"**{plain(table.table.title)}**")
        if table.table.caption:
            st.caption(plain(table.table.caption))
        st.dataframe(shown.frame, hide_index=True, width="stretch", height="content", key=f"tables_{table.table.id}",
                     column_config=shown.config)
        if kept_totals(table):
            st.caption(t("tables.pinned_note", lang))
        quality.row_links(shown.hits, {r.indicator.id: r.indicator.label for r in table.rows}, form.year, lang)
    lines = form.footer_lines()
    for line in lines:
        st.text(line)
    if not lines:
        st.caption(t("tables.no_footer", lang))
    notes = [t("tables.blank_note", lang), t("tables.approx_note", lang)]
    if lang == "en":
        notes.append(t("tables.lang_note", lang))
    st.caption("  \n".join(notes))
    provenance = [t("tables.source", lang, source=form.source)] if form.source else []
    if form.origin in ("bundled", "upload"):
        provenance.append(t("tables.origin", lang, origin=t(f"tables.origin.{form.origin}", lang)))
    if form.version:
        provenance.append(t("tables.version", lang, version=form.version))
    if provenance:
        st.text("\n".join(provenance))


def download_buttons(files: dict[str, tuple[bytes, str]], *, labels: str, key: str, lang: str) -> None:
    """One download button per kind (kind → bytes and file name), side by side; each file is named with its year
    and content hash."""
    for column, (kind, (payload, name)) in zip(st.columns(len(files)), files.items(), strict=True):
        with column:
            widgets.download(t(f"{labels}.{kind}", lang), payload, file_name=name, mime=MIME[kind],
                             key=f"{key}_{kind}", icon=":material/download:", width="stretch")
