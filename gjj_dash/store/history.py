"""Store: the version history and the audit log as tables for people — states, Chinese headers, short hashes."""

from __future__ import annotations

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.store.versions import BASE, Version

ACTIONS = ("publish", "rollback", "reject", "conflict", "fail")
SHORT = 12


def version_name(number: int, lang: str = "zh") -> str:
    """“第3版”, or what version 0 is: the data the store started from."""
    return t("admin.base_version", lang) if number == BASE else t("admin.version_n", lang, n=number)


def state_of(version: Version, current: int, audit: list[dict]) -> str:
    """current, earlier (published once, since replaced) or interrupted (written, never made current)."""
    if version.number == current:
        return "current"
    done = {(e.get("year"), e.get("version")) for e in audit if e.get("action") == "publish"}
    return "earlier" if (version.year, version.number) in done else "interrupted"


def download_name(version: Version) -> str:
    """The original file's download name: year, version and a short hash, then the cleaned client name."""
    return f"{version.year}-v{version.number}-{version.sha256[:8]}-{version.filename}"


def history_frame(versions: list[Version], current: int, audit: list[dict], lang: str = "zh") -> pd.DataFrame:
    """One row per stored version, newest first: state, who, when, file, hash, rows, what it replaced, reason."""
    keys = ("version", "state", "user", "time", "file", "sha", "rows", "previous", "reason")
    rows = [
        [
            version_name(v.number, lang),
            t(f"admin.state_{state_of(v, current, audit)}", lang),
            v.user,
            v.time,
            v.filename,
            v.sha256[:SHORT],
            str(v.rows),
            version_name(v.previous, lang),
            v.reason,
        ]
        for v in versions
    ]
    return pd.DataFrame(rows, columns=[t(f"admin.h_{k}", lang) for k in keys], dtype="string")


def journal_frame(entries: list[dict], lang: str = "zh") -> pd.DataFrame:
    """The audit log newest first: time, user, action, year, version, previous, file, hash, rows, reason or problems."""
    keys = ("time", "user", "action", "year", "version", "previous", "file", "sha", "rows", "detail")
    rows = []
    for e in reversed(entries):
        action = e.get("action", "")
        detail = e.get("reason") or "；".join(e.get("problems", [])[:3]) or e.get("error", "")
        rows.append([
            e.get("time", ""),
            e.get("user", ""),
            t(f"admin.action_{action}", lang) if action in ACTIONS else action,
            "" if e.get("year") is None else str(e["year"]),
            "" if e.get("version") is None else version_name(int(e["version"]), lang),
            "" if e.get("previous") is None else version_name(int(e["previous"]), lang),
            e.get("filename", ""),
            (e.get("sha256") or "")[:SHORT],
            "" if e.get("rows") is None else str(e["rows"]),
            detail,
        ])
    return pd.DataFrame(rows, columns=[t(f"admin.a_{k}", lang) for k in keys], dtype="string")
