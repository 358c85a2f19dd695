"""UI: 对比机关 on 数据管理 (staff only) — drop other bodies' published reports, see each one's body, year, kind and
figures (with the report's own identity failures), confirm and add; the bodies listed with their years, removed
with a confirmation (journaled, files kept); whether the public sees the comparison and the centre's name in it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from gjj_dash.figures.comparison import centre_name, of_other_kind
from gjj_dash.i18n import t
from gjj_dash.ingest.decode import suffix
from gjj_dash.intake.batch import expand
from gjj_dash.intake.peers import (
    MISSING_BODY,
    MISSING_YEAR,
    Candidate,
    add_peer,
    listed_as,
    log_refusal,
    read_peer,
    unchanged,
)
from gjj_dash.intake.preview import describe, sources_frame
from gjj_dash.model.bodies import UNKNOWN, kind_of, load_body_kinds
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.publish.files import MIME
from gjj_dash.store.peers import PeerStore
from gjj_dash.store.versions import StoreError, sha256
from gjj_dash.ui import loaders, widgets
from gjj_dash.ui.imports import FLASH, TYPES
from gjj_dash.ui.text import plain

STAGED, STAGED_FOR, AUTO = "peers_staged", "peers_staged_for", ""
HINTS = {MISSING_BODY: "peers.page_body_hint", MISSING_YEAR: "peers.page_year_hint"}


def open_peers() -> PeerStore:
    """The comparison bodies of this deployment's data directory."""
    return PeerStore(loaders.data_dir(), read_only=loaders.is_public())


def peers_panel(user: str, catalogue: Catalogue, lang: str) -> None:
    """Add reports, the bodies listed, the settings."""
    store = open_peers()
    st.markdown(t("peers.page_intro", lang))
    _add(store, user, catalogue, lang)
    st.divider()
    _listed(store, user, lang)
    st.divider()
    _settings(store, user, lang)


def _staged(store: PeerStore, user: str, catalogue: Catalogue, files, body: str, year: int | None,
            kind: str) -> list[Candidate]:
    """Read the dropped files once per (files, body, year, kind); refusals journaled once."""
    wanted = (tuple(sha256(f.getvalue()) for f in files), body, year, kind)
    if st.session_state.get(STAGED_FOR) != wanted or STAGED not in st.session_state:
        centre = store.settings().centre_name
        found = [read_peer(item, body, year, kind, centre, catalogue)
                 for item in expand((f.name, f.getvalue()) for f in files)]
        for candidate in found:
            if not candidate.ok:
                log_refusal(store, candidate, user)
        st.session_state[STAGED], st.session_state[STAGED_FOR] = found, wanted
    return st.session_state[STAGED]


def _add(store: PeerStore, user: str, catalogue: Catalogue, lang: str) -> None:
    st.subheader(t("peers.page_add", lang), anchor=False)
    kinds = load_body_kinds()
    left, middle, right = st.columns(3)
    with left:
        body = st.text_input(t("peers.page_body", lang), key="peers_body", placeholder=t("peers.page_from_file", lang))
    with middle:
        year = st.number_input(t("peers.page_year", lang), min_value=2000, max_value=2100, value=None, step=1,
                               placeholder=t("admin.year_from_file", lang), key="peers_year")
    with right:
        kind = st.selectbox(t("peers.page_kind", lang), [AUTO, *kinds], key="peers_kind",
                            format_func=lambda k: t("peers.page_kind_auto", lang) if k == AUTO else kinds[k].name(lang))
    files = st.file_uploader(t("peers.page_files", lang), type=TYPES, key="peers_file", accept_multiple_files=True)
    if not files:
        st.session_state.pop(STAGED, None)
        return
    staged = _staged(store, user, catalogue, files, body or "", None if year is None else int(year), kind)
    for n, candidate in enumerate(staged):
        with st.container(border=True, key=f"peers_candidate_{n}"):
            _preview(store, candidate, user, catalogue, lang, n)


