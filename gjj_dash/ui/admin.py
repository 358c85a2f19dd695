"""UI: the staff page's panels — 导入年度报告 (gjj_dash.ui.imports), history with rollback, audit log, templates."""

from __future__ import annotations

from functools import partial

import streamlit as st

from gjj_dash.i18n import strings, t
from gjj_dash.ingest.decode import suffix
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.publish import templates
from gjj_dash.publish.files import MIME
from gjj_dash.store.history import download_name, history_frame, journal_frame, version_name
from gjj_dash.store.versions import BASE, Store, StoreError
from gjj_dash.ui import loaders, widgets
from gjj_dash.ui.imports import FLASH, import_panel
from gjj_dash.ui.text import plain

RB_SEEN = "admin_rb_seen"  # (year, current version) shown while the rollback was not yet confirmed


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


def upload_panel(store: Store, user: str, catalogue: Catalogue, lang: str) -> None:
    """导入年度报告: one or several files (reports in any form, tables, a zip), previewed and published per year."""
    import_panel(store, user, catalogue, lang)


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
            st.session_state[FLASH] = ("error", plain(str(exc)))
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
