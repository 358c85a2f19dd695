"""UI: the staff login — st.login (OIDC) when secrets hold an [auth] block, else local accounts."""

from __future__ import annotations

import importlib.util

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store import clients, logins
from gjj_dash.ui import address, loaders

SESSION_USER = "admin_user"


def _throttle() -> logins.Throttle:
    """The failure counts per name and per address, in the data folder's SQLite file, shared by every session and
    process of the server: no Streamlit cache, so nothing a browser sends can reset them."""
    return logins.Throttle(logins.logins_path(loaders.data_dir()))


def _attempt(users: dict[str, dict], given: str, password: str, lang: str) -> auth.Login | None:
    """One login attempt through the throttle, counted under this session's client address; None after showing
    why it cannot be made (a broken throttle file or trusted-proxy setting refuses every login)."""
    try:
        return auth.login(users, given, password, _throttle(), address.client_address())
    except logins.ThrottleError as exc:
        st.error(str(exc))
    except clients.ProxySettingError as exc:
        st.error(t("admin.trusted_proxies_bad", lang, entry=exc.entry))
    return None


def oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml configures OpenID Connect for st.login."""
    try:
        return "auth" in st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False


def authlib_installed() -> bool:
    """st.login needs Authlib, which gjj-dash does not install (local accounts need nothing more)."""
    return importlib.util.find_spec("authlib") is not None


def _oidc_user(lang: str) -> str | None:
    if st.user.is_logged_in:
        name = str(st.user.get("email") or st.user.get("name") or st.user.get("sub") or "oidc")
        st.sidebar.caption(t("admin.logged_in_as", lang, name=name))
        if st.sidebar.button(t("admin.logout", lang), key="admin_logout"):
            st.logout()
        return name
    st.info(t("admin.login_required", lang))
    if not authlib_installed():
        st.error(t("admin.oidc_no_authlib", lang))
        return None
    if st.button(t("admin.login_oidc", lang), key="admin_oidc_login"):
        st.login()
    return None


def _local_user(lang: str) -> str | None:
    path = auth.accounts_path(loaders.data_dir())
    try:
        users = auth.load_accounts(path)
    except auth.AuthError as exc:
        st.error(str(exc))
        return None
    if not users:
        st.warning(t("admin.no_accounts", lang))
        st.caption(t("admin.accounts_where", lang, path=path))
        return None
    name = st.session_state.get(SESSION_USER)
    if name in users:
        st.sidebar.caption(t("admin.logged_in_as", lang, name=name))
        if st.sidebar.button(t("admin.logout", lang), key="admin_logout"):
            del st.session_state[SESSION_USER]
            st.rerun()
        return name
    st.info(t("admin.login_required", lang))
    with st.form("admin_login", clear_on_submit=True):
        given = st.text_input(t("admin.login_name", lang), key="admin_login_name")
        password = st.text_input(t("admin.login_password", lang), type="password", key="admin_login_password")
        submitted = st.form_submit_button(t("admin.login", lang), key="admin_login_submit")
    result = _attempt(users, given, password, lang) if submitted else None
    if result is not None and result.ok:
        st.session_state[SESSION_USER] = given.strip()
        st.rerun()
    elif result is not None:
        st.error(auth.refusal(result, lang))
    return None


def staff_user(lang: str) -> str | None:
    """The logged-in staff member's name, or None after showing the login (or how to create an account)."""
    return _oidc_user(lang) if oidc_configured() else _local_user(lang)


def current_user() -> str | None:
    """The staff member logged in in this session, without drawing anything (None: nobody, or the public
    deployment, which has no login). Pages that show staff more than the public ask this."""
    if loaders.is_public():
        return None
    if oidc_configured():
        return str(st.user.get("email") or st.user.get("name") or st.user.get("sub") or "oidc") \
            if st.user.is_logged_in else None
    name = st.session_state.get(SESSION_USER)
    if not name:
        return None
    try:
        return name if name in auth.load_accounts(auth.accounts_path(loaders.data_dir())) else None
    except auth.AuthError:
        return None
