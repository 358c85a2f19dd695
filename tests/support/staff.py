"""Test support: 数据管理 in AppTest — a data directory with one staff account, the page opened and logged in."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from gjj_dash.store import accounts as auth

PAGE = "views/admin.py"
NAME, PASSWORD = "张薇", "password-1"


def add_account(data: Path) -> Path:
    """The data directory with the test account in its accounts file."""
    auth.add_user(data / "accounts.json", NAME, PASSWORD)
    return data


def logged_in(app, data: Path) -> AppTest:
    """数据管理 opened on a data directory and logged in as the test account."""
    at = app(data).run()
    at.switch_page(PAGE).run()
    at.text_input(key="admin_login_name").input(NAME)
    at.text_input(key="admin_login_password").input(PASSWORD)
    at.button(key="admin_login_submit").click().run()
    assert not at.exception, at.exception
    return at
