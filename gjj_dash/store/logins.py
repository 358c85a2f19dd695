"""Store: the login throttle — failed attempts per account name and per client address, in a small SQLite file
of the data folder, so no browser can reset it and every session, thread and process of the server shares it.

Each check-and-count is one SQLite transaction (BEGIN IMMEDIATE): an attempt the delay allows is counted as a
failure *before* its password is checked, so attempts sent at the same moment from many sessions are each counted
and only the first few get through. A success then clears the name's count and takes back its own address count.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing, contextmanager
from pathlib import Path

from gjj_dash.i18n import t

LOGINS_FILE = "logins.sqlite3"
FREE_FAILURES = 2  # mistyping a name's password twice costs nothing; from the third failure on each attempt waits
ADDRESS_FREE_FAILURES = 5  # several staff may share one office address (NAT): an address gets a few more
MAX_DELAY = 300.0
FORGET_AFTER = 24 * 3600.0  # a count with no failure for a day is forgotten
BUSY_TIMEOUT = 10.0
_KEY_LENGTH = 64  # a typed name is counted by its first 64 characters: the file never grows by long garbage names
_SCHEMA = """CREATE TABLE IF NOT EXISTS failures (
    kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, last REAL NOT NULL, PRIMARY KEY (kind, key))"""


class ThrottleError(Exception):
    """The throttle's file cannot be read or written (a Chinese message); the login is refused."""


def delay_after(failures: int, free: int = FREE_FAILURES) -> float:
    """Seconds to wait after this many failures in a row: 0 for the free ones, then 1, 2, 4 … up to five minutes."""
    if failures <= free:
        return 0.0
    return min(2.0 ** (failures - free - 1), MAX_DELAY)


def logins_path(data_dir: Path) -> Path:
    """Where the throttle keeps its counts: logins.sqlite3 in the data directory."""
    return Path(data_dir) / LOGINS_FILE


class Throttle:
    """Failed login attempts per account name and per client address, kept in one SQLite file."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self._clock = clock

    @contextmanager
    def _transaction(self):
        try:
            if not self.path.exists():  # owner-only: the file names accounts and addresses
                os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
            with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)) as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.execute(_SCHEMA)
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except (OSError, sqlite3.Error) as exc:
            error = f"{type(exc).__name__}: {exc}"
            raise ThrottleError(t("admin.throttle_unusable", "zh", path=self.path, error=error)) from exc

    def _counts(self, db: sqlite3.Connection, name: str, address: str) -> dict[str, tuple[int, float]]:
        rows = db.execute(
            "SELECT kind, count, last FROM failures "
            "WHERE (kind = 'name' AND key = ?) OR (kind = 'address' AND key = ?)",
            (name, address),
        ).fetchall()
        return {kind: (count, last) for kind, count, last in rows}

    def _wait(self, counts: dict[str, tuple[int, float]], now: float) -> float:
        name_count, name_last = counts.get("name", (0, 0.0))
        address_count, address_last = counts.get("address", (0, 0.0))
        until = max(
            name_last + delay_after(name_count),
            address_last + delay_after(address_count, ADDRESS_FREE_FAILURES),
        )
        return min(max(0.0, until - now), MAX_DELAY)  # min: a clock set back never locks anyone out for longer

    def wait(self, name: str, address: str) -> float:
        """Seconds before this name from this address may try again (0: now)."""
        with self._transaction() as db:
            return self._wait(self._counts(db, _key(name), address), self._clock())

    def attempt(self, name: str, address: str) -> float:
        """In one transaction: the wait still running (the attempt is refused and not counted), or 0 after counting
        the attempt as a failure of the name and of the address until `succeeded` says otherwise."""
        now, name = self._clock(), _key(name)
        with self._transaction() as db:
            db.execute("DELETE FROM failures WHERE last < ?", (now - FORGET_AFTER,))
            wait = self._wait(self._counts(db, name, address), now)
            if wait > 0:
                return wait
            for kind, key in (("name", name), ("address", address)):
                db.execute(
                    "INSERT INTO failures VALUES (?, ?, 1, ?) "
                    "ON CONFLICT (kind, key) DO UPDATE SET count = count + 1, last = excluded.last",
                    (kind, key, now),
                )
            return 0.0

    def succeeded(self, name: str, address: str) -> None:
        """The attempt counted by `attempt` succeeded: the name starts afresh; the address only loses this attempt,
        so logging in to one's own account never wipes the failures the same address made on other names."""
        with self._transaction() as db:
            db.execute("DELETE FROM failures WHERE kind = 'name' AND key = ?", (_key(name),))
            db.execute("UPDATE failures SET count = max(count - 1, 0) WHERE kind = 'address' AND key = ?", (address,))


def _key(name: str) -> str:
    return name.strip()[:_KEY_LENGTH]
