"""Benchmark tool: where a page's warm server-side run spends its time (cProfile around AppTest runs).

    python bench/hotspots.py disclosure [--years 20] [--year 2016] [--runs 20] [--sort cumulative] [--top 40]
                             [--callers REGEX]

Not part of `make bench`; the profile is of the same warm runs `bench/scripts.py` times. --callers also prints who
calls the functions matching it (e.g. --callers realpath).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scripts, synth  # noqa: E402


@contextmanager
def _profiled(profile: cProfile.Profile) -> Iterator[None]:
    """Profile the script thread (AppTest runs the page in a thread of its own, which cProfile does not follow)."""
    original = ScriptRunner._run_script

    def run_script(self: ScriptRunner, rerun_data: object) -> None:
        profile.enable()
        try:
            original(self, rerun_data)
        finally:
            profile.disable()

    ScriptRunner._run_script = run_script
    try:
        yield
    finally:
        ScriptRunner._run_script = original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="page name (script stem), e.g. disclosure")
    parser.add_argument("--years", type=int, choices=(1, 20), default=1, help="bundled store (1) or synthetic (20)")
    parser.add_argument("--year", type=int, default=None, help="year chosen through ?year= (default: the newest)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--callers", default="", help="regex: also print who calls the functions matching it")
    args = parser.parse_args(argv)
    page = next(p for p in scripts.registered_pages() if p.name == args.page)
    with tempfile.TemporaryDirectory(prefix="gjj-hotspots-") as tmp:
        if args.years == 20:
            folder = synth.build(Path(tmp) / "synthetic")
        else:
            folder = Path(tmp) / "store"
            folder.mkdir()
        variant = scripts.Variant(folder, args.year)
        at = scripts._start_page(page, variant)
        profile = cProfile.Profile()
        with scripts.environment(folder), _profiled(profile):
            for _ in range(args.runs):
                at.run()
        problem = scripts._problem(at)
        if problem:
            print(problem, file=sys.stderr)
    stats = pstats.Stats(profile)
    print(f"{args.page}, {args.years} year(s), {args.runs} warm runs: "
          f"{stats.total_tt / args.runs * 1e3:.1f} ms per run (profiled)")
    stats.sort_stats(args.sort).print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