def _preview(store: PeerStore, candidate: Candidate, user: str, catalogue: Catalogue, lang: str, n: int) -> None:
    """One dropped file: body, year, kind and figures; why it cannot be added, or the confirmation and button."""
    upload = candidate.upload
    st.markdown(f"**{plain(candidate.item.shown)}**")
    for line in describe(upload, catalogue, lang):
        st.caption(plain(line))
    if candidate.body:
        stated = "peers.page_stated" if candidate.stated and candidate.body == candidate.stated else "peers.page_given"
        centre = kind_of(centre_name(catalogue, store.settings()))
        key = "peers.kind_other" if of_other_kind(centre, candidate.kind) else "peers.kind_same"
        kind = t(key, lang, kind=candidate.kind.name(lang)) if candidate.kind.id != UNKNOWN else \
            candidate.kind.name(lang)
        st.markdown(plain(t("peers.page_summary", lang, body=candidate.body, how=t(stated, lang),
                            year=upload.year or "—", kind=kind, by=t(f"peers.kind_by_{candidate.kind_by}", lang),
                            rows=len(upload.frame))))
    for reason in candidate.refusals:
        st.error(plain(reason))
    for missing in candidate.missing:
        st.info(t(HINTS[missing], lang))
    for finding in candidate.errors:
        st.warning(plain(t("peers.page_finding", lang, message=finding.message)))
    if not upload.frame.empty:
        with st.expander(t("peers.page_figures", lang, n=len(upload.frame)), expanded=False):
            widgets.table(sources_frame(upload, catalogue, lang), key=f"peers_figures_{n}")
    if not candidate.ok:
        return
    listed = listed_as(store, candidate)
    if unchanged(listed, candidate):
        st.info(t("peers.page_listed_already", lang, n=listed.number))
        return
    if listed is not None:
        st.info(t("peers.page_replaces", lang, n=listed.number, file=plain(listed.filename)))
    sure = st.checkbox(plain(t("peers.page_confirm", lang, body=candidate.body, year=upload.year)),
                       key=f"peers_confirm_{n}")
    if st.button(t("peers.page_go", lang), key=f"peers_go_{n}", type="primary", disabled=not sure):
        try:
            version, added = add_peer(store, candidate, user)
        except StoreError as exc:
            st.session_state[FLASH] = ("error", plain(str(exc)))
        else:  # the flash is drawn as Markdown: the body's name goes in escaped
            key = "peers.page_added" if added else "peers.page_unchanged"
            st.session_state[FLASH] = ("success", t(key, lang, body=plain(version.body), year=version.year,
                                                    n=version.number))
        st.session_state.pop(STAGED, None)
        st.rerun()


def _listed(store: PeerStore, user: str, lang: str) -> None:
    """The bodies and years listed; the chosen one's original file, and removing it after a confirmation."""
    st.subheader(t("peers.page_listed", lang), anchor=False)
    listed = store.listed()
    if not listed:
        st.caption(t("peers.cli_none", lang))
        return
    kinds = load_body_kinds()
    rows = [[v.body, kinds[v.kind].label if v.kind in kinds else v.kind, str(v.year),
             t("admin.version_n", lang, n=v.number), v.filename, v.time, v.user] for v in listed]
    heads = [t(f"peers.cli_h_{k}", lang) for k in ("body", "kind", "year", "version", "file", "time", "user")]
    widgets.table(pd.DataFrame(rows, columns=heads, dtype="string"), key="peers_listed")
    choices = list(range(len(listed)))
    picked = st.selectbox(t("peers.page_remove_pick", lang), choices, key="peers_remove_pick",
                          format_func=lambda i: f"{listed[i].body} · {listed[i].year}")
    chosen = listed[picked]
    widgets.download(t("admin.download_original", lang), lambda: store.original(chosen.sha256),
                     file_name=f"{chosen.year}-v{chosen.number}-{chosen.sha256[:8]}-{chosen.filename}",
                     mime=MIME.get(suffix(chosen.filename).lstrip("."), "application/octet-stream"),
                     key="peers_download")
    reason = st.text_input(t("admin.rb_reason", lang), key="peers_remove_reason")
    sure = st.checkbox(plain(t("peers.page_remove_confirm", lang, body=chosen.body, year=chosen.year)),
                       key="peers_remove_confirm")
    if st.button(t("peers.page_remove_go", lang), key="peers_remove_go", disabled=not sure):
        try:
            store.remove(chosen.body, chosen.year, user, reason)
            st.session_state[FLASH] = ("success", t("peers.page_removed", lang, body=plain(chosen.body),
                                                    year=chosen.year))
        except StoreError as exc:
            st.session_state[FLASH] = ("error", plain(str(exc)))
        st.session_state.pop("peers_remove_confirm", None)
        st.rerun()


def _settings(store: PeerStore, user: str, lang: str) -> None:
    """Whether the public deployment shows the comparison (default off), and the name the centre's rows carry."""
    st.subheader(t("peers.page_settings", lang), anchor=False)
    settings = store.settings()
    public = st.toggle(t("peers.page_public", lang), value=settings.public, key="peers_public")
    st.caption(t("peers.page_public_help", lang))
    name = st.text_input(t("peers.page_centre_name", lang), value=settings.centre_name, key="peers_centre_name",
                         placeholder=t("peers.cli_centre_default", lang))
    save_name = st.button(t("peers.page_save_name", lang), key="peers_save_name")
    change = {"public": public} if public != settings.public else {}
    if save_name and name.strip() != settings.centre_name:
        change["centre_name"] = name.strip()
    if change:
        try:
            store.set_settings(user, **change)
            st.session_state[FLASH] = ("success", t("peers.page_saved", lang))
        except StoreError as exc:
            st.session_state[FLASH] = ("error", plain(str(exc)))
        st.rerun()
