"""Benchmark: start a Streamlit server on a free loopback port, wait until it serves, read its memory and CPU."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from gjj_dash.cli.serve import COMMON_FLAGS, ENV_MODE
from gjj_dash.paths import ENV_DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline_app.py"
GJJ_DASH = Path(sys.executable).with_name("gjj-dash")
HOST = "127.0.0.1"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def app_command(port: int, data_dir: Path, public: bool = False) -> list[str]:
    """`gjj-dash serve` as `make run` (staff) or `make run-public` starts it, on loopback."""
    command = [str(GJJ_DASH), "serve", "--port", str(port), "--address", HOST, "--data-dir", str(data_dir)]
    return command + (["--public"] if public else [])


def baseline_command(port: int) -> list[str]:
    """`streamlit run` of the baseline page with the same server settings as every gjj-dash deployment."""
    flags = {**COMMON_FLAGS, "server.port": str(port), "server.address": HOST}
    return [sys.executable, "-m", "streamlit", "run", str(BASELINE), *[f"--{k}={v}" for k, v in flags.items()]]


def _get(url: str, timeout: float = 2.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 — loopback URL we built
        return response.read()


@dataclass
class Server:
    """A Streamlit server process this benchmark started (and only ever stops itself)."""

    command: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    started: float = 0.0
    ready: float = 0.0
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 90.0) -> Server:
        """Start the process; return once /_stcore/health answers ok and the page HTML has been fetched."""
        env = {**os.environ, **self.env}
        self.log = Path(tempfile.mkstemp(prefix="gjj-bench-", suffix=".log")[1])
        with self.log.open("wb") as out:
            self.started = time.perf_counter()
            self.process = subprocess.Popen(self.command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"服务进程已退出：{self.log.read_text(errors='replace')[-800:]}")
            try:
                if _get(self.url + "/_stcore/health", 1.0).strip() == b"ok" and b"<html" in _get(self.url + "/"):
                    self.ready = time.perf_counter()
                    return self
            except OSError:
                pass
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"服务在 {timeout:.0f} 秒内未就绪")

    @property
    def startup(self) -> float:
        """Seconds from starting the process to health OK and the first page HTML fetched."""
        return self.ready - self.started

    def rss_mb(self) -> float:
        """Resident memory of the server process in MiB (VmRSS of /proc/<pid>/status)."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmRSS not found")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def stop(self) -> None:
        """Stop the process this object started (SIGTERM, then SIGKILL after 10 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def __enter__(self) -> Server:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        if self.log is not None:
            self.log.unlink(missing_ok=True)


def app_server(data_dir: Path, public: bool = False, port: int | None = None) -> Server:
    """The gjj-dash server (not started yet) on a data directory."""
    port = port or free_port()
    env = {ENV_MODE: "public" if public else "staff", ENV_DATA_DIR: str(data_dir)}
    return Server(app_command(port, data_dir, public), port, env)


def baseline_server(port: int | None = None) -> Server:
    """The baseline page's server (not started yet)."""
    port = port or free_port()
    return Server(baseline_command(port), port)
