"""UI: the staff page's 导入年度报告 — drop one or several files (or a zip of them), each read for its
own year, a preview per year (the report as it names itself, every figure beside where it came from, the narrative
read from its sentences, the checks, the diff with what is published) and a publish button per year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gjj_dash.i18n import strings, t
from gjj_dash.ingest.decode import ENCODING_NAMES
from gjj_dash.intake.batch import Incoming, by_year, expand, stage_file, unchanged, with_confirmed
from gjj_dash.intake.preview import (
    describe,
    narrative_checks,
    narrative_frame,
    printed_names,
    sources_frame,
    unconfirmed,
)
from gjj_dash.intake.staging import Staged, detected, log_refusal, section_messages
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.problems import Finding, Problem
from gjj_dash.model.years import missing_years
from gjj_dash.store.dataset import year_dirs
from gjj_dash.store.diff import changes_frame
from gjj_dash.store.history import version_name
from gjj_dash.store.versions import Store, StoreError, sha256
from gjj_dash.ui.text import plain

STAGED, STAGED_FOR, DONE, FLASH = "admin_staged", "admin_staged_for", "admin_done", "admin_flash"
TYPES = ["csv", "txt", "tsv", "xlsx", "zip", "html", "htm", "docx", "doc", "wps", "pdf"]
NONE = "—"


def import_panel(store: Store, user: str, catalogue: Catalogue, lang: str) -> None:
    """Choose a year (or take each report's own) and drop files; stage them once per (files, year); preview each
    year and offer its publish button."""
    _years_held(store, lang)
    year = st.number_input(t("admin.year_input", lang), min_value=2000, max_value=2100, value=None, step=1,
                           placeholder=t("admin.year_from_file", lang), key="admin_year")
    files = st.file_uploader(t("admin.file", lang), type=TYPES, key="admin_file", accept_multiple_files=True,
                             help=t("admin.file_help", lang))
    if not files:
        st.session_state.pop(STAGED, None)
        return
    given = None if year is None else int(year)
    wanted = (tuple(sha256(f.getvalue()) for f in files), given)
    if st.session_state.get(STAGED_FOR) != wanted or STAGED not in st.session_state:
        items = expand((f.name, f.getvalue()) for f in files)
        staged = [(item, stage_file(store, item, given, catalogue)) for item in items]
        for _, found in staged:
            if not found.ok:
                log_refusal(store, found, user)  # once per file and year: a rerun shows the kept preview
        st.session_state[STAGED], st.session_state[STAGED_FOR] = staged, wanted
    staged = st.session_state[STAGED]
    groups = by_year(staged)
    if len(staged) > 1:
        st.info(t("imports.batch", lang, files=len(staged), years=len([y for y in groups if y is not None])))
    single = len(staged) == 1
    for year_read, items in groups.items():
        if not single:
            st.subheader(t("imports.year_heading", lang, year=year_read) if year_read else t("imports.no_year", lang))
        if year_read is not None and len(items) > 1:
            st.error(plain(t("imports.same_year", lang, year=year_read, names="、".join(i.shown for i, _ in items))))
        for item, found in items:
            preview(item, found, store, user, catalogue, lang, key="" if single else f"_{year_read}_{item.shown}",
                    publishable=year_read is not None and len(items) == 1)


def _years_held(store: Store, lang: str) -> None:
    """The years held, and those between the first and the latest that still have no data (what to import next)."""
    held = list(year_dirs(store.root))
    if not held:
        return
    missing = missing_years(held)
    text = t("imports.held", lang, years="、".join(map(str, held)))
    text += t("imports.missing_years", lang, years="、".join(map(str, missing))) if missing else t(
        "imports.none_missing", lang)
    (st.warning if missing else st.caption)(text)


def _problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    rows = [[t(f"admin.sev_{p.severity}", lang), "" if p.row is None else str(p.row), p.column or "", p.message]
            for p in problems]
    return pd.DataFrame(rows, columns=[t(f"admin.p_{k}", lang) for k in ("severity", "row", "column", "message")])


def _findings_frame(findings: list[Finding], lang: str) -> pd.DataFrame:
    rows = [[t(f"admin.sev_{f.severity}", lang), f.message, f.sources] for f in findings]
    return pd.DataFrame(rows, columns=[t(f"admin.f_{k}", lang) for k in ("severity", "message", "sources")])


def preview(item: Incoming, staged: Staged, store: Store, user: str, catalogue: Catalogue, lang: str, *, key: str,
            publishable: bool) -> None:
    """One file: what it is and what was read, where each figure came from, its problems and checks, the diff
    against the published year, and (when it can be) its publish button."""
    upload = staged.upload
    kind = t(f"upload.kind.{upload.kind}", lang) if f"upload.kind.{upload.kind}" in strings() else upload.kind
    st.markdown(f"**{plain(t('admin.preview', lang))}**" + (f"：{plain(item.shown)}" if key else ""))
    encoding = ENCODING_NAMES.get(upload.encoding, upload.encoding or "—")
    st.caption(plain(t("admin.summary", lang, name=item.shown, sha=staged.sha256[:12], kind=kind,
                       year=upload.year or "—", encoding=encoding, rows=len(upload.frame))))
    for line in describe(upload, catalogue, lang):
        st.info(plain(line))  # the report as it names itself: title, form, body
    if read_as := detected(upload, catalogue, lang):
        st.info(plain(read_as))
    if upload.errors:
        st.error(t("admin.has_errors", lang, n=len(upload.errors)))
    if upload.problems:
        st.dataframe(_problems_frame(list(upload.problems), lang), width="stretch", hide_index=True)
    if staged.refusal:
        st.error(plain(staged.refusal))
    if not upload.frame.empty:
        with st.expander(t("imports.sources", lang, n=len(upload.frame)), expanded=not staged.ok):
            st.dataframe(sources_frame(upload, catalogue, lang), width="stretch", hide_index=True)
    narrative = narrative_frame(upload, catalogue, lang)
    if not narrative.empty:
        checks = narrative_checks(upload, catalogue, lang)
        if (checks.iloc[:, -1] == t("preview.differs", lang)).any():
            st.warning(t("imports.narrative_differs", lang))  # both kept, as printed
        with st.expander(t("imports.narrative", lang, n=len(narrative))):
            st.dataframe(narrative, width="stretch", hide_index=True)
            if not checks.empty:
                st.dataframe(checks, width="stretch", hide_index=True)
    if not staged.ok:
        st.info(t("admin.not_publishable", lang))
        return
    if (same := unchanged(store, staged)) is not None:
        st.info(t("imports.unchanged", lang, year=upload.year, n=same))
        return
    if st.session_state.get(DONE) == (staged.sha256, upload.year):
        st.info(t("admin.already_published", lang))
        return
    confirmed = _confirm(upload, catalogue, lang, key)
    _diff(staged, catalogue, lang)
    if publishable:
        _publish(staged, confirmed, store, user, lang, key)


def _confirm(upload, catalogue: Catalogue, lang: str, key: str) -> list[dict]:
    """The narrative measures the report states with different figures: the person picks the sentence that gives
    the year's figure, or none (the default: nothing is guessed)."""
    picked = []
    for measure, hits in unconfirmed(upload).items():
        options = [NONE] + [f"{h['raw']}：{h['sentence']}" for h in hits]
        label = t("imports.confirm", lang, measure=catalogue.label(measure, lang))
        choice = st.radio(plain(label), options, index=0, key=f"admin_confirm_{measure}{key}", format_func=plain)
        if choice != NONE:
            picked.append(hits[options.index(choice) - 1])
    return picked


def _diff(staged: Staged, catalogue: Catalogue, lang: str) -> None:
    upload = staged.upload
    st.markdown(f"**{t('admin.diff', lang, year=upload.year, base=version_name(staged.base, lang))}**")
    for severity, text in section_messages(staged, catalogue, lang):  # tables kept, and still missing for the year
        (st.warning if severity == "warning" else st.info)(text)
    if staged.changes:
        names = printed_names(staged.proposal.report if staged.proposal else {}, upload.report)
        st.dataframe(changes_frame(list(staged.changes), catalogue, lang, names), width="stretch", hide_index=True)
    else:
        st.info(t("admin.no_changes", lang))
    if staged.findings:
        st.dataframe(_findings_frame(list(staged.findings), lang), width="stretch", hide_index=True)


def _publish(staged: Staged, confirmed: list[dict], store: Store, user: str, lang: str, key: str) -> None:
    """The reason box (only when the report breaks its own checks, in the preview's words) and the publish button."""
    upload = staged.upload
    reason = st.text_input(t("imports.reason", lang), key=f"admin_reason{key}") if staged.errors else ""
    if not st.button(t("admin.publish", lang, year=upload.year), key=f"admin_publish{key}", type="primary"):
        return
    final = with_confirmed(upload, confirmed, catalogue_source=t("imports.confirmed_by", "zh", user=user))
    try:
        version = store.publish(final, staged.payload, staged.filename, user, expected_version=staged.base,
                                force_reason=reason)
    except StoreError as exc:
        st.session_state.pop(STAGED, None)  # the next run stages the files again against what is current now
        st.session_state[FLASH] = ("error", plain(str(exc)))
    else:
        st.session_state[DONE] = (staged.sha256, upload.year)
        st.session_state[FLASH] = ("success", t("admin.published", lang, year=version.year, n=version.number,
                                                rows=version.uploaded_rows, changed=len(staged.changes)))
    st.rerun()  # every page, the sidebar's years included, reads the new data version at once
