""".ci/audit.py against a vulnerability service that cannot be reached: the run fails, unless told to skip, and then
says so loudly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

AUDIT = Path(__file__).resolve().parent.parent.parent / ".ci" / "audit.py"


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released): connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _audit(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The audit with every request sent through a proxy that refuses connections (the service unreachable) and an
    empty cache, so no earlier answer stands in for the service."""
    proxy = f"http://127.0.0.1:{_closed_port()}"
    base = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "audit_skip_unreachable")}
    base |= {"HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "http_proxy": proxy,
             "XDG_CACHE_HOME": str(tmp_path / "cache"), "PIP_NO_INPUT": "1", **env}
    return subprocess.run([sys.executable, str(AUDIT)], capture_output=True, text=True, timeout=300, check=False,
                          env=base)


def test_an_unreachable_service_fails_the_audit(tmp_path: Path) -> None:
    """Nothing could be looked up: exit 1 and “FAILED”, with the way to skip named."""
    run = _audit(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "pip-audit: FAILED — the vulnerability service could not be reached" in run.stdout
    assert "AUDIT_SKIP_UNREACHABLE=1" in run.stdout


def test_skipping_when_unreachable_passes_under_a_loud_banner(tmp_path: Path) -> None:
    """AUDIT_SKIP_UNREACHABLE=1: exit 0, but the run prints SKIPPED and that nothing was audited between two bars."""
    run = _audit(tmp_path, AUDIT_SKIP_UNREACHABLE="1")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "!" * 78 and lines[-1] == "!" * 78
    assert "pip-audit: SKIPPED" in run.stdout and "NOT audited" in run.stdout
