"""UI: the staff page's panels — upload → preview → diff → publish, history with rollback, audit log."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import streamlit as st

from gjj_dash.i18n import strings, t
from gjj_dash.ingest.decode import ENCODING_NAMES, suffix
from gjj_dash.intake.staging import Staged, detected, log_refusal, section_messages, stage
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.problems import Finding, Problem
from gjj_dash.publish import templates
from gjj_dash.publish.files import MIME
from gjj_dash.store.diff import changes_frame, preview_frame
from gjj_dash.store.history import download_name, history_frame, journal_frame, version_name
from gjj_dash.store.versions import BASE, Store, StoreError, sha256
from gjj_dash.ui import loaders, widgets

STAGED, STAGED_FOR, DONE, FLASH = "admin_staged", "admin_staged_for", "admin_done", "admin_flash"
RB_SEEN = "admin_rb_seen"  # (year, current version) shown while the rollback was not yet confirmed
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: str) -> str:
    """Text from a file shown through Markdown without being read as Markdown (or HTML)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def open_store() -> Store:
    """The store of this deployment (read-only in the public one)."""
    return Store(loaders.data_dir(), read_only=loaders.is_public())


def flash() -> None:
    """Show (once) the outcome of the last publish or rollback, kept across the rerun that refreshed every page."""
    kind, text = st.session_state.pop(FLASH, (None, ""))
    if kind == "success":
        st.success(text)
    elif kind == "error":
        st.error(text)


def _problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    rows = [[t(f"admin.sev_{p.severity}", lang), "" if p.row is None else str(p.row), p.column or "", p.message]
            for p in problems]
    return pd.DataFrame(rows, columns=[t(f"admin.p_{k}", lang) for k in ("severity", "row", "column", "message")])


def _findings_frame(findings: list[Finding], lang: str) -> pd.DataFrame:
    rows = [[t(f"admin.sev_{f.severity}", lang), f.message, f.sources] for f in findings]
    return pd.DataFrame(rows, columns=[t(f"admin.f_{k}", lang) for k in ("severity", "message", "sources")])


def upload_panel(store: Store, user: str, catalogue: Catalogue, lang: str) -> None:
    """Choose a year (or take it from the file) and a file; stage it once per (file, year) and show the preview."""
    year = st.number_input(t("admin.year_input", lang), min_value=2000, max_value=2100, value=None, step=1,
                           placeholder=t("admin.year_from_file", lang), key="admin_year")
    file = st.file_uploader(t("admin.file", lang), type=["csv", "txt", "xlsx", "zip"], key="admin_file",
                            help=t("admin.file_help", lang))
    if file is None:
        st.session_state.pop(STAGED, None)
        return
    payload = file.getvalue()
    wanted = (sha256(payload), None if year is None else int(year))
    if st.session_state.get(DONE) == wanted:
        st.info(t("admin.already_published", lang))  # published from this page already
        return
    if st.session_state.get(STAGED_FOR) != wanted or STAGED not in st.session_state:
        staged = stage(store, payload, file.name, wanted[1], catalogue)
        if not staged.ok:
            log_refusal(store, staged, user)  # once per file and year: a rerun shows the kept preview
        st.session_state[STAGED], st.session_state[STAGED_FOR] = staged, wanted
    preview(st.session_state[STAGED], store, user, catalogue, lang)


def preview(staged: Staged, store: Store, user: str, catalogue: Catalogue, lang: str) -> None:
    """The parsed table with its problems, the diff against the current version, and the publish button."""
    upload = staged.upload
    kind = t(f"upload.kind.{upload.kind}", lang) if f"upload.kind.{upload.kind}" in strings() else upload.kind
    st.subheader(t("admin.preview", lang))
    encoding = ENCODING_NAMES.get(upload.encoding, upload.encoding or "—")
    st.caption(plain(t("admin.summary", lang, name=staged.filename, sha=staged.sha256[:12], kind=kind,
                       year=upload.year or "—", encoding=encoding, rows=len(upload.frame))))
    if read_as := detected(upload, catalogue, lang):
        st.info(read_as)  # the format told from the labels, confirmed before anything else
    if upload.errors:
        st.error(t("admin.has_errors", lang, n=len(upload.errors)))
    if upload.problems:
        st.dataframe(_problems_frame(list(upload.problems), lang), width="stretch", hide_index=True)
    if staged.refusal:
        st.error(staged.refusal)
    if not upload.frame.empty:
        with st.expander(t("admin.parsed", lang, n=len(upload.frame)), expanded=not staged.ok):
            st.dataframe(preview_frame(upload.frame, catalogue, lang), width="stretch", hide_index=True)
    if not staged.ok:
        st.info(t("admin.not_publishable", lang))
        return
    st.subheader(t("admin.diff", lang, year=upload.year, base=version_name(staged.base, lang)))
    for severity, text in section_messages(staged, catalogue, lang):  # tables kept, and still missing for the year
        (st.warning if severity == "warning" else st.info)(text)
    if staged.changes:
        st.dataframe(changes_frame(list(staged.changes), catalogue, lang), width="stretch", hide_index=True)
    else:
        st.info(t("admin.no_changes", lang))
    if staged.findings:
        st.dataframe(_findings_frame(list(staged.findings), lang), width="stretch", hide_index=True)
    reason = st.text_input(t("admin.force_reason", lang), key="admin_reason") if staged.errors else ""
    if st.button(t("admin.publish", lang, year=upload.year), key="admin_publish", type="primary"):
        try:
            version = store.publish(upload, staged.payload, staged.filename, user, expected_version=staged.base,
                                    force_reason=reason)
        except StoreError as exc:
            st.session_state.pop(STAGED, None)  # the next run stages the file again against what is current now
            st.session_state[FLASH] = ("error", str(exc))
        else:
            st.session_state[DONE] = st.session_state.get(STAGED_FOR)
            st.session_state[FLASH] = ("success", t("admin.published", lang, year=version.year, n=version.number,
                                                    rows=version.uploaded_rows, changed=len(staged.changes)))
        st.rerun()  # every page, the sidebar's years included, reads the new data version at once


