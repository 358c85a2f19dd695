"""Store: journaled pointer moves — the intent written first, then the pointer, then the entry that marks it done —
and, when a writable store is opened, any move a kill left half-done finished (pointer moved) or failed (not).

A publish, rollback, peer_add or peer_remove writes three things to audit.jsonl and current/ in this order:

    1. {"action": "<action>_intent", "op": <id>, …}   the whole entry, before anything a reader sees changes
    2. the pointer (current/<year>.json or peers/<key>/<year>/current.json), one atomic rename
    3. {"action": "<action>", "op": <id>, …}          the entry every existing reader counts (history, 当前/第N版)

A kill between 1 and 3 leaves an intent without a done entry: recover() then appends the done entry (the pointer
names the intent's version: the move happened) or a "fail" entry (it does not: nothing a reader saw changed), so every
version that was ever live has its publish (or rollback) line. Readers that know only the done actions ignore
*_intent lines (Store.journal() leaves them out).

GJJ_DASH_FAULT=<action>:<step> makes the process exit at once after that step, as a kill would — for the
fault-injection tests (tests/store/test_journaled.py): publish:kept, publish:written (the upload kept, the version
folder written), then <action>:intent, <action>:pointer, <action>:done for publish, rollback, peer_add, peer_remove.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from gjj_dash.store import journal, layout, peer_layout
from gjj_dash.store.journal import INTENT

FAIL = "fail"
FAULT_ENV = "GJJ_DASH_FAULT"
FAULT_EXIT = 70


def fault(step: str) -> None:
    """Exit the process at once, without cleaning up, when GJJ_DASH_FAULT names this step (as a kill would)."""
    if os.environ.get(FAULT_ENV) == step:
        os._exit(FAULT_EXIT)


def journaled(root: Path, entry: dict, move: Callable[[], None]) -> dict:
    """Journal an entry's intent, run move (the pointer's atomic rename), journal the entry as done; a move that
    raises is journaled as failed and re-raised. The done entry as written."""
    action, op = entry["action"], uuid.uuid4().hex
    journal.append(root, {**entry, "action": action + INTENT, "op": op})
    fault(f"{action}:intent")
    try:
        move()
    except Exception as exc:
        journal.append(root, {**entry, "action": FAIL, "op": op, "time": journal.now(),
                              "error": f"{type(exc).__name__}: {exc}"[:300]})
        raise
    fault(f"{action}:pointer")
    done = journal.append(root, {**entry, "op": op, "time": journal.now()})
    fault(f"{action}:done")
    return done


def pending(entries: list[dict]) -> list[dict]:
    """The intents no later entry of the same op closes (oldest first)."""
    closed = {e.get("op") for e in entries if e.get("op") and not str(e.get("action", "")).endswith(INTENT)}
    return [e for e in entries if str(e.get("action", "")).endswith(INTENT) and e.get("op") not in closed]


def _live(root: Path, intent: dict) -> bool:
    """Whether the pointer the intent meant to move names its version now."""
    try:
        year, number = int(intent["year"]), int(intent["version"])
        if intent.get("area") == peer_layout.PEERS:
            return peer_layout.pointed(root, str(intent["key"]), year) == number
        return layout.pointed(root, year) == number
    except (KeyError, TypeError, ValueError):
        return False


def recover(root: Path) -> list[dict]:
    """Close every half-done move of the data folder's journal (call it holding the store's lock); the entries
    appended. Done when the pointer moved, failed when it did not."""
    written = []
    for intent in pending(journal.entries(Path(root), intents=True)):
        action = str(intent["action"]).removesuffix(INTENT)
        if _live(Path(root), intent):
            entry = {**intent, "action": action, "time": journal.now(), "recovered": True}
        else:
            entry = {**intent, "action": FAIL, "time": journal.now(), "recovered": True,
                     "error": f"{action} interrupted before the pointer moved"}
        written.append(journal.append(Path(root), entry))
    return written


def needs_recovery(root: Path) -> bool:
    """Whether the journal holds a half-done move this process can close (read without the lock: a cheap check
    before taking it). A folder this process may not write — `gjj-dash history` run by someone with read access
    only — is left for the staff server, which closes the move when it next opens the store."""
    return os.access(root, os.W_OK) and bool(pending(journal.entries(Path(root), intents=True)))
