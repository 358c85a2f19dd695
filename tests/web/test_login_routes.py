"""web/login: POST /auth/session trades a one-time grant for an HttpOnly, SameSite=Strict session cookie (rotated,
Secure over https), POST /auth/logout ends the session and deletes the cookie, other sites' posts are refused, and
the public deployment answers 404 and writes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from gjj_dash import web
from gjj_dash.paths import ENV_DATA_DIR, ENV_MODE
from gjj_dash.store import sessions
from gjj_dash.store.sessions import COOKIE, LOGOUT_ROUTE, SESSION_ROUTE, Sessions

SAME = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory the staff server runs on."""
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(ENV_MODE, "staff")
    return tmp_path


@pytest.fixture
def store(folder: Path) -> Sessions:
    """The sessions of that directory, as the staff page sees them."""
    return Sessions(sessions.sessions_path(folder))


@pytest.fixture
def client(folder: Path) -> TestClient:
    """The server's own routes (web.routes())."""
    return TestClient(Starlette(routes=web.routes()), follow_redirects=False)


def set_cookie(response) -> str:
    """The one Set-Cookie header of a response."""
    (header,) = response.headers.get_list("set-cookie")
    return header


def test_a_grant_becomes_an_httponly_samesite_strict_cookie(client: TestClient, store: Sessions) -> None:
    """303 to /admin, the cookie HttpOnly, SameSite=Strict, Path=/, 10 h, not Secure over http; its token logs in."""
    response = client.post(SESSION_ROUTE, data={"grant": store.grant("张薇")}, headers=SAME)
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    assert response.headers["cache-control"] == "no-store"
    header = set_cookie(response)
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in header.split(";")[1:]}
    assert flags["httponly"] == "HttpOnly" and flags["samesite"].lower() == "samesite=strict"
    assert flags["path"] == "Path=/" and flags["max-age"] == "Max-Age=36000" and "secure" not in flags
    assert store.user(response.cookies[COOKIE]) == "张薇"


def test_the_cookie_is_secure_when_the_browser_came_over_https(client: TestClient, store: Sessions) -> None:
    """Behind the nginx site (X-Forwarded-Proto: https) the cookie carries Secure."""
    response = client.post(SESSION_ROUTE, data={"grant": store.grant("张薇")},
                           headers={**SAME, "X-Forwarded-Proto": "https"})
    assert response.status_code == 303
    assert "secure" in [part.strip().lower() for part in set_cookie(response).split(";")]


def test_a_grant_works_once(client: TestClient, store: Sessions) -> None:
    """The same grant posted twice: the second answer is 403 with a Chinese page and sets no cookie."""
    grant = store.grant("张薇")
    assert client.post(SESSION_ROUTE, data={"grant": grant}, headers=SAME).status_code == 303
    again = client.post(SESSION_ROUTE, data={"grant": grant}, headers=SAME)
    assert again.status_code == 403 and "set-cookie" not in again.headers
    assert "登录凭据无效或已过期" in again.text and 'href="/admin"' in again.text


@pytest.mark.parametrize("fields", [{}, {"grant": ""}, {"grant": "guessed"}, {"grant": ["a", "b"]}])
def test_no_grant_no_cookie(client: TestClient, fields: dict) -> None:
    """A missing, empty, unknown or doubled grant is refused (403) without a cookie."""
    response = client.post(SESSION_ROUTE, data=fields, headers=SAME)
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_a_grant_older_than_half_a_minute_is_refused(client: TestClient, store: Sessions) -> None:
    """A grant issued 31 s ago opens no session."""
    stale = Sessions(store.path, clock=lambda: time.time() - sessions.GRANT_SECONDS - 1).grant("张薇")
    response = client.post(SESSION_ROUTE, data={"grant": stale}, headers=SAME)
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_a_new_login_rotates_the_token_and_ends_the_old_session(client: TestClient, store: Sessions) -> None:
    """Logging in again from a browser that holds a cookie gives a new token; the old one logs nobody in."""
    old = client.post(SESSION_ROUTE, data={"grant": store.grant("张薇")}, headers=SAME).cookies[COOKIE]
    client.cookies.set(COOKIE, old)
    new = client.post(SESSION_ROUTE, data={"grant": store.grant("张薇")}, headers=SAME).cookies[COOKIE]
    assert new != old and store.user(new) == "张薇" and store.user(old) is None


def test_logout_ends_the_session_and_deletes_the_cookie(client: TestClient, store: Sessions) -> None:
    """POST /auth/logout: 303 to /admin, the cookie expired (Max-Age=0, HttpOnly, SameSite=Strict), the token dead."""
    token = client.post(SESSION_ROUTE, data={"grant": store.grant("张薇")}, headers=SAME).cookies[COOKIE]
    client.cookies.set(COOKIE, token)
    response = client.post(LOGOUT_ROUTE, headers=SAME)
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    header = set_cookie(response).lower()
    assert header.startswith(f'{COOKIE}="";') and "max-age=0" in header and "httponly" in header
    assert "samesite=strict" in header
    assert store.user(token) is None


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "https://evil.example"}])
def test_another_sites_post_is_refused_and_leaves_the_grant_unused(client: TestClient, store: Sessions,
                                                                   headers: dict[str, str]) -> None:
    """A form posted from another site (login CSRF) gets 403 and no cookie; the grant still works from our page."""
    grant = store.grant("张薇")
    refused = client.post(SESSION_ROUTE, data={"grant": grant}, headers=headers)
    assert refused.status_code == 403 and "set-cookie" not in refused.headers and "已拒绝" in refused.text
    assert client.post(LOGOUT_ROUTE, headers=headers).status_code == 403
    assert client.post(SESSION_ROUTE, data={"grant": grant}, headers=SAME).status_code == 303


def test_only_post_is_answered(client: TestClient, store: Sessions) -> None:
    """GET of either route (a link, an image, a prefetch) is 405 and redeems nothing."""
    grant = store.grant("张薇")
    assert client.get(f"{SESSION_ROUTE}?grant={grant}").status_code == 405
    assert client.get(LOGOUT_ROUTE).status_code == 405
    assert client.post(SESSION_ROUTE, data={"grant": grant}, headers=SAME).status_code == 303


def test_the_public_deployment_has_no_login(client: TestClient, store: Sessions, folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """GJJ_DASH_MODE=public: both routes answer 404 without a cookie, and no sessions file is written."""
    grant = store.grant("张薇")
    store.path.unlink()
    monkeypatch.setenv(ENV_MODE, "public")
    for route, data in ((SESSION_ROUTE, {"grant": grant}), (LOGOUT_ROUTE, {})):
        response = client.post(route, data=data, headers=SAME)
        assert response.status_code == 404 and "set-cookie" not in response.headers
    assert not sessions.sessions_path(folder).exists()