def history_panel(store: Store, user: str, years: list[int], lang: str) -> None:
    """A year's versions with who/when/hash, the original file of any version, and rollback with confirmation."""
    choices = sorted(set(years) | set(store.years()), reverse=True)
    if not choices:
        st.info(t("admin.no_versions_at_all", lang))
        return
    year = st.selectbox(t("admin.hist_year", lang), choices, key="admin_hist_year")
    current, versions = store.current(year), store.versions(year)
    st.markdown(t("admin.current_is", lang, year=year, version=version_name(current, lang)))
    if not versions:
        st.info(t("admin.no_versions", lang, year=year))
        return
    st.dataframe(history_frame(versions, current, store.journal(year), lang), width="stretch", hide_index=True)
    by_number = {v.number: v for v in versions}
    number = st.selectbox(t("admin.dl_pick", lang), list(by_number), format_func=lambda n: version_name(n, lang),
                          key="admin_dl_version")
    chosen = by_number[number]
    widgets.download(t("admin.download_original", lang), lambda: store.original(chosen.sha256),
                     file_name=download_name(chosen), key="admin_download",
                     mime=MIME.get(suffix(chosen.filename).lstrip("."), "application/octet-stream"))
    st.subheader(t("admin.rollback", lang))
    targets = [n for n in [*by_number, BASE] if n != current]
    to = st.selectbox(t("admin.rb_to", lang), targets, format_func=lambda n: version_name(n, lang), key="admin_rb_to")
    reason = st.text_input(t("admin.rb_reason", lang), key="admin_rb_reason")
    sure = st.checkbox(t("admin.rb_confirm", lang, year=year, version=version_name(to, lang)), key="admin_rb_confirm")
    if not sure:  # the version the person saw when they confirmed: a publish after that refuses the rollback
        st.session_state[RB_SEEN] = (year, current)
    if st.button(t("admin.rb_go", lang), key="admin_rb_go", disabled=not sure):
        seen_year, seen = st.session_state.get(RB_SEEN, (year, current))
        try:
            store.rollback(year, to, user, reason, expected_version=seen if seen_year == year else current)
            st.session_state[FLASH] = ("success", t("admin.rolled_back", lang, year=year,
                                                    version=version_name(to, lang)))
        except StoreError as exc:
            st.session_state[FLASH] = ("error", str(exc))
        st.session_state.pop("admin_rb_confirm", None)
        st.rerun()


def journal_panel(store: Store, lang: str) -> None:
    """Every publish, rollback and refused attempt, newest first."""
    entries = store.journal()
    if not entries:
        st.info(t("admin.no_audit", lang))
        return
    st.dataframe(journal_frame(entries, lang), width="stretch", hide_index=True)


def template_panel(lang: str) -> None:
    """The blank templates of every accepted layout, to fill in Excel/WPS and upload."""
    for fmt in templates.FORMATS:
        if f"admin.template_{fmt}" in strings():  # a format added to templates later is still offered, unlabelled
            st.markdown(t(f"admin.template_{fmt}", lang))
        for kind in templates.KINDS:
            name = templates.template_name(fmt, kind)
            widgets.download(t("admin.template", lang, name=name), partial(templates.template_bytes, fmt, kind),
                             file_name=name, mime=MIME[kind], key=f"admin_template_{fmt}_{kind}")
        if fmt in templates.NEW:  # one CSV per section as well, zipped
            name = templates.template_name(f"{fmt}-sections", "zip")
            widgets.download(t("imports.zip", lang, name=name), partial(templates.sections_zip, fmt), file_name=name,
                             mime=MIME["zip"], key=f"admin_template_{fmt}_sections")
