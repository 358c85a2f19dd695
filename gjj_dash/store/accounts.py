"""Store: local staff accounts — salted scrypt hashes kept outside the repository, checked behind the login throttle."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import math
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gjj_dash.i18n import t
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store.atomic import write_file
from gjj_dash.store.logins import Throttle

ENV_ACCOUNTS = "GJJ_DASH_ACCOUNTS"
ACCOUNTS_FILE = "accounts.json"
# scrypt cost: 16 MiB of memory and ~50 ms per check — slow for a guesser, quick enough for a login form.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 8
_NAME = re.compile(r"[\w.\-]{1,32}")


class AuthError(Exception):
    """An account that cannot be created or an accounts file that cannot be read (a Chinese message)."""


@dataclass(frozen=True)
class Login:
    """The outcome of one login attempt: accepted, or refused with the seconds to wait before the next one."""

    ok: bool
    wait: float = 0.0
    throttled: bool = False  # refused without looking at the password, because the delay was still running


def accounts_path(data_dir: Path) -> Path:
    """Where the accounts live: $GJJ_DASH_ACCOUNTS, else accounts.json in the data directory."""
    env = os.environ.get(ENV_ACCOUNTS, "").strip()
    return Path(env) if env else Path(data_dir) / ACCOUNTS_FILE


def in_checkout_data(path: Path) -> bool:
    return path.resolve().is_relative_to(BUNDLED_DATA.resolve())


def hash_password(password: str, salt: bytes | None = None) -> dict[str, object]:
    """A salted scrypt record of a password (the password itself is never stored)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    return {"scrypt": dict(SCRYPT), "salt": base64.b64encode(salt).decode(), "hash": base64.b64encode(digest).decode()}


def verify_password(password: str, record: dict) -> bool:
    """Whether a password matches a record, compared in constant time."""
    try:
        params = {k: int(record["scrypt"][k]) for k in ("n", "r", "p")}
        salt = base64.b64decode(record["salt"])
        expected = base64.b64decode(record["hash"])
    except (KeyError, TypeError, ValueError):
        return False
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=len(expected) or 32, **params)
    return hmac.compare_digest(digest, expected)


# Checked when the name is unknown, so a wrong name costs the same time as a wrong password.
@functools.cache
def _dummy() -> dict:
    """A stored password no one has, made on first need: hashing it costs 0.1 s, which every command paid at import."""
    return hash_password("not-a-password", b"\0" * 16)


def load_accounts(path: Path) -> dict[str, dict]:
    """Every account by name; {} when the file does not exist yet."""
    if not path.is_file():
        return {}
    try:
        users = json.loads(path.read_text(encoding="utf-8"))["users"]
        if not isinstance(users, dict):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AuthError(t("admin.accounts_unreadable", "zh", path=path, error=type(exc).__name__)) from exc
    return users


def check_name(name: str) -> str:
    """A valid account name (letters, digits, Chinese characters, . _ -; at most 32), or AuthError."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise AuthError(t("admin.bad_name", "zh", name=name[:40]))
    return name


def add_user(path: Path, name: str, password: str, *, replace: bool = False) -> None:
    """Create (or with replace=True reset) an account; the file is written atomically and readable by its owner only."""
    name = check_name(name)
    if in_checkout_data(path):
        raise AuthError(t("admin.accounts_in_checkout", "zh", path=path))
    if len(password) < MIN_PASSWORD:
        raise AuthError(t("admin.short_password", "zh", n=MIN_PASSWORD))
    users = load_accounts(path)
    if name in users and not replace:
        raise AuthError(t("admin.user_exists", "zh", name=name))
    users[name] = {**hash_password(password), "created": datetime.now(UTC).isoformat(timespec="seconds")}
    payload = json.dumps({"users": users}, ensure_ascii=False, indent=1).encode("utf-8")
    write_file(path, payload, mode=0o600)


def login(users: dict[str, dict], name: str, password: str, throttle: Throttle, address: str) -> Login:
    """Check a name and password from a client address: refused without checking while the name's or the address's
    delay runs, else counted by the throttle first and then one constant-time check (ThrottleError: refused)."""
    name = name.strip()
    wait = throttle.attempt(name, address)
    if wait > 0:
        return Login(False, wait, throttled=True)
    record, dummy = users.get(name), _dummy()  # made before the lookup's answer is used: a first name costs the same
    ok = verify_password(password, record if record is not None else dummy) and record is not None
    if ok:
        throttle.succeeded(name, address)
        return Login(True)
    return Login(False, throttle.wait(name, address))


def refusal(result: Login, lang: str, now: datetime | None = None) -> str:
    """What a refused login tells the staff member: wrong name or password, and when the next attempt may come
    (the clock time and the seconds), or that this attempt was not checked because the delay still runs."""
    seconds = max(1, math.ceil(result.wait))
    at = ((now or datetime.now()) + timedelta(seconds=seconds)).strftime("%H:%M:%S")
    if result.throttled:
        return t("admin.login_wait", lang, time=at, seconds=seconds)
    later = t("admin.login_later", lang, time=at, seconds=seconds) if result.wait > 0 else ""
    return t("admin.login_wrong", lang) + later
