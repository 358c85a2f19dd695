"""Test support: a deploy/nginx site, unchanged but for ports and certificate, in front of a test server on loopback."""

from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.servers import DEPLOY, HOST, free_port

NGINX = Path("/usr/sbin/nginx")
OPENSSL = Path("/usr/bin/openssl")
START_TIMEOUT = 20.0


@dataclass
class Proxy:
    """An nginx running one deploy/nginx site: its public name and loopback ports."""

    name: str
    http_port: int
    https_port: int
    root: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"https://{self.name}:{self.https_port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def request(
        self,
        method: str,
        path: str,
        *,
        host: str | None = None,
        sni: str | None = None,
        body: bytes | None = None,
        tls: bool = True,
    ) -> tuple[int, dict[str, str]]:
        """One request with the given Host header and TLS server name; (status, headers)."""
        conn = _Connection(self.https_port if tls else self.http_port, sni or self.name, tls)
        try:
            conn.request(method, path, body=body, headers={"Host": host or self.name})
            response = conn.getresponse()
            response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()


    def log_marks(self) -> dict[str, int]:
        """How far nginx's logs go now, for `print_logs_since`."""
        return {name: _size(self.root / name) for name in LOGS}

    def print_logs_since(self, marks: dict[str, int]) -> None:
        """Print what nginx logged since `marks` (each request with its connection and that connection's request
        number): pytest shows it under a test that failed, and hides it otherwise."""
        for name in LOGS:
            if not (self.root / name).exists():
                print(f"--- nginx wrote no {name} ---")
                continue
            with open(self.root / name, "rb") as log:
                log.seek(marks.get(name, 0))
                print(f"--- nginx {name} during the test ---\n{log.read().decode('utf-8', 'replace')}")

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """GET over https by the site's name: (status, headers, body)."""
        conn = _Connection(self.https_port, self.name, True)
        try:
            conn.request("GET", path, headers={"Host": self.name})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()


LOGS = ("access.log", "error.log")
# Which connection (and which request on it) each request came on: a browser's retries show as several connections.
ACCESS_FORMAT = ("'$remote_addr:$remote_port c$connection/$connection_requests $msec \"$request\" $status "
                 "$body_bytes_sent $request_time $upstream_status'")


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


class _Connection(http.client.HTTPSConnection):
    """HTTP(S) to 127.0.0.1 whatever the name, with that name as the TLS server name (SNI); certificates unchecked."""

    def __init__(self, port: int, sni: str, tls: bool) -> None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__(sni, port, timeout=10, context=context)
        self.tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((HOST, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host) if self.tls else sock


def server_name(site: str) -> str:
    """The site's real server_name (not the catch-all `_`)."""
    text = (DEPLOY / "nginx" / f"gjj-dash-{site}.conf").read_text(encoding="utf-8")
    return next(n for n in re.findall(r"server_name\s+([^;\s]+);", text) if n != "_")


def _swap(text: str, pattern: str, repl: str, count: int) -> str:
    new, n = re.subn(pattern, repl, text)
    if n != count:  # the deploy file changed shape: fail loudly rather than test something else
        raise RuntimeError(f"expected {count} × {pattern!r} in the nginx site, found {n}")
    return new


def site_for_test(site: str, upstream: int, http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """The deploy/nginx site with loopback ports, the test certificate and the test server as upstream."""
    text = (DEPLOY / "nginx" / f"gjj-dash-{site}.conf").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\s*listen \[::\].*$", "", text)
    text = _swap(text, r"listen 443 ssl", f"listen {HOST}:{https_port} ssl", 2)
    text = _swap(text, r"listen 80\b", f"listen {HOST}:{http_port}", 2)
    text = _swap(text, r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", 1)
    text = _swap(text, r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", 1)
    return _swap(text, r"(?m)^(\s*)server 127\.0\.0\.1:\d+;", rf"\g<1>server {HOST}:{upstream};", 1)


def start(root: Path, site: str, upstream: int) -> Proxy:
    """Start nginx with the site in front of the server on port `upstream`; wait until it accepts connections."""
    name = server_name(site)
    cert, key = root / "site.crt", root / "site.key"
    subprocess.run(
        [
            str(OPENSSL),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name}",
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    (root / "site.conf").write_text(site_for_test(site, upstream, http_port, https_port, cert, key), encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {root / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(
        f"{user}daemon off;\npid {root / 'nginx.pid'};\nerror_log {root / 'error.log'};\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n  log_format connections {ACCESS_FORMAT};\n  access_log {root / 'access.log'} connections;\n"
        f"  {temp}\n  include {root / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [str(NGINX), "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    proxy = Proxy(name, http_port, https_port, root, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "error.log").read_text(errors="replace") if (root / "error.log").exists() else ""
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{log}")
        try:
            socket.create_connection((HOST, https_port), timeout=1).close()
            return proxy
        except OSError:
            time.sleep(0.1)
    proxy.stop()
    raise RuntimeError("nginx did not start listening")


def in_front(root: Path, site: str, server_url: str) -> Iterator[Proxy]:
    """deploy/nginx's site in front of a running server for as long as a fixture holds it; a start that fails fails
    the test (with nginx's own words), and nginx stops afterwards."""
    try:
        running = start(root, site, int(server_url.rsplit(":", 1)[1]))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield running
    finally:
        running.stop()
