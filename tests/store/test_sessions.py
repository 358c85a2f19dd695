"""Staff login sessions: one-time grants, tokens kept only as hashes, idle and absolute expiry, revocation, the
settings from the environment, and one file shared by every process."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from gjj_dash.store import sessions
from gjj_dash.store.sessions import Policy, Sessions
from tests.support.clock import Clock

IDLE, ABSOLUTE = 30 * 60.0, 10 * 3600.0


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Sessions:
    """The sessions file of a fresh data directory, 30 minutes idle and 10 hours at most, on a hand-moved clock."""
    return Sessions(sessions.sessions_path(tmp_path), Policy(IDLE, ABSOLUTE), clock)


def log_in(store: Sessions, name: str = "张薇") -> str:
    """A session token for a name, as the login route gets it: a grant issued, then redeemed."""
    issued = store.redeem(store.grant(name))
    assert issued is not None and issued[1] == name
    return issued[0]


def test_a_grant_is_redeemed_once_into_a_session_of_its_name(store: Sessions) -> None:
    """The grant gives a token that logs 张薇 in; the same grant a second time gives nothing."""
    grant = store.grant("张薇")
    token, name = store.redeem(grant)
    assert name == "张薇" and store.user(token) == "张薇"
    assert store.redeem(grant) is None
    assert store.redeem("not-a-grant") is None and store.redeem("") is None


def test_a_grant_expires_after_half_a_minute(store: Sessions, clock: Clock) -> None:
    """A grant not redeemed within GRANT_SECONDS (30 s, under the 60 s the design allows) opens no session."""
    assert sessions.GRANT_SECONDS <= 60
    late = store.grant("张薇")
    in_time = store.grant("张薇")
    clock.now += sessions.GRANT_SECONDS - 1
    assert store.redeem(in_time) is not None
    clock.now += 1
    assert store.redeem(late) is None


def test_every_login_gets_a_new_token(store: Sessions) -> None:
    """Two logins of the same person are two sessions with different random tokens (43 URL-safe characters)."""
    first, second = log_in(store), log_in(store)
    assert first != second and len(first) == len(second) == 43
    assert store.user(first) == store.user(second) == "张薇"


def test_a_session_left_idle_for_the_idle_time_is_over(store: Sessions, clock: Clock) -> None:
    """Used every 29 minutes a session lives on; 30 minutes without use end it, and it stays ended."""
    token = log_in(store)
    for _ in range(5):
        clock.now += IDLE - 60
        assert store.user(token) == "张薇"
    clock.now += IDLE
    assert store.user(token) is None
    clock.now -= IDLE  # even a clock set back does not bring it back: the row is gone
    assert store.user(token) is None


def test_no_session_outlives_a_working_day_however_busy(store: Sessions, clock: Clock) -> None:
    """Used every ten minutes, the session still ends 10 hours after the login."""
    token = log_in(store)
    start = clock.now
    while clock.now + 600 < start + ABSOLUTE:
        clock.now += 600
        assert store.user(token) == "张薇"
    clock.now = start + ABSOLUTE
    assert store.user(token) is None


def test_a_revoked_session_is_over_and_others_are_not(store: Sessions) -> None:
    """Logout ends its own session only; revoking an unknown or missing token does nothing."""
    mine, other = log_in(store), log_in(store, "李明")
    store.revoke(mine)
    store.revoke("unknown")
    store.revoke(None)
    assert store.user(mine) is None and store.user(other) == "李明"
    assert store.user(None) is None and store.user("") is None


def test_the_file_holds_only_hashes_and_only_its_owner_reads_it(store: Sessions) -> None:
    """Neither a token nor a grant is in the file's bytes, their SHA-256 is; mode 600."""
    pending = store.grant("张薇")
    token = log_in(store)
    raw = store.path.read_bytes()
    assert token.encode() not in raw and pending.encode() not in raw
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT hash FROM sessions").fetchall() == [(hashlib.sha256(token.encode()).hexdigest(),)]
        assert (hashlib.sha256(pending.encode()).hexdigest(),) in db.execute("SELECT hash FROM grants").fetchall()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.path.name == ".sessions.sqlite3"


def test_two_processes_share_the_sessions(tmp_path: Path, clock: Clock) -> None:
    """A grant issued by one store object is redeemed by another on the same file, and logout there ends it here."""
    page, route = (Sessions(sessions.sessions_path(tmp_path), Policy(IDLE, ABSOLUTE), clock) for _ in range(2))
    token, _ = route.redeem(page.grant("张薇"))
    assert page.user(token) == "张薇"
    route.revoke(token)
    assert page.user(token) is None


@pytest.mark.parametrize(
    ("idle", "hours", "expected"),
    [(None, None, (1800.0, 36000.0)), ("15", "8", (900.0, 28800.0)), ("abc", "-1", (1800.0, 36000.0)),
     ("0", "", (1800.0, 36000.0))],
)
def test_the_idle_time_and_the_longest_session_come_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, idle: str | None, hours: str | None, expected: tuple[float, float]) -> None:
    """GJJ_DASH_SESSION_IDLE_MINUTES and …_MAX_HOURS set the policy; missing or bad values: 30 min and 10 h."""
    for name, value in ((sessions.ENV_IDLE_MINUTES, idle), (sessions.ENV_MAX_HOURS, hours)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    policy = Policy.from_env()
    assert (policy.idle, policy.absolute) == expected


def test_only_a_grant_creates_the_file(tmp_path: Path) -> None:
    """A cookie, a stray grant or a logout sent to a server where nobody ever logged in write nothing."""
    store = Sessions(sessions.sessions_path(tmp_path))
    assert store.user("cookie") is None and store.redeem("grant") is None
    store.revoke("cookie")
    assert list(tmp_path.iterdir()) == []
    store.grant("张薇")
    assert [p.name for p in tmp_path.iterdir()] == [".sessions.sqlite3"]
