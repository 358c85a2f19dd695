"""Browser and HTTP tests of the light site on real servers: every /data/… URL of `gjj-dash serve` with its bytes and
headers, the light pages in Chromium (no script element, axe-core finds no violation, nothing fetched from outside),
build-site output served by `python -m http.server` without a broken link, and the nginx sites in front."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import pytest

from gjj_dash.cli import main
from gjj_dash.publish.open_data import DATAPACKAGE, OpenData
from gjj_dash.store.dataset import data_modified, data_version, load_dataset
from tests.browser import servers
from tests.support.light import missing_figures, parse

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PAGES = ["/report/2016/", "/report/2016/en/", "/report/2016/requests/", "/report/2016/tables/en/", "/report/",
         "/data/", "/data/en/"]


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One plain HTTP request: status, headers (lower-case names), body."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — loopback test server
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def published(public_server: servers.Server) -> OpenData:
    """The open data of the server's own data directory, built here independently of the server."""
    folder = public_server.data_dir
    return OpenData(load_dataset(folder), data_modified(folder))


def test_every_data_url_of_the_server_gives_its_bytes_and_headers(public_server: servers.Server,
                                                                  published: OpenData) -> None:
    """GET each /data/<file> and datapackage.json from `gjj-dash serve --public`: the same bytes, the media type,
    the download name, an ETag naming the data version, Last-Modified and Cache-Control; HEAD agrees."""
    version = data_version(public_server.data_dir)
    for name in [*published.resources, DATAPACKAGE]:
        status, headers, body = fetch(f"{public_server.url}/data/{name}")
        assert status == 200, name
        assert body == published.payload(name), name
        resource = published.resources.get(name)
        assert headers["content-type"] == (MEDIA[resource.kind] if resource else "application/json"), name
        if resource:
            assert f'filename="{resource.download}"' in headers["content-disposition"], name
        assert headers["etag"].startswith(f'W/"{version}-'), name
        assert parsedate_to_datetime(headers["last-modified"]).timestamp() == int(published.modified)
        assert headers["cache-control"] == "public, max-age=300"
        head_status, head, head_body = fetch(f"{public_server.url}/data/{name}", "HEAD")
        assert (head_status, head["etag"], head_body) == (200, headers["etag"], b""), name


def test_unknown_data_urls_get_the_chinese_404(public_server: servers.Server) -> None:
    """An unpublished year or a made-up file: 404, a Chinese page linking to /data/ (not Streamlit's app page)."""
    for path in ("/data/2099.csv", "/data/2016.parquet", "/report/2099/"):
        status, headers, body = fetch(public_server.url + path)
        assert status == 404 and headers["content-type"] == "text/html; charset=utf-8", path
        text = body.decode("utf-8")
        assert "未找到该页面或文件" in text and 'href="/data/"' in text and "<script" not in text, path


