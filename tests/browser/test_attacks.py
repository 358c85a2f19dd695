"""Attacks on a real staff server set up as deploy/ sets it (the unit's trusted proxies, its nginx site in front):
a bare WebSocket client sends clear_cache (any visitor can), and the login throttle and the data caches survive it;
a forged X-Forwarded-For through nginx does not choose the address a failure is counted under."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store import clients, logins
from tests.browser import proxy, servers
from tests.browser.tab import open_tab
from tests.support.stream import cached_functions, send_and_sync, stream

NAME, PASSWORD = "攻击目标", "attack-test-7"
FORGED = "10.9.9.9"


def unit_environment() -> dict[str, str]:
    """The trusted proxies deploy/systemd/gjj-dash-staff.service gives the staff process."""
    unit = (servers.DEPLOY / "systemd" / "gjj-dash-staff.service").read_text(encoding="utf-8")
    (value,) = re.findall(rf"^Environment={clients.ENV_TRUSTED_PROXIES}=(\S+)$", unit, re.MULTILINE)
    return {clients.ENV_TRUSTED_PROXIES: value}


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """A staff server of its own (its throttle counts must not touch the other tests' logins), with one account and
    the staff unit's trusted proxies."""
    try:
        running = servers.start(tmp_path_factory.mktemp("attack"), "staff", unit_environment())
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    auth.add_user(auth.accounts_path(running.data_dir), NAME, PASSWORD)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, server: servers.Server) -> Iterator[proxy.Proxy]:
    """deploy/nginx/gjj-dash-staff.conf in front of that server."""
    yield from proxy.in_front(tmp_path_factory.mktemp("attack-nginx"), "staff", server.url)


@pytest.fixture
def tab(browser, server: servers.Server) -> Iterator[object]:
    """A fresh browser context on that server."""
    yield from open_tab(browser, server.url)


@pytest.fixture
def forging_tab(browser, server: servers.Server) -> Iterator[object]:
    """A browser that adds X-Forwarded-For: 10.9.9.9 to every request, straight to the server (from loopback)."""
    yield from open_tab(browser, server.url, **{"X-Forwarded-For": FORGED})


@pytest.fixture
def forging_tab_via_site(browser, site: proxy.Proxy) -> Iterator[object]:
    """The same forging browser, reaching the server through the staff nginx site."""
    yield from open_tab(browser, site.url, frozenset({site.name}), **{"X-Forwarded-For": FORGED})


def clear_caches(server: servers.Server) -> None:
    """What the attacker does: open the WebSocket and send clear_cache, and wait until the server has handled it."""
    with stream(server.url) as socket:
        send_and_sync(socket, BackMsg(clear_cache=True))


def address_counts(server: servers.Server) -> dict[str, int]:
    """The failure count of every client address in the server's throttle file."""
    with sqlite3.connect(logins.logins_path(server.data_dir)) as db:
        return dict(db.execute("SELECT key, count FROM failures WHERE kind = 'address'").fetchall())


def log_in(tab, password: str, expect: str, name: str = NAME) -> str:
    """Submit the login form of 数据管理 and return the page's text once `expect` is shown."""
    tab.page.get_by_label(t("admin.login_name")).fill(name)
    tab.page.get_by_label(t("admin.login_password")).fill(password)
    tab.page.get_by_role("button", name=t("admin.login"), exact=True).click()
    tab.settle(expect=expect)
    return tab.main_text()


def fail_until_waiting(tab, server: servers.Server, seconds: float) -> None:
    """Wrong passwords, each after the previous delay has run out, until the name must wait `seconds`."""
    throttle = logins.Throttle(logins.logins_path(server.data_dir))
    while (wait := throttle.wait(NAME, "127.0.0.1")) < seconds:
        time.sleep(wait)
        log_in(tab, "wrong-password", expect=t("admin.login_wrong"))


def test_clear_cache_from_a_websocket_does_not_reset_the_login_throttle(tab, server) -> None:
    """Failed logins until an eight-second wait, then clear_cache from another client: the right password is still
    refused unchecked (the throttle keeps no state in Streamlit's caches; this holds without the clear_cache
    adapter too; the old throttle in st.cache_resource was emptied by this very message)."""
    tab.open("/admin", expect=t("admin.login_required"))
    fail_until_waiting(tab, server, 6.0)
    clear_caches(server)
    shown = log_in(tab, PASSWORD, expect="尝试次数过多")
    assert "本次未检查密码" in shown and "之后再试" in shown
    assert tab.page.get_by_role("tab", name=t("admin.tab_upload")).count() == 0


def test_clear_cache_from_a_websocket_leaves_the_data_caches_filled(tab, server) -> None:
    """After a page view the server's metrics show the loaders' st.cache_data and st.cache_resource entries; a
    clear_cache from a bare WebSocket client leaves every one of them in place, and the server logs it ignored the
    message (the adapter server.py installs runs in the real process)."""
    tab.open("/", expect=t("page.overview"))
    cached = cached_functions(server.url)
    data, resources = cached.get("st_cache_data", {}), cached.get("st_cache_resource", {})
    assert any("loaders" in name for name in data) and any("loaders" in name for name in resources), (data, resources)
    clear_caches(server)
    after = cached_functions(server.url)
    after_data, after_resources = after.get("st_cache_data", {}), after.get("st_cache_resource", {})
    assert set(after_data) >= set(data) and set(after_resources) >= set(resources)
    assert all(after_data[name] > 0 for name in data)
    assert "ignored a clear_cache message" in server.log_tail(200)


def test_a_forged_forwarded_for_through_nginx_is_not_the_address_counted(forging_tab, forging_tab_via_site,
                                                                         server) -> None:
    """The staff process believes X-Forwarded-For from its loopback peer (the unit's setting is live: straight to
    the server, the forged 10.9.9.9 is what gets counted); through the staff nginx site the same forged header is
    replaced by the browser's own address, so the failure is counted under 127.0.0.1 and 10.9.9.9 gains nothing."""
    forging_tab.open("/admin", expect=t("admin.login_required"))
    log_in(forging_tab, "wrong-password", expect=t("admin.login_wrong"), name="探测甲")
    assert address_counts(server).get(FORGED) == 1
    before = address_counts(server).get("127.0.0.1", 0)
    forging_tab_via_site.open("/admin", expect=t("admin.login_required"))
    log_in(forging_tab_via_site, "wrong-password", expect=t("admin.login_wrong"), name="探测乙")
    counts = address_counts(server)
    assert counts.get(FORGED) == 1 and counts.get("127.0.0.1", 0) == before + 1
