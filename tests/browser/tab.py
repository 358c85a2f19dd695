"""Test support: one browser tab on a deployment, recording console errors and every request the page makes."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
# Schemes that never leave the machine (favicons drawn as data: URLs, blob: downloads).
LOCAL_SCHEMES = {"data", "blob", "about"}
APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
# The sidebar's year selector, by its label (t("widget.year", lang)).
YEAR_SELECTOR = '[data-testid="stSidebar"] input[role="combobox"][aria-label="{label}"]'
TIMEOUT_MS = 30_000
QUIET_MS = 400
IN_FLIGHT_S = 10  # at most this long for the page's requests to be answered before it counts as drawn
# Records the time of the last DOM change, so a test reads a page only once it has been drawn, and counts the script
# runs that have ended (the app's script state leaving "running"): before its first run a page is "notRunning" too.
_WATCH_CHANGES = """
window.__gjjChanged = performance.now();
window.__gjjRuns = 0;
new MutationObserver(changes => {
  window.__gjjChanged = performance.now();
  for (const change of changes) {
    if (change.attributeName === 'data-test-script-state' && change.oldValue === 'running') window.__gjjRuns++;
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true});
"""
# A freshly loaded page has had a script run once a run has ended or the run's first element is drawn (React may
# draw a whole quick run at once, so the state is never seen as "running").
_DRAWN = """() => window.__gjjRuns > 0 ||
  !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')"""
# Quiet: no DOM change for `quiet` ms, seen by two polls at least 100 ms apart (wait_quiet clears the first poll's mark
# before each wait) — a poll that ran right after the page's main thread was busy (evaluating a component's code) would
# otherwise see an old change time and call it quiet.
_QUIET = """quiet => {
  const now = performance.now();
  if (now - (window.__gjjChanged || 0) <= quiet) { window.__gjjQuietSince = 0; return false; }
  if (!window.__gjjQuietSince) { window.__gjjQuietSince = now; return false; }
  return now - window.__gjjQuietSince >= 100;
}"""
# The URL names the page `path` ("" for the site's root). Streamlit 1.67 rewrites it once the new page's run has
# begun, after clearing the old page's elements: a test reading the page then cannot read the page it came from.
_AT_PAGE = """path => location.pathname.replace(/\\/$/, '').split('/').pop() === path"""
# Every text of a KPI card (label, figure) whose content is wider than the box that shows it.
_CUT_OFF = """
() => [...document.querySelectorAll('[data-testid="stMetricLabel"], [data-testid="stMetricValue"]')]
  .flatMap(box => [box, ...box.querySelectorAll('*')])
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => el.innerText.trim())
"""
# On a deep link (/halls) Streamlit's front end first probes /halls/_stcore/health and /halls/_stcore/host-config to
# find its base path; those two 404s are its own start-up, not an error of the app.
BASE_PATH_PROBE = re.compile(r"^(/[^/]+)+/_stcore/(health|host-config)$")


@dataclass
class Tab:
    """A Playwright page on one server, with what it logged and fetched since it opened."""

    page: Page
    base: str
    hosts: frozenset[str] = LOCAL_HOSTS  # where the page may fetch from
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    in_flight: set[object] = field(default_factory=set)  # requests sent and not yet answered (a component's code…)

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("request", self._sent)
        self.page.on("requestfinished", self._answered)
        self.page.on("requestfailed", self._answered)
        self.page.on("download", lambda download: self.in_flight.clear())  # Chromium's download manager takes it
        self.page.add_init_script(_WATCH_CHANGES)

    def _sent(self, request) -> None:
        self.requests.append(request.url)
        self.in_flight.add(request)

    def _answered(self, request) -> None:
        self.in_flight.discard(request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if url.startswith(self.base) and BASE_PATH_PROBE.match(urlsplit(url).path):
            return
        self.console_errors.append(f"{message.text} [{url}]")

    def open(self, path: str = "/", *, expect: str | None = None) -> Tab:
        """Open a URL of the app and wait until its script has finished running (and `expect` is shown)."""
        self.in_flight.clear()  # the document they belonged to is gone
        self.page.goto(self.base + path, wait_until="domcontentloaded")
        self.page.wait_for_function(_DRAWN, polling=100, timeout=TIMEOUT_MS)
        return self.settle(expect)

    def go(self, page: str, *, expect: str | None = None) -> Tab:
        """Click a page's link in the sidebar, as a reader goes from page to page: the front end stays loaded (a new
        load costs Chromium several CPU-seconds), the session keeps its year and language. `page` is a URL path
        ("halls", "/halls"; "overview" for the overview, whose link is the site's root). Returns once the URL and
        the tab title name the new page and its run has been drawn."""
        from bench.browser import sidebar_link  # imports Playwright, which is optional until a browser test runs

        path = page.strip("/").removeprefix("overview")
        assert not self.page.evaluate(_AT_PAGE, path), f"already on /{path}: a click would not navigate"
        title = self.page.title()
        self.page.locator(sidebar_link(path or "overview")).first.click()
        try:
            self.page.wait_for_function(_AT_PAGE, arg=path, polling=100, timeout=TIMEOUT_MS)
            self.page.wait_for_function("title => document.title !== title", arg=title, polling=100,
                                        timeout=TIMEOUT_MS)
        except Exception as exc:  # the page named: a merged test's loop says which page it did not reach
            raise AssertionError(f"the sidebar link to /{path} did not open its page: {exc}") from exc
        return self.settle(expect)

    def settle(self, expect: str | None = None) -> Tab:
        """Wait for the expected text (if any), the script run to finish, and the page to stop changing.

        "notRunning" comes before React has drawn what the run sent (widgets such as download buttons load their
        code on demand), so the page must also be quiet for QUIET_MS before a test reads it.
        """
        if expect is not None:
            self.page.get_by_text(expect, exact=False).first.wait_for(timeout=TIMEOUT_MS)
        for _ in range(2):  # a rerun requested by the first run (query-param binding) starts within the quiet time
            self.page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
            self.wait_quiet()
        return self

    def wait_quiet(self) -> None:
        """Wait until the DOM has not changed for QUIET_MS and no request is in flight (an element's code is fetched
        when it is first drawn: on a busy machine that can take longer than QUIET_MS); at most TIMEOUT_MS — an endless
        animation only delays."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        deadline = time.monotonic() + TIMEOUT_MS / 1000
        answers_by = time.monotonic() + IN_FLIGHT_S
        with contextlib.suppress(PlaywrightTimeout):  # the assertions that follow still check what is shown
            while True:
                self.page.evaluate("() => { window.__gjjQuietSince = 0; }")  # quiet is seen afresh each time
                left = max(1, int((deadline - time.monotonic()) * 1000))
                self.page.wait_for_function(_QUIET, arg=QUIET_MS, polling=100, timeout=left)
                if not self.in_flight or time.monotonic() > min(deadline, answers_by):
                    return  # a request unanswered for IN_FLIGHT_S is no longer waited for (a beacon, a stream)
                self.page.wait_for_timeout(100)

    def text(self, selector: str = "body") -> str:
        """The visible text of an element (the whole page by default)."""
        return self.page.locator(selector).first.inner_text()

    def main_text(self) -> str:
        """The visible text of the page body, without the sidebar."""
        return self.text('[data-testid="stMain"]')

    def nav_text(self) -> str:
        """The visible text of the sidebar navigation."""
        return self.text('[data-testid="stSidebarNav"]')

    def outside_requests(self) -> list[str]:
        """Every request the page made to anything but this machine (or the proxy's name)."""
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme not in LOCAL_SCHEMES and parts.hostname not in self.hosts:
                outside.append(url)
        return outside

    def assert_clean(self, where: str = "") -> None:
        """No exception element, no console or page error, and nothing fetched from outside this machine; `where`
        names the page in the message (a test that goes through several)."""
        at = f" on {where}" if where else ""
        exceptions = self.page.locator(EXCEPTION)
        assert exceptions.count() == 0, f"stException shown{at}: {exceptions.all_inner_texts()}"
        assert not self.page_errors, f"JavaScript errors{at}: {self.page_errors}"
        assert not self.console_errors, f"console errors{at}: {self.console_errors}"
        assert not self.outside_requests(), f"requests leaving the machine{at}: {self.outside_requests()}"

    def cut_off(self) -> list[str]:
        """The KPI cards' labels and figures drawn wider than their box (shortened with "…" on screen)."""
        return self.page.evaluate(_CUT_OFF)

    def charts_without_alt_or_table(self) -> list[str]:
        """Charts not followed by a caption describing them (alt text) and a table of their numbers."""
        return self.page.evaluate(_CHART_CHECK)

    def platform_fonts(self, selector: str) -> list[str]:
        """The font families Chromium actually used to draw an element's text (via the DevTools protocol)."""
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            cdp.send("DOM.enable")
            root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            cdp.send("CSS.enable")
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        finally:
            cdp.detach()
        return [f["familyName"] for f in fonts if f.get("glyphCount", 0) > 0]

    def tab_to(self, predicate_js: str, limit: int = 60) -> list[str]:
        """Press Tab from the top of the page until the focused element satisfies predicate_js; the path taken."""
        path: list[str] = []
        self.page.locator("body").focus()
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            path.append(self.page.evaluate(_DESCRIBE_FOCUS))
            if self.page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
                return path
        raise AssertionError(f"not reached with {limit} Tab presses; focus went: {path}")

    def session_id(self) -> str:
        """Open the app and read this tab's Streamlit session id from the server's NewSession WebSocket message."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        found: list[str] = []

        def frame(payload: bytes | str) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg.FromString(payload)
                if msg.WhichOneof("type") == "new_session":
                    found.append(msg.new_session.initialize.session_id)

        self.page.on("websocket", lambda ws: ws.on("framereceived", frame))
        self.open("/")
        assert found, "no NewSession message seen on the WebSocket"
        return found[-1]

    def upload_status(self) -> int:
        """PUT a small CSV to /_stcore/upload_file as Streamlit's own uploader does (live session, XSRF token)."""
        session_id = self.session_id()
        token = {c["name"]: c["value"] for c in self.page.context.cookies()}["_streamlit_xsrf"]
        return self.page.evaluate(_UPLOAD_JS, [session_id, token])


# For each chart: the next three elements must hold a non-empty caption and a dataframe (widgets.chart_with_table).
_CHART_CHECK = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].flatMap((chart, n) => {
  let box = chart.closest('[data-testid="stElementContainer"]');
  let caption = '', table = false;
  for (let i = 0; i < 3 && box; i++) {
    box = box.nextElementSibling;
    if (!box) break;
    const text = box.querySelector('[data-testid="stCaptionContainer"]');
    if (text && !caption) caption = text.innerText.trim();
    table = table || !!box.querySelector('[data-testid="stDataFrame"]');
  }
  return caption && table ? [] : [`chart ${n + 1}: caption=${JSON.stringify(caption)} table=${table}`];
})"""
_UPLOAD_JS = """async ([sessionId, token]) => {
  const form = new FormData();
  form.append('file', new Blob(['year,value\\n2017,1\\n'], {type: 'text/csv'}), 'x.csv');
  const response = await fetch(`/_stcore/upload_file/${sessionId}/probe`,
    {method: 'PUT', body: form, headers: {'X-Xsrftoken': token}, credentials: 'same-origin'});
  return response.status;
}"""
_DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  const label = el.getAttribute('aria-label') || el.innerText || el.value || '';
  return `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') || el.getAttribute('role') || ''}] ${label}`
    .slice(0, 80);
}"""


def open_tab(browser, base: str, hosts: frozenset[str] | None = None, **headers: str) -> Iterator[Tab]:
    """A fresh browser context (own cookies, own Streamlit session) with one tab on base, closed afterwards; headers
    are added to every request the tab makes."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                  ignore_https_errors=True, extra_http_headers=headers)
    try:
        yield Tab(context.new_page(), base, hosts=hosts or LOCAL_HOSTS)
    finally:
        context.close()
