"""Benchmark: server memory with N concurrent browser sessions, and start-up time of a server."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

from playwright.sync_api import Browser

from bench import browser, protocol
from bench.servers import Server


def rss_with_sessions(make: Callable[[], Server], chromium: Browser, sessions: int, urls: list[str],
                      charts: dict[str, int]) -> tuple[float, float]:
    """Start a fresh server, open `sessions` browser sessions at once, walk each through `urls` via the sidebar.

    Returns (RSS in MiB while every session is still open, RSS of the idle server before any session).
    """
    with make() as server:
        idle = server.rss_mb()
        contexts = [chromium.new_context(viewport=browser.VIEWPORT) for _ in range(sessions)]
        try:
            pages = [c.new_page() for c in contexts]
            runs = [browser.Runs(page) for page in pages]
            first = urls[0] if urls else ""
            for page in pages:  # all navigations start before any is awaited: the sessions load concurrently
                page.goto(f"{server.url}/{first}", wait_until="commit", timeout=60_000)
            for page in pages:
                browser.wait_complete(page, charts.get(first, 0), polling=50)
            for url in urls[1:]:  # every session to the next page at once, then wait for all of them
                opened = [browser.open_link(page, watch, url) for page, watch in zip(pages, runs, strict=True)]
                for page, watch, mark in zip(pages, runs, opened, strict=True):
                    browser.arrived(page, watch, url, charts.get(url, 0), mark)
            time.sleep(1.0)
            return server.rss_mb(), idle
        finally:
            for context in contexts:
                context.close()


def startup(make: Callable[[], Server], first_page: str = "") -> tuple[float, float]:
    """Seconds to health OK + page HTML, and to the first page's script run finished (over the WebSocket)."""
    with make() as server:
        ready = server.startup
        visit = asyncio.run(protocol.first_run(server.url, first_page))
        if visit.error:
            raise RuntimeError(visit.error)
        return ready, time.perf_counter() - server.started


def startups(makers: dict[str, Callable[[], Server]], repeats: int) -> dict[str, tuple[float, float]]:
    """Median start-up times of several servers, started in turn `repeats` times."""
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in makers}
    for _ in range(repeats):
        for label, make in makers.items():
            runs[label].append(startup(make))
    return {k: (statistics.median(a for a, _ in v), statistics.median(b for _, b in v)) for k, v in runs.items()}
