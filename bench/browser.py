"""Benchmark: headless Chromium (Debian's, through Playwright) — time from navigation to the last chart visible."""

from __future__ import annotations

import time

from playwright.sync_api import Browser, Page, Playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 900}

# True (as ms since navigation start) once the script run is over, the page shows content and `charts` plotly
# charts have drawn and are laid out; false until then. Polled on every animation frame.
COMPLETE = """
(charts) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')) return false;
  // plotly draws several svg.main-svg layers per chart: count the charts that have a laid-out one
  const drawn = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter((chart) =>
    [...chart.querySelectorAll('.main-svg')].some((svg) => {
      const box = svg.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }));
  if (drawn.length < charts) return false;
  return performance.now();
}
"""


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def wait_complete(page: Page, charts: int, timeout: float = 60.0, polling: str | int = "raf") -> float:
    """Wait until the page is complete; return milliseconds from navigation start to that moment.

    Polling on animation frames is the most exact; pass a number of ms where several pages load at once
    (a page in the background may get no animation frames).
    """
    handle = page.wait_for_function(COMPLETE, arg=charts, polling=polling, timeout=timeout * 1000)
    return float(handle.json_value())


def page_complete(page: Page, url: str, charts: int, timeout: float = 60.0) -> float:
    """Navigate to a URL (a fresh session each time) and return seconds until its last chart is visible."""
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    return wait_complete(page, charts, timeout) / 1000


def finished_runs(payload: bytes | str) -> int:
    """1 if a WebSocket frame from the server is a ForwardMsg saying a script run finished, else 0."""
    if not isinstance(payload, bytes):
        return 0
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 — not a ForwardMsg: not a finished run
        return 0
    return int(msg.WhichOneof("type") == "script_finished")


class Runs:
    """Counts the script runs the server reports finished to one browser page (watch before navigating)."""

    def __init__(self, page: Page):
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        self.finished += finished_runs(payload)


def sidebar_link(url: str) -> str:
    """A page's link in the sidebar: the overview's is the site's root (/overview is its hidden twin)."""
    return f'[data-testid="stSidebarNav"] a[href$="/{"" if url == "overview" else url}"]'


def open_link(page: Page, runs: Runs, url: str, timeout: float = 60.0) -> tuple[int, float]:
    """Click the sidebar link to a page (within the same session); returns what `arrived` needs."""
    seen, start = runs.finished, time.perf_counter()
    page.locator(sidebar_link(url)).first.click(timeout=timeout * 1000)
    return seen, start


def arrived(page: Page, runs: Runs, url: str, charts: int, opened: tuple[int, float], timeout: float = 60.0) -> float:
    """Wait until the page opened by `open_link` is complete (its script run reported finished over the WebSocket
    and its charts drawn); seconds since the click."""
    seen, start = opened
    while runs.finished == seen:
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"no script run finished within {timeout:.0f} s after opening /{url}")
        page.wait_for_timeout(10)
    wait_complete(page, charts, timeout, polling=20)
    return time.perf_counter() - start
