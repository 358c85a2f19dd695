"""Benchmark: server-side script run time of each registered page and of the baseline page (AppTest, warm cache)."""

from __future__ import annotations

import os
import random
import re
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from gjj_dash.paths import ENV_DATA_DIR, ENV_MODE
from gjj_dash.ui import auth

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
BASELINE = Path(__file__).resolve().parent / "baseline_app.py"
shuffle = random.Random(9).shuffle
_PAGE = re.compile(r'page\(\s*"(views/[^"]+\.py)",\s*"[^"]+",\s*"([^"]+)"[^)]*?(default=True)?\)')


@dataclass(frozen=True)
class Page:
    """A page as app.py registers it: its script and its URL path ("" for the default page, served at /)."""

    path: str
    url: str

    @property
    def name(self) -> str:
        return Path(self.path).stem


@dataclass(frozen=True)
class Timing:
    """Warm run times (seconds) of one page on each data directory, with the baseline's runs interleaved."""

    page: str
    baseline: tuple[float, ...]
    runs: dict[str, tuple[float, ...]]
    charts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    # The same runs in CPU seconds of this process (script thread and AppTest): what the work costs, whatever else
    # the machine is doing at the time. For information beside the wall-clock times the targets are set on.
    cpu: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def median(self, label: str) -> float:
        runs = self.baseline if label == "baseline" else self.runs.get(label, ())
        return statistics.median(runs) if runs else float("nan")

    def cpu_median(self, label: str) -> float:
        runs = self.cpu.get(label, ())
        return statistics.median(runs) if runs else float("nan")


def registered_pages(public: bool = False) -> list[Page]:
    """The pages app.py passes to st.navigation, in order (the staff page only in the staff deployment)."""
    found = _PAGE.findall(APP.read_text(encoding="utf-8"))
    return [Page(path, "" if default else url) for path, url, default in found if not (public and url == "admin")]


@contextmanager
def environment(data_dir: Path, public: bool = False) -> Iterator[None]:
    """Point the app at a data directory and deployment for the duration of a measurement."""
    saved = {k: os.environ.get(k) for k in (ENV_DATA_DIR, ENV_MODE)}
    os.environ[ENV_DATA_DIR] = str(data_dir)
    os.environ[ENV_MODE] = "public" if public else "staff"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _problem(at: AppTest) -> str:
    if at.exception:
        return "exception: " + str(at.exception[0].value)[:200]
    return ""


def _run(at: AppTest, data_dir: Path | None = None) -> tuple[float, float]:
    """One run: wall-clock and CPU seconds (of this process, which runs the script thread)."""
    start, cpu = time.perf_counter(), time.process_time()
    if data_dir is None:
        at.run()
    else:
        with environment(data_dir):
            at.run()
    return time.perf_counter() - start, time.process_time() - cpu


@dataclass(frozen=True)
class Variant:
    """The app on one data directory, optionally with a year chosen through the URL (?year=)."""

    data_dir: Path
    year: int | None = None


def first_visit() -> None:
    """Runs as a browser's first visit: no cookies. AppTest has no browser, and its st.context.cookies is a mock whose
    every key reads as a token (each run then asked the session store about it). The login's one test seam is
    replaced, as the AppTest fixture of tests/conftest.py does; real servers (browser, memory) need nothing."""
    auth.browser_cookies = dict


_COMPILED = ScriptCache()


def compiled_once() -> None:
    """Runs reuse compiled scripts, as a server does: AppTest gives each run two script caches of its own (the
    runner's, for app.py, and the page manager's, for the page), so every timed run compiled app.py (about 1.4 ms
    profiled) and the page script again, which a server does once."""
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: _COMPILED


def _start_page(page: Page, variant: Variant) -> AppTest:
    first_visit()
    compiled_once()
    with environment(variant.data_dir):
        at = AppTest.from_file(str(APP), default_timeout=120)
        if variant.year is not None:
            at.query_params["year"] = str(variant.year)
        at.run()
        at.switch_page(page.path).run()
        at.run()  # warm: caches filled, imports done
    return at


def chart_counts(variant: Variant, pages: list[Page]) -> dict[str, int]:
    """How many plotly charts each page draws (one warm AppTest run each): what the browser waits for."""
    return {page.name: len(_start_page(page, variant).get("plotly_chart")) for page in pages}


def time_pages(variants: dict[str, Variant], repeats: int, pages: list[Page] | None = None) -> list[Timing]:
    """Each registered page in each variant, run `repeats` times in turn with the baseline page.

    Runs are interleaved in a shuffled order each round (baseline, page in variant 1, page in variant 2, …) so that
    other load on the machine falls on all of them alike; each ratio compares medians taken in the same stretch.
    """
    return _time_pages(variants, repeats, pages or registered_pages())


def _time_pages(variants: dict[str, Variant], repeats: int, pages: list[Page]) -> list[Timing]:
    compiled_once()
    base = AppTest.from_file(str(BASELINE), default_timeout=120)
    base.run()
    base.run()
    out = []
    for page in pages:
        try:
            tests = {label: _start_page(page, variant) for label, variant in variants.items()}
        except Exception as exc:  # noqa: BLE001 — a broken page is reported in the table, not a crash
            out.append(Timing(page.name, (), {}, {}, f"{type(exc).__name__}: {exc}"[:200]))
            continue
        timed: dict[str, list[tuple[float, float]]] = {label: [] for label in ["baseline", *tests]}
        order = ["baseline", *tests]
        for _ in range(repeats):
            shuffle(order)  # no run always comes first (or right after another): position effects average out
            for label in order:
                if label == "baseline":
                    timed[label].append(_run(base))
                else:
                    timed[label].append(_run(tests[label], variants[label].data_dir))
        baseline = [wall for wall, _ in timed["baseline"]]
        runs = {label: [wall for wall, _ in timed[label]] for label in variants}
        cpu = {label: tuple(c for _, c in found) for label, found in timed.items()}
        problem = next((f"{label}: {p}" for label, p in ((k, _problem(at)) for k, at in tests.items()) if p), "")
        charts = {label: len(at.get("plotly_chart")) for label, at in tests.items()}
        out.append(Timing(page.name, tuple(baseline), {k: tuple(v) for k, v in runs.items()}, charts, problem, cpu))
    return out