@pytest.fixture
def light_tab(browser, public_server: servers.Server) -> Iterator[object]:
    """A tab on the public server that may run axe-core despite the pages' no-script policy (bypass_csp)."""
    from tests.browser.tab import Tab

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        yield Tab(context.new_page(), public_server.url)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_light_pages_have_no_script_pass_axe_and_fetch_nothing_else(light_tab, path: str) -> None:
    """Each page: no <script> element in the DOM, the axe-core rules (WCAG 2.x A/AA) find no violation, no console
    error, one request only (the page itself)."""
    from axe_playwright_python.sync_playwright import Axe

    response = light_tab.page.goto(light_tab.base + path, wait_until="load")
    assert response is not None and response.status == 200
    assert light_tab.page.evaluate("document.querySelectorAll('script').length") == 0
    results = Axe().run(light_tab.page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    assert results.violations_count == 0, results.generate_snapshot()
    light_tab.assert_clean()
    assert [u for u in light_tab.requests if not u.startswith("data:")] == [light_tab.base + path]


def test_the_year_page_in_chromium_shows_every_figure_and_draws_its_charts(light_tab,
                                                                          published: OpenData) -> None:
    """Rendered by Chromium: every figure of 2016.csv in place, each chart an SVG image with a name, CJK text."""
    light_tab.page.goto(light_tab.base + "/report/2016/", wait_until="load")
    html = light_tab.page.content()
    assert missing_figures(html, published.payload("2016.csv"), published.dataset.catalogue) == []
    charts = light_tab.page.locator("svg.chart")
    assert charts.count() >= 4
    for n in range(charts.count()):
        box = charts.nth(n).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
        assert charts.nth(n).get_attribute("role") == "img"
    assert any("CJK" in f for f in light_tab.platform_fonts("main h1"))


def _answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:  # not listening yet
        return False


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory, public_server: servers.Server) -> Iterator[str]:
    """`gjj-dash build-site` of the server's data directory, served by `python -m http.server` on a free port."""
    out = tmp_path_factory.mktemp("static") / "site"
    assert main(["build-site", str(out), "--data-dir", str(public_server.data_dir)]) == 0
    port = servers.free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", servers.HOST,
                                "--directory", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{servers.HOST}:{port}/"
    try:
        deadline = time.monotonic() + 20
        while not _answers(url):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("python -m http.server did not start", pytrace=False)
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_static_site_has_no_broken_link(static_site: str) -> None:
    """Crawl from the index: every link of every page (fragments included) answers 200 on a plain static server."""
    seen, queue, broken, pages = set(), [static_site], [], 0
    while queue:
        url = queue.pop()
        status, headers, body = fetch(url)
        if status != 200:
            broken.append(f"{url} → {status}")
            continue
        if not headers.get("content-type", "").startswith("text/html"):
            continue
        pages += 1
        found = parse(body.decode("utf-8"))
        for link in found.links:
            target = urljoin(url, link)
            if not target.startswith(static_site):
                continue
            page, _, fragment = target.partition("#")
            if fragment and page == url and fragment not in found.ids:
                broken.append(f"{url} → #{fragment}")
            if page not in seen:
                seen.add(page)
                queue.append(page)
    assert broken == []
    assert pages >= 2 + 2 * 9 + 2  # the indexes, 2016's pages in both languages, the data indexes
    assert {urlsplit(u).path for u in seen} >= {"/data/2016.csv", "/data/datapackage.json", "/report/2016/en/"}


def test_through_the_public_nginx_site_light_pages_get_no_script_and_keep_the_headers(public_proxy) -> None:
    """deploy/nginx/gjj-dash-public.conf: /report/ bypasses the sub_filter that writes a script into dashboard pages;
    the site's security headers are still sent; /data/ files arrive whole."""
    status, headers, body = public_proxy.get("/report/2016/")
    assert status == 200 and b"<script" not in body and b"2016" in body
    assert "frame-ancestors 'none'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    status, headers, body = public_proxy.get("/data/2016.csv")
    assert status == 200 and body.startswith("\ufeffyear,".encode()) and headers["content-type"].startswith("text/csv")
    status, _, body = public_proxy.get("/")
    assert status == 200 and b"<script>window.__streamlit" in body  # the dashboard still gets its script


def test_nginx_serves_the_built_site_as_deploy_describes(static_nginx: str, published: OpenData) -> None:
    """With gjj-dash-site.locations: pages and files with their types, gzip-able, cached 5 minutes, the Chinese 404
    page for an unknown year — no Python per request."""
    status, headers, body = fetch(static_nginx + "/report/2016/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8" and b"<script" not in body
    assert headers["cache-control"] == "max-age=300" and "etag" in headers
    status, headers, body = fetch(static_nginx + "/data/2016.csv")
    assert (status, body) == (200, published.payload("2016.csv"))
    assert headers["content-type"] == "text/csv; charset=utf-8"
    status, headers, _ = fetch(static_nginx + "/data/2016.xlsx")
    assert headers["content-type"] == MEDIA["xlsx"]
    assert fetch(static_nginx + "/report/2016")[0] == 200  # nginx redirects the bare folder; urllib follows
    status, _, body = fetch(static_nginx + "/report/2099/")
    assert status == 404 and "未找到该页面或文件" in body.decode("utf-8")


def test_the_staff_server_serves_the_same_routes(staff_server: servers.Server, public_server: servers.Server) -> None:
    """`gjj-dash serve` (staff) answers /data/ and /report/ too, with the same bytes for the same data."""
    for path in ("/data/2016.csv", "/data/datapackage.json", "/report/2016/tables/"):
        staff, public = fetch(staff_server.url + path), fetch(public_server.url + path)
        assert staff[0] == public[0] == 200 and staff[2] == public[2], path
