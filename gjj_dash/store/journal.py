"""Store: the journal — audit.jsonl in the data folder, one JSON object a line (time, user, action, year and what the
action needs: version, previous, sha256, reason …), appended with one fsync'd write, never rewritten."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from gjj_dash.store.atomic import append_line
from gjj_dash.store.layout import AUDIT


def append(root: Path, entry: dict) -> dict:
    """Append one entry to the data folder's journal; the entry as written."""
    append_line(Path(root) / AUDIT, json.dumps(entry, ensure_ascii=False, sort_keys=False))
    return entry


def entries(root: Path, year: int | None = None) -> list[dict]:
    """The journal, oldest first (a torn last line from a crash is skipped); with a year, that year's entries."""
    path = Path(root) / AUDIT
    found = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
    return [e for e in found if year is None or e.get("year") == year]
