"""Test support: start a gjj-dash deployment (`gjj-dash serve`) as a subprocess on a private data directory."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from gjj_dash.paths import BUNDLED_DATA, ENV_DATA_DIR, ENV_MODE

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HOST = "127.0.0.1"
START_TIMEOUT = 60.0


@dataclass
class Server:
    """One running deployment: its base URL, private data directory and log."""

    kind: str
    url: str
    data_dir: Path
    home: Path
    log: Path
    process: subprocess.Popen
    files_at_start: dict[str, str] | None = None

    def files(self) -> dict[str, str]:
        """Every file of the data directory with its SHA-256, to tell whether the server wrote anything."""
        return {
            str(p.relative_to(self.data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.data_dir.rglob("*"))
            if p.is_file()
        }

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's output, for failure messages."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def command(public: bool, port: int, data_dir: Path) -> list[str]:
    """The `gjj-dash serve` command line of a deployment, as the README gives it."""
    script = Path(sys.executable).with_name("gjj-dash")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "gjj_dash"]
    flags = ["--public"] if public else []
    return [*head, "serve", *flags, "--port", str(port), "--address", HOST, "--data-dir", str(data_dir)]


def prepare(root: Path, kind: str, deployed: bool = True) -> tuple[Path, Path]:
    """A data directory holding a copy of the bundled years, and a HOME whose Streamlit config is deploy/<kind>/
    (none when not deployed: the bare command, with only the checkout's own .streamlit/config.toml)."""
    data_dir = root / "data"
    shutil.copytree(BUNDLED_DATA / "years", data_dir / "years")
    home = root / "home"
    (home / ".streamlit").mkdir(parents=True)
    config = DEPLOY / kind / "config.toml"
    if deployed and config.exists():
        shutil.copy(config, home / ".streamlit" / "config.toml")
    return data_dir, home


def start(root: Path, kind: str, extra_env: dict[str, str] | None = None, deployed: bool = True) -> Server:
    """Start the public or staff deployment under root and wait until /_stcore/health answers (with extra
    environment variables, as a systemd unit sets them; deployed: with deploy/<kind>/config.toml, else the bare
    `gjj-dash serve`)."""
    data_dir, home = prepare(root, kind, deployed)
    port = free_port()
    # Nothing of the developer's own setup leaks in: data directory, mode, accounts file and trusted proxies come
    # from here.
    private = (ENV_DATA_DIR, ENV_MODE, "GJJ_DASH_ACCOUNTS", "GJJ_DASH_TRUSTED_PROXIES")
    env = {k: v for k, v in os.environ.items() if k not in private}
    env["HOME"] = str(home)  # the machine's ~/.streamlit never leaks in; the deployed config.toml does
    env.update(extra_env or {})
    log = root / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command(kind == "public", port, data_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=root,
            start_new_session=True,
        )
    server = Server(kind, f"http://{HOST}:{port}", data_dir, home, log, process)
    server.files_at_start = server.files()
    try:
        wait_healthy(server)
    except Exception:
        server.stop()
        raise
    return server


def wait_healthy(server: Server, timeout: float = START_TIMEOUT) -> None:
    """Poll /_stcore/health until it answers "ok"; raise with the server log if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} server exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.kind} server not healthy after {timeout:.0f} s:\n{server.log_tail()}")
