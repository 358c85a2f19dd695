"""Browser tests of deploy/nginx: TLS, WebSocket upgrade, blocked paths, headers, host check — nginx run on loopback."""

from __future__ import annotations

import http.client
import ssl
from urllib.parse import urlsplit

import pytest

from gjj_dash.i18n import t
from tests.browser.tab import BASE_PATH_PROBE


def test_public_site_serves_the_dashboard_over_tls_through_nginx(public_via_proxy, public_proxy) -> None:
    """By its name over https the overview shows 2016's figures (WebSocket upgraded) with the security headers."""
    response = public_via_proxy.page.goto(public_proxy.url + "/?year=2016")
    public_via_proxy.settle(expect="13,810 次")
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["strict-transport-security"].startswith("max-age=")
    assert headers["x-content-type-options"] == "nosniff"
    assert "19,000+ 人次" in public_via_proxy.main_text()
    public_via_proxy.assert_clean()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("PUT", "/_stcore/upload_file/session/file", 413),
        ("POST", "/_stcore/upload_file/session/file", 413),
        ("GET", "/_stcore/metrics", 404),
        ("GET", "/halls/_stcore/metrics", 404),
        ("GET", "/_stcore/agent/openapi.json", 404),
        ("GET", "/_stcore/health", 200),
    ],
)
def test_public_site_blocks_uploads_metrics_and_agent(public_proxy, method: str, path: str, status: int) -> None:
    """nginx answers uploads 413 and hides metrics and the agent API; the health check still passes through."""
    body = b"x" * 1024 if method in ("PUT", "POST") else None
    assert public_proxy.request(method, path, body=body)[0] == status


def test_metrics_are_open_on_streamlit_itself(public_server) -> None:
    """Without the proxy Streamlit serves /_stcore/metrics — which is why nginx must block it."""
    import urllib.request

    with urllib.request.urlopen(public_server.url + "/_stcore/metrics", timeout=10) as response:
        assert response.status == 200


def test_upload_through_the_public_site_is_refused_even_with_a_live_session(public_via_proxy) -> None:
    """A well-formed upload from the page itself (session, XSRF token) is refused 413 by the public site."""
    assert public_via_proxy.upload_status() == 413


def test_staff_site_passes_the_websocket_and_uploads(staff_via_proxy) -> None:
    """Through the intranet site the staff app runs (WebSocket) and an upload reaches Streamlit (204)."""
    assert staff_via_proxy.upload_status() == 204
    staff_via_proxy.assert_clean()


def test_plain_http_redirects_to_https(public_proxy) -> None:
    """http:// on the site's name answers 301 to the https:// URL."""
    status, headers = public_proxy.request("GET", "/halls", tls=False)
    assert status == 301
    assert headers["location"] == f"https://{public_proxy.name}/halls"


@pytest.mark.parametrize("tls", [True, False], ids=["https", "http"])
def test_unknown_host_name_gets_no_answer(public_proxy, tls: bool) -> None:
    """A request for another Host (DNS rebinding, scanners by IP) is dropped without a response (nginx 444)."""
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        public_proxy.request("GET", "/", host="evil.example", tls=tls)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        public_proxy.request("GET", "/", host="127.0.0.1", tls=tls)


def test_unknown_tls_server_name_is_refused_at_the_handshake(public_proxy) -> None:
    """TLS for any other server name is rejected before a certificate is shown (ssl_reject_handshake)."""
    with pytest.raises(ssl.SSLError):
        public_proxy.request("GET", "/", sni="evil.example", host="evil.example")


def test_another_site_cannot_frame_the_dashboard(public_via_proxy, public_proxy) -> None:
    """An <iframe> of the dashboard on another origin is blocked by frame-ancestors 'none'."""
    page = public_via_proxy.page
    page.set_content(f'<iframe id="f" src="{public_proxy.url}/" width="600" height="400"></iframe>')
    page.wait_for_timeout(2000)
    frame = page.frame_locator("#f")
    assert frame.locator('[data-testid="stApp"]').count() == 0
    blocked = [m for m in public_via_proxy.console_errors if "frame-ancestors" in m]
    assert blocked, public_via_proxy.console_errors


def _probes(tab) -> list[str]:
    return [path for path in (urlsplit(url).path for url in tab.requests) if BASE_PATH_PROBE.match(path)]


def test_a_deep_link_through_the_site_connects_without_the_base_path_probe(public_via_proxy) -> None:
    """The site tells the front end the app is at its root: /disclosure opens without asking
    /disclosure/_stcore/health first, shows its figures, and the sidebar still leads to the other pages."""
    tab = public_via_proxy.open("/disclosure?year=2016", expect="204 条")
    assert "/_stcore/health" in {urlsplit(url).path for url in tab.requests}
    assert _probes(tab) == []
    tab.go("halls", expect="窗口")
    assert urlsplit(tab.page.url).path == "/halls"
    assert "19" in tab.main_text()
    assert _probes(tab) == []
    tab.assert_clean()


def test_without_the_site_a_deep_link_probes_its_own_path_first(public) -> None:
    """The same deep link straight to Streamlit: the probe the site's page saves (so the test above can fail)."""
    tab = public.open("/disclosure?year=2016", expect="204 条")
    assert "/disclosure/_stcore/health" in _probes(tab)


def test_a_download_through_the_site_gives_the_file(public_via_proxy) -> None:
    """A download is sent when clicked (over the WebSocket, then /media/…): through nginx the file arrives whole."""
    from pathlib import Path

    tab = public_via_proxy.open("/tables?year=2016", expect=t("tables.downloads"))
    with tab.page.expect_download(timeout=30_000) as info:
        tab.page.locator('[data-testid="stDownloadButton"] button').first.click()
    payload = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert info.value.suggested_filename.endswith(".csv")
    assert "(一)主动公开政府信息数,条,204" in payload
    tab.assert_clean()
