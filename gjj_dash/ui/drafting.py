"""UI: 起草年度报告 on 数据管理 — choose a year and Word or web page, press 起草年度报告: the checks'
findings and each sentence's figures are shown, and the draft can be downloaded.

Nothing is drafted until the button is pressed (the tab runs with every rerun of the staff page); the report is kept
once per data version and year, and its file is written only when its download is clicked.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.blocks import Report
from gjj_dash.publish.annual_report.report import WRITERS, ReportError, build_report, report_name, write_report
from gjj_dash.publish.annual_report.trace import trace_rows
from gjj_dash.publish.files import MIME
from gjj_dash.quality.findings import ICONS, counts, findings_frame
from gjj_dash.ui import loaders, widgets
from gjj_dash.ui.text import plain

CLEAN_ICON = ":green[:material/check_circle:]"
DRAFTED = "drafting_done_for"  # (data dir, data version, year) the shown draft was made for


@st.cache_resource(show_spinner=False, max_entries=16)
def _report(*, folder: str, version: str, year: int, _dataset: Dataset) -> Report:
    return build_report(_dataset, year)


@st.cache_resource(show_spinner=False, max_entries=16)
def _file(*, folder: str, version: str, year: int, kind: str, _report: Report) -> bytes:
    return write_report(_report, kind)


def draft_panel(dataset: Dataset, lang: str) -> None:
    """Year and format, the preflight's findings, and the 起草年度报告 button that downloads the draft."""
    st.markdown(t("drafting.intro", lang))
    if not dataset.years:
        st.info(t("drafting.no_years", lang))
        return
    year = st.selectbox(t("drafting.year", lang), list(reversed(dataset.years)), key="drafting_year")
    kind = st.radio(t("drafting.kind", lang), list(WRITERS), format_func=lambda k: t(f"drafting.kind_{k}", lang),
                    horizontal=True, key="drafting_kind")
    folder, version = str(loaders.data_dir()), loaders.current_version()
    wanted = (folder, version, int(year))
    if st.button(t("drafting.start", lang), key="drafting_start", type="primary"):
        st.session_state[DRAFTED] = wanted
    if st.session_state.get(DRAFTED) != wanted:  # another year chosen, or the data changed since: press again
        st.caption(t("drafting.press", lang))
        return
    try:
        report = _report(folder=folder, version=version, year=int(year), _dataset=dataset)
    except ReportError as exc:
        st.error(t("drafting.cannot", lang, reason=plain(str(exc))))
        return
    st.caption(t("drafting.format", lang, year=report.year, format=dataset.format_name(report.year, lang),
                 title=plain(report.title)))
    preflight(report, lang)
    label = t("drafting.download", lang, kind=t(f"drafting.short_{kind}", lang))
    widgets.download(label, lambda: _file(folder=folder, version=version, year=report.year, kind=kind, _report=report),
                     file_name=report_name(report, kind, version), mime=MIME[kind], key=f"drafting_download_{kind}")
    with st.expander(t("drafting.trace", lang, n=len(report.sentences))):
        columns = [t("drafting.trace_sentence", lang), t("drafting.trace_figures", lang)]
        widgets.table(pd.DataFrame(trace_rows(report), columns=columns), key="drafting_trace")


def preflight(report: Report, lang: str) -> None:
    """What the checks found (a table of findings, shown as text), the tables left empty, the places to fill — as the
    quality page marks findings, not as the page's own alerts (nothing here went wrong on the page)."""
    found = report.preflight.findings
    if found:
        tally = counts(found)
        worst = next(s for s in ("error", "warning", "note") if tally[s])
        st.markdown(f"{ICONS[worst]} " + t("drafting.findings", lang, n=len(found), **tally))
        widgets.table(findings_frame(found, lang), key="drafting_findings")
    else:
        st.markdown(f"{CLEAN_ICON} " + t("drafting.clean", lang))
    if report.preflight.missing:  # the catalogue's table titles: no uploaded text reaches Markdown
        st.markdown(f"{ICONS['warning']} " + t("drafting.missing", lang, tables="、".join(report.preflight.missing)))
    st.caption(t("drafting.places", lang, n=report.places))
