"""Browser attacks on the staff login against a real `gjj-dash serve`: a Streamlit session id taken from a logged-in
browser (it shows in upload URLs, so in proxy logs) resumed by another browser without the login cookie gets the
login form; the cookie is HttpOnly and SameSite=Strict (and Secure through the https site); after logout the old
cookie logs nobody in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store.sessions import COOKIE
from tests.browser.tab import Tab

NAME, PASSWORD = "会话测试员", "cookie-test-7"

# Another browser resuming a known session id: Streamlit's front end sends [streamlit, xsrf, session id] as the
# WebSocket's subprotocols to reconnect; this makes it send the stolen id from its first connection on.
RESUME_JS = """(() => {
  const stolen = %s;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      if (Array.isArray(protocols) && protocols[0] === "streamlit") protocols = [protocols[0], protocols[1], stolen];
      super(url, protocols);
    }
  };
})();"""


@pytest.fixture(scope="module")
def account(staff_server) -> str:
    """A local staff account in the staff server's own data directory."""
    auth.add_user(auth.accounts_path(staff_server.data_dir), NAME, PASSWORD, replace=True)
    return NAME


@contextmanager
def browser_tab(browser, base: str, *, cookies: list[dict] | None = None,
                init: str | None = None) -> Iterator[tuple[Tab, list[str]]]:
    """A new browser (own cookies) with one tab, and the Streamlit session ids its WebSocket was given, in order."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    if cookies:
        context.add_cookies(cookies)
    if init:
        context.add_init_script(init)
    sessions: list[str] = []

    def frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "new_session":
                sessions.append(message.new_session.initialize.session_id)

    page = context.new_page()
    page.on("websocket", lambda socket: socket.on("framereceived", frame))
    try:
        yield Tab(page, base), sessions
    finally:
        context.close()


def log_in(tab: Tab) -> None:
    """Log in on 数据管理's form; the page trades the grant for the cookie and comes back logged in."""
    tab.open("/admin", expect=t("admin.login_required"))
    tab.page.get_by_label(t("admin.login_name")).fill(NAME)
    tab.page.get_by_label(t("admin.login_password")).fill(PASSWORD)
    tab.page.get_by_role("button", name=t("admin.login"), exact=True).click()
    tab.settle(expect=t("admin.logged_in_as", name=NAME))


def shows_login_only(tab: Tab) -> bool:
    """The login form is shown, and nothing of the staff page."""
    text = tab.text()
    return (tab.page.get_by_label(t("admin.login_password")).count() == 1 and "已登录" not in text
            and tab.page.get_by_role("tab", name=t("admin.tab_upload")).count() == 0)


def test_a_stolen_session_id_without_the_cookie_gets_the_login_form(browser, staff_server, account) -> None:
    """Browser A logs in; browser B, without A's cookie, resumes A's Streamlit session (the server hands it the
    same session id) and sees the login form, not 数据管理."""
    with browser_tab(browser, staff_server.url) as (victim, victim_sessions):
        log_in(victim)
        assert victim.page.get_by_role("tab", name=t("admin.tab_upload")).count() == 1
        stolen = victim_sessions[-1]
        with browser_tab(browser, staff_server.url, init=RESUME_JS % json.dumps(stolen)) as (thief, thief_sessions):
            thief.open("/admin")
            thief.settle(expect=t("admin.login_required"))
            assert thief_sessions and set(thief_sessions) == {stolen}, "the server did not resume the stolen session"
            assert shows_login_only(thief)
            assert COOKIE not in {c["name"] for c in thief.page.context.cookies()}


def test_the_cookie_is_httponly_strict_and_dead_after_logout(browser, staff_server, account) -> None:
    """The login cookie is HttpOnly (not in document.cookie), SameSite=Strict, Path=/; 退出登录 deletes it, and
    the same cookie put into another browser afterwards gets the login form (the session is over)."""
    with browser_tab(browser, staff_server.url) as (tab, _):
        log_in(tab)
        (cookie,) = [c for c in tab.page.context.cookies() if c["name"] == COOKIE]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert COOKIE not in tab.page.evaluate("document.cookie")
        with browser_tab(browser, staff_server.url, cookies=[cookie]) as (second, _):
            second.open("/admin", expect=t("admin.logged_in_as", name=NAME))  # the cookie is the login, until …
        tab.page.get_by_role("button", name=t("admin.logout")).click()
        tab.settle(expect=t("admin.login_required"))
        assert shows_login_only(tab)
        assert COOKIE not in {c["name"] for c in tab.page.context.cookies()}
        tab.assert_clean()
    with browser_tab(browser, staff_server.url, cookies=[cookie]) as (replay, _):
        replay.open("/admin", expect=t("admin.session_expired"))
        assert shows_login_only(replay)


def test_through_the_intranet_site_the_cookie_is_secure(staff_via_proxy, account) -> None:
    """Logged in over https through deploy/nginx/gjj-dash-staff.conf (with its headers, Referrer-Policy no-referrer
    among them): the login works and its cookie carries Secure as well."""
    log_in(staff_via_proxy)
    (cookie,) = [c for c in staff_via_proxy.page.context.cookies() if c["name"] == COOKIE]
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    staff_via_proxy.assert_clean()
