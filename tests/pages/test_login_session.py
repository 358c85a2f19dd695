"""AppTest of the staff login's cookie: the password alone logs nobody in, a Streamlit session resumed without the
cookie shows the login form, an idle session asks to log in again, and logout ends the session for good."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.store import accounts as auth
from gjj_dash.store import sessions
from tests.support.pages import NAME, PASSWORD, follow, log_in, open_admin, posted_form, texts


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with one local account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def login_form(at: AppTest) -> bool:
    """The login form's name field is on the page."""
    return "admin_login_name" in [field.key for field in at.text_input]


def logged_in(at: AppTest) -> bool:
    """The staff page's panels are shown (upload widget, 已登录) and its login form is not."""
    return bool(at.file_uploader) and f"已登录：{NAME}" in texts(at) and not login_form(at)


def shows_login(at: AppTest) -> bool:
    """The login form and nothing of the staff page."""
    return not at.file_uploader and "已登录" not in texts(at) and login_form(at)


def test_the_password_alone_logs_nobody_in(app, staff) -> None:
    """A right password gives a one-time grant posted to /auth/session; until the browser brings the cookie back,
    a rerun of the same session shows the login form."""
    at = open_admin(app, staff)
    at.text_input(key="admin_login_name").input(NAME)
    at.text_input(key="admin_login_password").input(PASSWORD)
    at.button(key="admin_login_submit").click().run()
    action, fields = posted_form(at)
    assert action == sessions.SESSION_ROUTE and list(fields) == ["grant"] and len(fields["grant"]) == 43
    assert "密码正确，正在进入数据管理" in texts(at) and not at.file_uploader
    at.run()
    assert shows_login(at)
    assert logged_in(follow(at, (action, fields)))


def test_a_session_resumed_without_the_cookie_shows_the_login_form(app, staff) -> None:
    """The same Streamlit session (its state intact, as a client resuming the session id gets it) without the
    browser's cookie: the login form, nothing of the staff page; with the cookie back, the staff page again."""
    at = log_in(open_admin(app, staff))
    assert logged_in(at)
    token = at.cookie_jar.pop(sessions.COOKIE)
    at.run()
    assert shows_login(at) and "请先登录" in texts(at)
    at.cookie_jar[sessions.COOKIE] = token
    assert logged_in(at.run())


def test_an_idle_session_asks_to_log_in_again(app, staff) -> None:
    """31 minutes without use (the default idle time): the page says the login has expired and shows the form."""
    at = log_in(open_admin(app, staff))
    with sqlite3.connect(sessions.sessions_path(staff)) as db:
        db.execute("UPDATE sessions SET seen = seen - 31 * 60, created = created - 31 * 60")
    at.run()
    assert shows_login(at) and "登录已过期" in texts(at)


def test_logout_ends_the_session_for_good(app, staff) -> None:
    """退出登录 ends the session at once and sends the browser to /auth/logout, which deletes the cookie; the old
    token brought back later logs nobody in."""
    at = log_in(open_admin(app, staff))
    token = at.cookie_jar[sessions.COOKIE]
    at.sidebar.button(key="admin_logout").click().run()
    assert posted_form(at) == (sessions.LOGOUT_ROUTE, {})
    assert sessions.Sessions(sessions.sessions_path(staff)).user(token) is None
    assert shows_login(follow(at)) and sessions.COOKIE not in at.cookie_jar
    at.cookie_jar[sessions.COOKIE] = token
    assert shows_login(at.run()) and "登录已过期" in texts(at)
