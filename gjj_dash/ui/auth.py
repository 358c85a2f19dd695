"""UI: the staff login — st.login (OIDC) when secrets hold an [auth] block, else local accounts, whose login is the
browser's session cookie (gjj_dash.web.login), read on every rerun, never the Streamlit session.
"""

from __future__ import annotations

import html
import importlib.util
from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store import clients, logins, sessions
from gjj_dash.ui import address, loaders


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


def browser_cookies() -> Mapping[str, str]:
    """The cookies this browser sent when it opened this session's connection (st.context.cookies, read anew on
    every rerun). The one test seam of the login: AppTest has no browser and cannot send cookies, so the AppTest
    fixture (tests/conftest.py `app`) replaces this function with a cookie jar that tests/support/pages.log_in
    fills from the real login route. Nothing a client sends can reach that replacement."""
    return st.context.cookies


def _sessions() -> sessions.Sessions:
    return sessions.Sessions(sessions.sessions_path(loaders.data_dir()))


def _session() -> tuple[str | None, str | None]:
    """The browser's session token (None without the cookie) and the staff member it logs in (None if over)."""
    token = browser_cookies().get(sessions.COOKIE) or None
    return token, _sessions().user(token) if token else None


def _post_to(route: str, fields: dict[str, str], note: str, button: str) -> None:
    """Send the browser to a login route: a POST form submitted at once (its button, if scripts are off)."""
    inputs = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items())
    st.info(note)
    st.html(f'<form id="gjj-auth" method="post" action="{route}">{inputs}<button type="submit">{html.escape(button)}'
            '</button></form><script>document.getElementById("gjj-auth").submit()</script>',
            unsafe_allow_javascript=True)


def _signed_in(lang: str, token: str | None, name: str) -> str | None:
    """The logged-in name in the sidebar with 退出登录, which ends the session here and sends the browser to the
    logout route (it deletes the cookie)."""
    st.sidebar.caption(t("admin.logged_in_as", lang, name=name))
    if not st.sidebar.button(t("admin.logout", lang), key="admin_logout"):
        return name
    _sessions().revoke(token)  # over at once, even if the browser never reaches the logout route
    _post_to(sessions.LOGOUT_ROUTE, {}, t("admin.logging_out", lang), t("admin.continue_logout", lang))
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
    token, name = _session()
    if name in users:
        return _signed_in(lang, token, name)
    st.info(t("admin.session_expired" if token else "admin.login_required", lang))
    with st.form("admin_login", clear_on_submit=True):
        given = st.text_input(t("admin.login_name", lang), key="admin_login_name")
        password = st.text_input(t("admin.login_password", lang), type="password", key="admin_login_password")
        submitted = st.form_submit_button(t("admin.login", lang), key="admin_login_submit")
    result = _attempt(users, given, password, lang) if submitted else None
    if result is not None and result.ok:
        # The password alone logs nobody in: the browser trades this one-time grant for its session cookie.
        grant = _sessions().grant(given.strip())
        _post_to(sessions.SESSION_ROUTE, {"grant": grant}, t("admin.logging_in", lang), t("admin.continue_login", lang))
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
    _, name = _session()
    if not name:
        return None
    try:
        return name if name in auth.load_accounts(auth.accounts_path(loaders.data_dir())) else None
    except auth.AuthError:
        return None
