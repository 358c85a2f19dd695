"""Journaled publish and rollback: the real CLI killed after each step leaves every live version audited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.store import journal, layout, recovery
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.history import journal_frame
from gjj_dash.store.journal import INTENT
from gjj_dash.store.peers import PeerStore
from gjj_dash.store.recovery import FAULT_ENV, FAULT_EXIT, pending
from gjj_dash.store.versions import Store
from tests.support import reports
from tests.support.uploads import table_2017
from tests.support.years import data_dir

REASON = "测试"
DISCLOSED = "(一)主动公开政府信息数"
MOVES = ("publish", "rollback")


def table_file(folder: Path, disclosed: str) -> Path:
    """The filled 2017 old table with its first figure set, as a CSV file."""
    path = folder / f"2017-{disclosed}.csv"
    path.write_text(table_2017().replace(f"{DISCLOSED},条,230", f"{DISCLOSED},条,{disclosed}"), encoding="utf-8")
    return path


def cli(data: Path, *args: str, fault: str = "") -> subprocess.CompletedProcess:
    """`python -m gjj_dash <args> --data-dir data` in a process of its own, with GJJ_DASH_FAULT set to fault."""
    env = {**os.environ, FAULT_ENV: fault}
    return subprocess.run([sys.executable, "-m", "gjj_dash", *args, "--data-dir", str(data)], env=env,
                          capture_output=True, text=True, timeout=120)


def publish_args(path: Path) -> list[str]:
    return ["import", str(path), "--year", "2017", "--by", "张薇", "--reason", REASON]


def audited(data: Path) -> int:
    """The version the journal's last publish or rollback of 2017 made live (what history calls 当前)."""
    moves = [e for e in journal.entries(data, 2017) if e.get("action") in MOVES]
    return int(moves[-1]["version"])


@pytest.mark.parametrize(("step", "live"), [
    ("publish:kept", 1), ("publish:written", 1), ("publish:intent", 1), ("publish:pointer", 2), ("publish:done", 2),
    ("rollback:intent", 2), ("rollback:pointer", 1), ("rollback:done", 1),
])
def test_a_kill_after_any_step_leaves_the_live_version_audited(data_copy: Path, tmp_path: Path, step: str,
                                                               live: int, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI exits at once after the step; opening the store finishes (or fails) the move: the live version is
    the one the journal's last publish/rollback names, history marks it 当前发布, the data loads and publishing goes
    on from there."""
    assert main([*publish_args(table_file(tmp_path, "231")), "--data-dir", str(data_copy)]) == 0
    if step.startswith("rollback"):
        assert main([*publish_args(table_file(tmp_path, "232")), "--data-dir", str(data_copy)]) == 0
        killed = cli(data_copy, "rollback", "--year", "2017", "--to", "1", "--by", "马莹", fault=step)
    else:
        killed = cli(data_copy, *publish_args(table_file(tmp_path, "232")), fault=step)
    assert killed.returncode == FAULT_EXIT, killed.stderr
    assert layout.pointed(data_copy, 2017) == live
    Store(data_copy)  # opening a writable store recovers
    assert not pending(journal.entries(data_copy, intents=True))
    assert audited(data_copy) == live
    capsys.readouterr()
    assert main(["history", "--year", "2017", "--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"2017 年度当前发布：第{live}版"
    assert [line.split("\t")[1] for line in out[2:] if line.startswith(f"第{live}版")] == ["当前发布"]
    assert load_dataset(data_copy).cell(2017, "old.s1.disclosed").value == 230 + live
    following = max(layout.numbers(data_copy, 2017)) + 1  # a version written but never made live keeps its number
    assert main([*publish_args(table_file(tmp_path, "229")), "--data-dir", str(data_copy)]) == 0
    assert audited(data_copy) == layout.pointed(data_copy, 2017) == following


def test_each_move_is_written_as_intent_then_pointer_then_done(data_copy: Path, tmp_path: Path) -> None:
    """A publish journals publish_intent then publish with the same op; the store's journal and the audit table
    show the done entry only."""
    assert main([*publish_args(table_file(tmp_path, "231")), "--data-dir", str(data_copy)]) == 0
    entries = journal.entries(data_copy, 2017, intents=True)
    assert [e["action"] for e in entries] == ["publish" + INTENT, "publish"]
    assert entries[0]["op"] == entries[1]["op"] and entries[0]["version"] == entries[1]["version"] == 1
    assert Store(data_copy).journal(2017) == entries[1:]  # readers of what happened see the done entry only
    assert journal_frame(Store(data_copy).journal())["操作"].tolist() == ["发布"]


def test_a_kill_before_the_pointer_moved_is_journaled_as_interrupted(data_copy: Path, tmp_path: Path) -> None:
    """Killed after the intent: recovery appends a fail line, and history shows the version as never published."""
    assert main([*publish_args(table_file(tmp_path, "231")), "--data-dir", str(data_copy)]) == 0
    assert cli(data_copy, *publish_args(table_file(tmp_path, "232")), fault="publish:intent").returncode == FAULT_EXIT
    store = Store(data_copy)
    last = journal.entries(data_copy, 2017)[-1]
    assert (last["action"], last["version"], last["recovered"]) == ("fail", 2, True)
    assert [v.number for v in store.versions(2017)] == [2, 1] and store.current(2017) == 1


def test_a_reader_who_may_not_write_leaves_the_half_done_move_for_the_server(data_copy: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A store opened by someone without write access to the folder (`gjj-dash history` by a group member) reads
    it as it is and writes nothing; the next writer closes the move."""
    assert main([*publish_args(table_file(tmp_path, "231")), "--data-dir", str(data_copy)]) == 0
    assert cli(data_copy, *publish_args(table_file(tmp_path, "232")), fault="publish:intent").returncode == FAULT_EXIT
    before = (data_copy / "audit.jsonl").read_bytes()
    with monkeypatch.context() as m:
        m.setattr(recovery.os, "access", lambda path, mode: False)
        assert Store(data_copy).current(2017) == 1
    assert (data_copy / "audit.jsonl").read_bytes() == before
    Store(data_copy)
    assert journal.entries(data_copy, 2017)[-1]["action"] == "fail"


@pytest.mark.parametrize(("step", "listed"), [("peer_add:intent", False), ("peer_add:pointer", True)])
def test_a_kill_while_adding_a_comparison_body_is_closed_the_same_way(tmp_path: Path, step: str,
                                                                      listed: bool) -> None:
    """`peers add` killed before or after the pointer: the next write finishes (peer_add) or fails the add, and a
    listed body always has its peer_add line."""
    data = data_dir(tmp_path, "formats")
    page = tmp_path / "平潭2021.html"
    page.write_bytes(reports.web_page())
    assert cli(data, "peers", "add", str(page), "--by", "李", fault=step).returncode == FAULT_EXIT
    Store(data)  # opening a writable store recovers the comparison bodies' moves too
    peers = PeerStore(data)
    assert bool(peers.listed()) is listed
    assert [e["action"] for e in peers.journal()] == (["peer_add"] if listed else [])
    assert journal.entries(data)[-1]["action"] == ("peer_add" if listed else "fail")
    assert not pending(journal.entries(data, intents=True))
