"""Store: staff login sessions — a random token the browser holds in a cookie, only its SHA-256 kept here (SQLite in
the data directory, shared by every process), expired after an idle time and after a working day, revoked at logout;
and the one-time grants that turn a checked password into such a session.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SESSIONS_FILE = ".sessions.sqlite3"
# Names the staff page (gjj_dash.ui.auth) and the login routes (gjj_dash.web.login) share.
COOKIE = "gjj_dash_staff"  # the browser's session token (HttpOnly, SameSite=Strict, set by the session route)
SESSION_ROUTE = "/auth/session"  # POST grant=…: the grant traded for the cookie
LOGOUT_ROUTE = "/auth/logout"  # POST: the session ended, the cookie deleted
ENV_IDLE_MINUTES = "GJJ_DASH_SESSION_IDLE_MINUTES"
ENV_MAX_HOURS = "GJJ_DASH_SESSION_MAX_HOURS"
IDLE_MINUTES = 30.0  # a session nobody used for this long is over
MAX_HOURS = 10.0  # and none outlives a working day, however busy
GRANT_SECONDS = 30.0  # a grant is redeemed by the browser at once: half a minute is plenty
TOUCH_SECONDS = 15.0  # last use is written at most this often (a rerun should not always write)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions (hash TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL, "
    "seen REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS grants (hash TEXT PRIMARY KEY, name TEXT NOT NULL, expires REAL NOT NULL)",
)


def sessions_path(data_dir: Path) -> Path:
    """The sessions file of a data directory (hidden, readable by the staff process's user only)."""
    return Path(data_dir) / SESSIONS_FILE


def digest(token: str) -> str:
    """What is stored of a token or grant: its SHA-256 (a leaked file gives nobody a cookie)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Policy:
    """How long a session lives: idle seconds since its last use, and seconds since login at most."""

    idle: float = IDLE_MINUTES * 60
    absolute: float = MAX_HOURS * 3600

    @classmethod
    def from_env(cls) -> Policy:
        """$GJJ_DASH_SESSION_IDLE_MINUTES and $GJJ_DASH_SESSION_MAX_HOURS, else 30 minutes and 10 hours."""
        return cls(_setting(ENV_IDLE_MINUTES, IDLE_MINUTES) * 60, _setting(ENV_MAX_HOURS, MAX_HOURS) * 3600)


class Sessions:
    """The login sessions and grants of one data directory; every call opens the file, so processes share it."""

    def __init__(self, path: Path, policy: Policy | None = None, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.policy = policy or Policy.from_env()
        self._clock = clock

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():  # only a grant gets here without the file: nothing else ever creates it
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # owner only, before SQLite opens it
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            for statement in _SCHEMA:
                connection.execute(statement)
            yield connection
        finally:
            connection.close()

    def grant(self, name: str) -> str:
        """A one-time grant for a staff member whose password was just checked (redeem within GRANT_SECONDS)."""
        grant = secrets.token_urlsafe(32)
        now = self._clock()
        with self._db() as db:
            db.execute("DELETE FROM grants WHERE expires <= ?", (now,))
            db.execute("INSERT INTO grants VALUES (?, ?, ?)", (digest(grant), name, now + GRANT_SECONDS))
        return grant

    def redeem(self, grant: str) -> tuple[str, str] | None:
        """A new session (its token, and the name) for an unused, unexpired grant, which is used up; else None."""
        now = self._clock()
        if not self.path.exists():  # no grant was ever issued here (a stray post never creates the file)
            return None
        with self._db() as db:
            row = db.execute("DELETE FROM grants WHERE hash = ? RETURNING name, expires", (digest(grant),)).fetchone()
            if row is None or row[1] <= now:
                return None
            token = secrets.token_urlsafe(32)
            db.execute("DELETE FROM sessions WHERE seen <= ? OR created <= ?",
                       (now - self.policy.idle, now - self.policy.absolute))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (digest(token), row[0], now, now))
        return token, row[0]

    def user(self, token: str | None) -> str | None:
        """The staff member a token logs in, its last use moved to now; None when unknown, idle too long or too old."""
        if not token or not self.path.exists():  # a cookie sent to a server without logins writes nothing
            return None
        now, key = self._clock(), digest(token)
        with self._db() as db:
            row = db.execute("SELECT name, created, seen FROM sessions WHERE hash = ?", (key,)).fetchone()
            if row is None:
                return None
            name, created, seen = row
            if now - seen >= self.policy.idle or now - created >= self.policy.absolute:
                db.execute("DELETE FROM sessions WHERE hash = ?", (key,))
                return None
            if now - seen >= TOUCH_SECONDS:
                db.execute("UPDATE sessions SET seen = ? WHERE hash = ?", (now, key))
        return name

    def revoke(self, token: str | None) -> None:
        """End a session (logout, or the old session a new login replaces); unknown tokens are ignored."""
        if token and self.path.exists():
            with self._db() as db:
                db.execute("DELETE FROM sessions WHERE hash = ?", (digest(token),))

    def revoke_name(self, name: str) -> None:
        """End every session and grant of an account (its password was reset: an old login must not outlive it)."""
        if self.path.exists():
            with self._db() as db:
                db.execute("DELETE FROM sessions WHERE name = ?", (name,))
                db.execute("DELETE FROM grants WHERE name = ?", (name,))
