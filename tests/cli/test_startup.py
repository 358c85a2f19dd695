"""The command line starts and ends fast: `gjj-dash serve` imports no heavy library before it hands over to Streamlit,
and every command runs with the collector tuned for one short process and skips its last sweep."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from gjj_dash import cli


def test_cli_import_pulls_in_no_pandas_plotly_or_streamlit() -> None:
    """Importing gjj_dash.cli (what `gjj-dash serve` runs before exec'ing Streamlit) loads none of them."""
    code = "import sys, gjj_dash.cli; print(sorted({'pandas', 'plotly', 'streamlit', 'openpyxl'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"gjj_dash.cli imports {out} at start-up: import it inside the subcommand that needs it"


def test_the_console_script_runs_main_with_the_short_process_collector_and_its_exit_code(monkeypatch) -> None:
    """`run()` (the `gjj-dash` script and `python -m gjj_dash`) sets the CLI's thresholds, runs `main()`, freezes
    what is left instead of sweeping it at exit, and exits with main's code."""
    before = gc.get_threshold()
    frozen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(cli, "main", lambda: frozen.append(gc.get_threshold()) or 1)
    monkeypatch.setattr(cli.gc, "freeze", lambda: frozen.append(("frozen",)))  # not this test process's objects
    try:
        with pytest.raises(SystemExit) as ended:
            cli.run()
    finally:
        gc.set_threshold(*before)
    assert ended.value.code == 1
    assert frozen == [cli.CLI_GC_THRESHOLDS, ("frozen",)]


def test_python_m_gjj_dash_and_the_script_entry_are_run() -> None:
    """`python -m gjj_dash` goes through `run()` (its output flushed before the exit), as the console script does."""
    done = subprocess.run([sys.executable, "-m", "gjj_dash", "years"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("2016\told\t")
    text = (Path(cli.__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'gjj-dash = "gjj_dash.cli:run"' in text


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gjj_dash", *args], capture_output=True, text=True, check=True)


def test_commands_through_run_write_their_files_whole(tmp_path: Path) -> None:
    """`run()` freezes the process's objects at exit instead of sweeping them: nothing a command writes is lost. An
    export through it gives the same bytes as `main()` in this process; a year exported, imported into a new store
    and exported again comes back byte for byte, with its version and audit line written."""
    _run("export", "--all", "--format", "csv", "-o", str(tmp_path / "run.csv"))
    assert cli.main(["export", "--all", "--format", "csv", "-o", str(tmp_path / "main.csv")]) == 0
    assert (tmp_path / "run.csv").read_bytes() == (tmp_path / "main.csv").read_bytes()
    store = tmp_path / "store"
    _run("export", "--year", "2016", "--format", "csv", "-o", str(tmp_path / "2016.csv"))
    _run("import", str(tmp_path / "2016.csv"), "--reason", "按报告原样发布", "--data-dir", str(store))
    _run("export", "--year", "2016", "--format", "csv", "-o", str(tmp_path / "back.csv"), "--data-dir", str(store))
    assert (tmp_path / "back.csv").read_bytes() == (tmp_path / "2016.csv").read_bytes()
    assert "第1版\t当前发布" in _run("history", "--data-dir", str(store)).stdout
    assert '"reason": "按报告原样发布"' in (store / "audit.jsonl").read_text(encoding="utf-8")
