"""Benchmark: the light page (/report/<year>/) — every byte it loads, and its time to content in Chromium ÷ the
one-chart Streamlit baseline page's, the two loaded in turns in the same browser."""

from __future__ import annotations

import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench import browser, scripts
from bench.report import Result
from bench.servers import app_server, baseline_server

BYTES_TARGET = 300.0  # KB (1 KB = 1024 bytes), the page with everything it loads, uncompressed
RATIO_TARGET = 0.3  # × the baseline page's time to its chart
# True (ms since navigation start) once the document and everything it loads is in (load event) and the page's
# heading and main part are laid out; false until then. Polled on every animation frame.
CONTENT = """
() => {
  if (document.readyState !== 'complete') return false;
  const heading = document.querySelector('main h1');
  if (!heading || heading.getBoundingClientRect().height === 0) return false;
  return performance.now();
}
"""


def loaded_bytes(page: Page, url: str) -> tuple[int, int]:
    """Open a URL in a fresh navigation; (bytes of every response body, decoded, and how many responses)."""
    bodies: list[int] = []

    def count(response: object) -> None:
        try:
            bodies.append(len(response.body()))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 — a redirect has no body to count
            bodies.append(0)

    page.on("response", count)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # anything the page might still fetch (it fetches nothing)
    finally:
        page.remove_listener("response", count)
    return sum(bodies), len(bodies)


def time_to_content(page: Page, url: str, timeout: float = 60.0) -> float:
    """Seconds from navigation start until the page's content is in and laid out."""
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    handle = page.wait_for_function(CONTENT, polling="raf", timeout=timeout * 1000)
    return float(handle.json_value()) / 1000


def measure(store: Path, synthetic: Path, year: int, repeats: int) -> list[Result]:
    """The light page's bytes (bundled year; the newest synthetic year, the largest page) and its time to content
    ÷ the baseline's, navigations interleaved in a shuffled order. Each light-page load asks the server again (a
    new query string: the browser's cache would otherwise answer), while the baseline keeps its cached front end."""
    runs: dict[str, list[float]] = {"baseline": [], "light": []}
    with baseline_server() as base, app_server(store, public=True) as app, app_server(synthetic, public=True) as big, \
            sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            # bypass_csp: the pages forbid every script; the measuring probe (Playwright's) is not theirs
            tab = chromium.new_context(viewport=browser.VIEWPORT, bypass_csp=True).new_page()
            page = f"{app.url}/report/{year}/"
            one, count = loaded_bytes(tab, page)
            newest = max(int(p.name) for p in (synthetic / "years").iterdir() if p.name.isdigit())
            twenty, twenty_count = loaded_bytes(tab, f"{big.url}/report/{newest}/")
            browser.page_complete(tab, base.url + "/", 1)  # warm the baseline's front end and the light page
            time_to_content(tab, page)
            order = list(runs)
            for n in range(repeats):
                scripts.shuffle(order)
                for label in order:
                    if label == "baseline":
                        runs[label].append(browser.page_complete(tab, base.url + "/", 1))
                    else:
                        runs[label].append(time_to_content(tab, f"{page}?n={n}"))
        finally:
            chromium.close()
    light, baseline = statistics.median(runs["light"]), statistics.median(runs["baseline"])
    return [
        Result("light page: everything it loads, uncompressed", f"/report/{year}/", one / 1024, unit="KB",
               limit=BYTES_TARGET, detail=f"{count} response(s), {one:,} bytes"),
        Result("light page: everything it loads, uncompressed", f"/report/{newest}/ of 20 synthetic years",
               twenty / 1024, unit="KB", limit=BYTES_TARGET, detail=f"{twenty_count} response(s), {twenty:,} bytes"),
        Result("light page: time to content ÷ baseline", f"/report/{year}/", light / baseline, limit=RATIO_TARGET,
               detail=f"{light * 1e3:.0f} ms vs baseline {baseline * 1e3:.0f} ms (median of {repeats} each)"),
    ]
