"""数据管理 (staff deployment only): log in; upload → preview → diff → publish; history, rollback, audit log;
起草年度报告 (the year's annual report drafted from its figures)."""

import streamlit as st

from gjj_dash.i18n import t
from gjj_dash.ui import admin, auth, drafting, shell

ctx = shell.context()
st.title(t("page.admin", ctx.lang))
store = admin.open_store()
if store.public or store.bundled:
    # Nothing here can write: the public deployment never shows this page, and the bundled data/ is never written.
    st.warning(t("admin.read_only_public" if store.public else "admin.read_only_bundled", ctx.lang))
    st.stop()

user = auth.staff_user(ctx.lang)
if user is None:
    st.stop()

admin.flash()
upload_tab, history_tab, audit_tab, template_tab, drafting_tab = st.tabs(
    [*(t(f"admin.tab_{k}", ctx.lang) for k in ("upload", "history", "audit", "templates")), t("drafting.tab", ctx.lang)]
)
with upload_tab:
    admin.upload_panel(store, user, ctx.dataset.catalogue, ctx.lang)
with history_tab:
    admin.history_panel(store, user, ctx.dataset.years, ctx.lang)
with audit_tab:
    admin.journal_panel(store, ctx.lang)
with template_tab:
    admin.template_panel(ctx.lang)
with drafting_tab:
    drafting.draft_panel(ctx.dataset, ctx.lang)
