"""Browser-test fixtures: one public and one staff server and one Chromium per session, a fresh tab per test."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gjj_dash.cli import main
from tests.browser import proxy, servers
from tests.browser.tab import open_tab

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent


def in_ci() -> bool:
    """Whether the CI environment variable is set (CI must never skip a browser test)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """Skip locally with the reason; fail under CI, where the browser tests must run."""
    if in_ci():
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in tests/browser carries the `browser` marker (-m browser / -m 'not browser')."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (its own browser download does not work here)."""
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        unavailable(f"Playwright is not installed ({exc}); run `make test`, which installs the dev extra")
    with sync_playwright() as playwright:
        # The deploy/nginx sites' names resolve to the loopback nginx of the proxy tests, and to nothing else.
        names = ",".join(f"MAP {proxy.server_name(site)} {servers.HOST}" for site in ("public", "staff"))
        args = [*CHROMIUM_ARGS, f"--host-resolver-rules={names}"]
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        yield chromium
        chromium.close()


def _server(tmp_path_factory: pytest.TempPathFactory, kind: str) -> Iterator[servers.Server]:
    try:
        server = servers.start(tmp_path_factory.mktemp(kind), kind)
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def public_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve --public` on a free port, with a copy of the bundled years and deploy/public/config.toml
    (after `browser`: without Chromium the tests skip, or fail under CI, before any server starts)."""
    yield from _server(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def staff_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve` (staff) on a free port, with a copy of the bundled years and deploy/staff/config.toml."""
    yield from _server(tmp_path_factory, "staff")


@pytest.fixture
def public(browser, public_server: servers.Server) -> Iterator[object]:
    """A fresh browser context (own cookies, own Streamlit session) on the public deployment."""
    yield from open_tab(browser, public_server.url)


@pytest.fixture
def staff(browser, staff_server: servers.Server) -> Iterator[object]:
    """A fresh browser context (own cookies, own Streamlit session) on the staff deployment."""
    yield from open_tab(browser, staff_server.url)


def _proxy(tmp_path_factory: pytest.TempPathFactory, site: str, server: servers.Server) -> Iterator[proxy.Proxy]:
    for tool in (proxy.NGINX, proxy.OPENSSL):
        if not os.access(tool, os.X_OK):
            unavailable(f"{tool} is missing (apt-get install nginx-light openssl)")
    yield from proxy.in_front(tmp_path_factory.mktemp(f"nginx-{site}"), site, server.url)


@pytest.fixture(scope="session")
def public_proxy(tmp_path_factory: pytest.TempPathFactory, public_server: servers.Server) -> Iterator[proxy.Proxy]:
    """deploy/nginx/gjj-dash-public.conf (loopback ports, a throw-away certificate) in front of the public server."""
    yield from _proxy(tmp_path_factory, "public", public_server)


@pytest.fixture(scope="session")
def staff_proxy(tmp_path_factory: pytest.TempPathFactory, staff_server: servers.Server) -> Iterator[proxy.Proxy]:
    """deploy/nginx/gjj-dash-staff.conf (loopback ports, a throw-away certificate) in front of the staff server."""
    yield from _proxy(tmp_path_factory, "staff", staff_server)


def _proxied_tab(browser, site: proxy.Proxy) -> Iterator[object]:
    """A fresh tab on a site by its name over https through its nginx; what nginx logged meanwhile is printed (pytest
    shows it under a failed test), even when closing the tab fails."""
    marks = site.log_marks()
    try:
        yield from open_tab(browser, site.url, frozenset({site.name}))
    finally:
        site.print_logs_since(marks)


@pytest.fixture
def public_via_proxy(browser, public_proxy: proxy.Proxy) -> Iterator[object]:
    """A fresh tab on the public deployment reached as a visitor would: https through nginx, by its name."""
    yield from _proxied_tab(browser, public_proxy)


@pytest.fixture
def staff_via_proxy(browser, staff_proxy: proxy.Proxy) -> Iterator[object]:
    """A fresh tab on the staff deployment reached through its intranet nginx site."""
    yield from _proxied_tab(browser, staff_proxy)


@pytest.fixture(scope="session")
def static_nginx(tmp_path_factory: pytest.TempPathFactory, public_server: servers.Server) -> Iterator[str]:
    """nginx serving build-site output with deploy/nginx/gjj-dash-site.locations (only its root changed)."""
    if not os.access(proxy.NGINX, os.X_OK):
        unavailable(f"{proxy.NGINX} is missing (apt-get install nginx-light)")
    root = tmp_path_factory.mktemp("nginx-static")
    assert main(["build-site", str(root / "site"), "--data-dir", str(public_server.data_dir)]) == 0
    snippet = (servers.DEPLOY / "nginx" / "gjj-dash-site.locations").read_text(encoding="utf-8")
    assert snippet.count("root /srv/gjj-dash/site;") == 3
    (root / "site.locations").write_text(snippet.replace("/srv/gjj-dash/site", str(root / "site")), encoding="utf-8")
    port = servers.free_port()
    temp = " ".join(f"{kind}_temp_path {root / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private temporary folder
    (root / "nginx.conf").write_text(
        f"{user}daemon off;\npid {root / 'nginx.pid'};\nerror_log {root / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n  access_log off;\n  {temp}\n  default_type application/octet-stream;\n"
        f"  limit_req_zone $binary_remote_addr zone=gjj_public_pages:1m rate=10r/s;\n"
        f"  server {{ listen {servers.HOST}:{port}; include {root / 'site.locations'}; }}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([str(proxy.NGINX), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{servers.HOST}:{port}"
    try:
        deadline = time.monotonic() + 20
        while not _listening(port):
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail(f"nginx did not start: {(root / 'error.log').read_text(errors='replace')}", pytrace=False)
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((servers.HOST, port)) == 0
