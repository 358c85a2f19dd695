"""`make load`: 20 concurrent sessions on the public server for 60 s, on loopback; stops by itself.

    python bench/load.py [--sessions 20] [--browsers 5] [--seconds 60] [--think 1.0] [--no-write]

Starts `gjj-dash serve --public` with the bundled data on a free loopback port, lets real Chromium tabs and
protocol-level sessions walk across the pages, and reports errors (must be 0), p50/p95 page-complete time and the
server's CPU and memory. Exit code 1 when any error occurred.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable as the `bench` package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, protocol, report, visitors  # noqa: E402
from bench.scripts import registered_pages  # noqa: E402
from bench.servers import Server, app_server  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank); nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def _health(url: str) -> bytes:
    with urllib.request.urlopen(url + "/_stcore/health", timeout=5) as response:  # noqa: S310 — loopback
        return response.read()


async def watch(server: Server, deadline: float, samples: dict[str, list[float]]) -> None:
    """Every second until the deadline: the server's RSS, and how long /_stcore/health takes (or that it failed)."""
    while time.monotonic() < deadline:
        samples["rss"].append(server.rss_mb())
        start = time.perf_counter()
        try:
            body = await asyncio.to_thread(_health, server.url)
            samples["health"].append(time.perf_counter() - start)
            if body.strip() != b"ok":
                samples["health_errors"].append(1)
        except OSError:
            samples["health_errors"].append(1)
        await asyncio.sleep(1.0)


async def run_load(server: Server, urls: list[str], charts: dict[str, int], args: argparse.Namespace) -> dict:
    """Open every session at once, let them walk until the deadline, and collect what they and the server saw."""
    from playwright.async_api import async_playwright

    samples: dict[str, list[float]] = {"rss": [], "health": [], "health_errors": []}
    cpu_before, started = server.cpu_seconds(), time.monotonic()
    deadline = started + args.seconds
    async with async_playwright() as pw:
        chromium = None
        if args.browsers:
            chromium = await pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.ARGS, headless=True)
        try:
            crowd = [
                visitors.browser_visitor(chromium, server.url, urls, charts, deadline, args.think, n)
                if n < args.browsers else
                visitors.protocol_visitor(server.url, urls, deadline, args.think, n)
                for n in range(args.sessions)
            ]
            tallies, _ = await asyncio.wait_for(
                asyncio.gather(asyncio.gather(*crowd), watch(server, deadline, samples)), args.seconds + 120
            )
        finally:
            if chromium is not None:
                await chromium.close()
    elapsed = time.monotonic() - started
    return {"tallies": tallies, "samples": samples, "elapsed": elapsed,
            "cpu": server.cpu_seconds() - cpu_before, "rss_end": server.rss_mb()}


def summarise(found: dict, args: argparse.Namespace, idle_rss: float, info: dict[str, str]) -> tuple[str, int]:
    """The Markdown section for docs/performance.md and the number of errors."""
    tallies, samples = found["tallies"], found["samples"]
    times = [t for tally in tallies for t in tally.times]
    errors = [e for tally in tallies for e in tally.errors] + ["health check failed"] * len(samples["health_errors"])
    by_kind = {k: [t for tally in tallies if tally.kind == k for t in tally.times] for k in ("browser", "protocol")}
    views, cpu, elapsed = len(times), found["cpu"], found["elapsed"]
    cpu_per_view = cpu / views if views else float("nan")
    per_core = 1 / cpu_per_view if views else float("nan")
    # A reader opens a page every ~15 s. What this run measured (the request rate it held) and what the CPU per view
    # allows at ≤ 60 % of a core (so p95 stays low); the plan uses the smaller, i.e. never more than was measured.
    rate = views / elapsed if elapsed else float("nan")
    held = rate * 15
    readers = per_core * 15 * 0.6
    plan = max(1, math.floor(min(held, readers))) if views else 1
    lines = [
        f"### Run of {info['date']}",
        "",
        report.machine_lines(info),
        "",
        f"- public server (`gjj-dash serve --public`, bundled data) on loopback; {args.sessions} concurrent sessions "
        f"({args.browsers} Chromium tabs, {args.sessions - args.browsers} protocol-level sessions on /_stcore/stream) "
        f"for {args.seconds:.0f} s, each walking across all {len(set(found['urls']))} public pages with "
        f"{args.think:g} s (± 50 %) between pages",
        f"- **errors: {len(errors)}**" + (" — " + "; ".join(sorted(set(errors))[:8]) if errors else ""),
        f"- page views completed: {views} in {elapsed:.0f} s ({views / elapsed:.1f} per second)",
        f"- page-complete time p50 / p95 / max: {_ms(percentile(times, .5))} / {_ms(percentile(times, .95))} / "
        f"{_ms(max(times) if times else float('nan'))}"
        + "".join(f"; {k}: p50 {_ms(percentile(v, .5))}, p95 {_ms(percentile(v, .95))}"
                  for k, v in by_kind.items() if v),
        f"- server CPU: {cpu:.1f} s over {elapsed:.0f} s = {100 * cpu / elapsed:.0f} % of one core on average; "
        f"{cpu_per_view * 1e3:.1f} ms of CPU per page view",
        f"- server memory (RSS): idle {idle_rss:.0f} MiB, peak {max(samples['rss'], default=0):.0f} MiB, "
        f"at the end {found['rss_end']:.0f} MiB",
        f"- /_stcore/health during the test: p95 {_ms(percentile(samples['health'], .95))}",
        "",
        "**Capacity.** One gjj-dash process runs on one core (Streamlit runs each session's script in a thread under "
        f"one interpreter lock). This run held {rate:.1f} page views per second from {args.sessions} sessions with "
        f"{len(errors)} errors and p95 {_ms(percentile(times, .95))}: the request rate of **about {held:.0f} readers** "
        f"who each open a page every 15 s. The server spent {cpu_per_view * 1e3:.0f} ms of CPU per page view (serving "
        f"the app's JavaScript to the Chromium tabs included), so a process would saturate its core at about "
        f"{per_core:.0f} page views per second, and stays at ≤ 60 % of it up to about {readers:.0f} such readers. "
        f"Plan with the smaller figure{' (not met in this run: errors)' if errors else ''}: for an audience of N "
        f"readers at once run ⌈N / {plan}⌉ processes, at most one per core, behind a reverse proxy with sticky "
        "sessions; idle open tabs cost little (about 10 MB per 300, see security.md).",
    ]
    return "\n".join(lines), len(errors)


def _ms(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds * 1e3:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--browsers", type=int, default=5, help="how many of the sessions are Chromium tabs")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between a session's page views (±50 %%)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not update docs/performance.md")
    args = parser.parse_args(argv)
    args.browsers = max(0, min(args.browsers, args.sessions))
    load_before = os.getloadavg()
    pages = registered_pages(public=True)
    urls = [p.url for p in pages]
    with tempfile.TemporaryDirectory(prefix="gjj-load-") as store, app_server(Path(store), public=True) as server:
        idle = server.rss_mb()

        async def warm() -> dict[str, int]:  # every page once: imports and caches warm, chart counts known
            async with protocol.Session(server.url) as session:
                return {url: (await session.visit(url)).charts for url in urls}

        charts = asyncio.run(warm())
        print(f"[load] {args.sessions} sessions for {args.seconds:.0f} s on {server.url} …", file=sys.stderr)
        found = asyncio.run(run_load(server, urls, charts, args))
        found["urls"] = urls
    body, errors = summarise(found, args, idle, report.machine(load_before))
    print(body)
    if not args.no_write:
        report.section("load", body)
        print(f"written to {report.DOC}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
