"""Store: the journal — audit.jsonl in the data folder, one JSON object a line (time, user, action, year and what the
action needs: version, previous, sha256, reason …), appended with one fsync'd write, never rewritten."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path

from gjj_dash.store.atomic import append_line
from gjj_dash.store.layout import AUDIT

INTENT = "_intent"  # the suffix of the action of a move's first line: "publish_intent", "rollback_intent", …


def now() -> str:
    """The time an entry is written, local with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append(root: Path, entry: dict) -> dict:
    """Append one entry to the data folder's journal; the entry as written."""
    append_line(Path(root) / AUDIT, json.dumps(entry, ensure_ascii=False, sort_keys=False))
    return entry


def entries(root: Path, year: int | None = None, *, intents: bool = False) -> list[dict]:
    """The journal, oldest first (a torn last line from a crash is skipped); with a year, that year's entries.

    The *_intent lines a publish or rollback writes before moving its pointer (gjj_dash.store.recovery) are left
    out unless asked for: each is followed by its done (or fail) entry, which says what happened."""
    path = Path(root) / AUDIT
    found = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
    return [e for e in found if (year is None or e.get("year") == year)
            and (intents or not str(e.get("action", "")).endswith(INTENT))]
