"""The benchmark's baseline page runs (every ratio of `make bench` is measured against it), and the bench compiles
each script once, as a server does."""

from __future__ import annotations

import builtins
from pathlib import Path

from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from bench import scripts

BASELINE = Path(__file__).resolve().parents[2] / "bench" / "baseline_app.py"


def test_the_baseline_page_reads_the_bundled_year_and_draws_its_chart() -> None:
    """The baseline reads the checkout's 2016 values.csv (a wrong path once made every bench ratio meaningless) and
    shows its title and one chart, without an exception."""
    at = AppTest.from_file(str(BASELINE), default_timeout=60).run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == ["Baseline"]
    assert len(at.get("plotly_chart")) == 1


def test_the_bench_compiles_each_script_once_as_a_server_does(monkeypatch) -> None:
    """`bench/scripts.compiled_once`: both script caches AppTest makes per run (the runner's, the page manager's)
    are one shared cache, so a second run of the baseline compiles nothing and still draws its chart."""
    # Put back what AppTest used before, after this test: other tests must not share compiled scripts.
    monkeypatch.setattr(app_test, "ScriptCache", app_test.ScriptCache)
    monkeypatch.setattr(local_script_runner, "ScriptCache", local_script_runner.ScriptCache)
    scripts.compiled_once()
    assert app_test.ScriptCache() is local_script_runner.ScriptCache() is scripts._COMPILED
    at = AppTest.from_file(str(BASELINE), default_timeout=60).run()
    compiled: list[str] = []
    original = builtins.compile

    def counted(source, filename, *args, **kwargs):
        compiled.append(str(filename))
        return original(source, filename, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", counted)
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 1
    assert str(BASELINE) not in compiled
