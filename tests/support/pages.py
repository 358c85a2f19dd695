"""Test support: what an AppTest page shows (one string to search), and the staff page opened, logged in, fed a file."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from gjj_dash import web
from gjj_dash.store import sessions
from gjj_dash.ui.text import JOINER

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def elements(at: AppTest) -> list[bytes]:
    """Everything the page sent to the browser, element by element, as the bytes of each element's message — the
    page read exactly. A download button's file id is drawn at random per run and is left out (its label, name and
    key are kept)."""
    found: list[bytes] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            if hasattr(proto, "deferred_file_id"):
                proto = type(proto).FromString(proto.SerializeToString())
                proto.ClearField("deferred_file_id")
            found.append(proto.SerializeToString(deterministic=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def shown(markdown: str) -> str:
    """A Markdown body as the reader sees its characters: escapes (“\\[”) and invisible word joiners undone."""
    return _ESCAPED.sub(r"\1", markdown).replace(JOINER, "")


def texts(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, metrics, alerts, tables) as one string to search, as the reader
    reads it (text shown through Markdown is escaped: gjj_dash.ui.text)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        parts += [shown(str(e.value)) for e in getattr(at, kind)]
    for metric in at.metric:
        parts += [shown(metric.label), shown(str(metric.value)), str(metric.delta or "")]
    for frame in list(at.dataframe) + list(at.table):
        parts.append(frame.value.to_csv(index=False))
    return "\n".join(parts)


ADMIN = "views/admin.py"
NAME, PASSWORD = "张薇", "password-1"  # the local account the staff-page tests create


def open_page(app, script: str, data: Path | None = None, *, public: bool = False, **query: str) -> AppTest:
    """A page (its views/ script) through app.py, on a data directory (default: the bundled data) with the URL's
    query (?year=…, ?lang=…), run without exception: the one way tests open a page."""
    at = app(data, public=public, query=query or None).run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    return at


def open_admin(app, data: Path, **query: str) -> AppTest:
    """数据管理 of a data directory (staff deployment)."""
    return open_page(app, ADMIN, data, **query)


def posted_form(at: AppTest) -> tuple[str, dict[str, str]] | None:
    """The form the page sends the browser to a login route with (its action and hidden fields), if it drew one."""
    for element in at.get("html"):
        if match := re.search(r'<form id="gjj-auth" method="post" action="([^"]+)">(.*?)</form>', element.proto.body):
            return match[1], dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', match[2]))
    return None


def follow(at: AppTest, form: tuple[str, dict[str, str]] | None = None) -> AppTest:
    """Do what the browser does with the page's login form (or one it drew earlier): POST it to the server's real
    route (web.routes()), keep the cookie the answer sets or deletes in the test's jar (`at.cookie_jar`, see
    tests/conftest.py), open the page again; run without exception."""
    form = form or posted_form(at)
    assert form is not None, "the page sent the browser to no login route"
    client = TestClient(Starlette(routes=web.routes()), cookies=dict(at.cookie_jar))
    response = client.post(form[0], data=form[1], headers={"Sec-Fetch-Site": "same-origin"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    at.cookie_jar.pop(sessions.COOKIE, None)
    if cookie := response.cookies.get(sessions.COOKIE):
        at.cookie_jar[sessions.COOKIE] = cookie
    at.run()
    assert not at.exception, at.exception
    return at


def log_in(at: AppTest, name: str = NAME, password: str = PASSWORD) -> AppTest:
    """Log in on the staff page's form (and, once the password is accepted, trade the page's grant for the session
    cookie as the browser does), run without exception. A page already logged in (the test's AppTests share one
    cookie jar, as a browser's tabs share cookies) is left as it is."""
    if "admin_login_name" not in [field.key for field in at.text_input] and at.cookie_jar.get(sessions.COOKIE):
        return at
    at.text_input(key="admin_login_name").input(name)
    at.text_input(key="admin_login_password").input(password)
    at.button(key="admin_login_submit").click().run()
    assert not at.exception, at.exception
    return follow(at) if posted_form(at) else at


def upload(at: AppTest, payload: bytes, name: str = "2017年统计表.csv", year: int | None = None) -> AppTest:
    """A file given to the staff page's uploader (with a year, when given), run without exception."""
    if year is not None:
        at.number_input(key="admin_year").set_value(year)
    at.file_uploader(key="admin_file").upload(name, payload, "text/csv")
    at.run()
    assert not at.exception, at.exception
    return at
