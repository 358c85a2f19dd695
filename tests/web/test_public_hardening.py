"""The bare `gjj-dash serve --public` (no deploy/ config) is as hardened as deploy/public: its settings equal the
deployed ones key for key, and a real server refuses the upload endpoint, other origins and the agent API."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import requests

from gjj_dash.cli.serve import COMMON_FLAGS, PUBLIC_FLAGS, STAFF_FLAGS
from tests.browser import servers
from tests.support.sessions import upload

ROOT = Path(__file__).resolve().parents[2]
SITE_OWN = {"server.address", "server.port", "server.allowedHosts"}  # the site's own, in deploy/ only
MIB = 1024 * 1024


def flattened(path: Path) -> dict[str, object]:
    """A config.toml as section.option → value."""
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    return {f"{section}.{key}": value for section, options in parsed.items() for key, value in options.items()}


def as_toml(flag: str) -> object:
    """A command-line flag's value as config.toml would hold it."""
    return tomllib.loads(f"v = {flag}")["v"] if flag in ("true", "false") or flag.isdigit() else flag


def bare(flags: dict[str, str]) -> dict[str, object]:
    """What the bare command runs with: the checkout's .streamlit/config.toml, its flags on top."""
    return {**flattened(ROOT / ".streamlit" / "config.toml"), **{k: as_toml(v) for k, v in flags.items()}}


@pytest.mark.parametrize(("kind", "flags"), [("public", PUBLIC_FLAGS), ("staff", STAFF_FLAGS)])
def test_the_bare_command_has_every_hardening_setting_of_the_deployment(kind: str, flags: dict[str, str]) -> None:
    """Every key of deploy/<kind>/config.toml but address, port and host names has the same value in the bare
    `gjj-dash serve [--public]` (its flags over the checkout's config)."""
    deployed, ran = flattened(ROOT / "deploy" / kind / "config.toml"), bare({**COMMON_FLAGS, **flags})
    differing = {k: (v, ran.get(k, "(Streamlit's default)")) for k, v in deployed.items()
                 if k not in SITE_OWN and ran.get(k) != v}
    assert differing == {}
    assert ran["server.maxUploadSize"] == (0 if kind == "public" else 10)


@pytest.mark.parametrize(("method", "size", "chunked"), [
    ("PUT", 0, True), ("PUT", 0, False), ("PUT", 1024, False), ("PUT", 11 * MIB, True), ("POST", 1024, False),
    ("DELETE", 0, False)])
def test_the_public_upload_endpoint_refuses_everything(bare_public: servers.Server, method: str, size: int,
                                                       chunked: bool) -> None:
    """In a live session with a valid XSRF token, any request to /_stcore/upload_file is refused with 403 (without
    the guard Streamlit stored an empty file sent chunked with 204, and answered DELETE with 204); the server's
    data directory is untouched."""
    assert upload(bare_public.url, b"x" * size, method, chunked=chunked) == 403
    assert bare_public.files() == bare_public.files_at_start


def test_the_guard_answers_in_chinese_and_leaves_the_staff_uploads_alone(bare_public: servers.Server,
                                                                         bare_staff: servers.Server) -> None:
    """The refusal says why in Chinese; the staff server (no guard) still stores an upload (204)."""
    answer = requests.put(f"{bare_public.url}/_stcore/upload_file/s/f", data=b"", timeout=30)
    assert (answer.status_code, answer.text) == (403, "公众站点不接受上传。")
    assert upload(bare_staff.url, b"a,b\r\n") == 204


def test_other_origins_get_no_cors_grant_and_no_postmessage_control(bare_public: servers.Server) -> None:
    """No Access-Control-Allow-Origin for another site; the XSRF cookie is set; no origin may drive the app by
    postMessage (allowedOrigins empty, not Streamlit's *.streamlit.app list); the agent API is off."""
    health = requests.get(f"{bare_public.url}/_stcore/health", headers={"Origin": "https://evil.example"}, timeout=30)
    assert health.status_code == 200 and "access-control-allow-origin" not in health.headers
    assert "_streamlit_xsrf" in health.cookies
    host = requests.get(f"{bare_public.url}/_stcore/host-config", timeout=30).json()
    assert host["allowedOrigins"] == []
    agent = requests.post(f"{bare_public.url}/_stcore/agent/interact", json={}, timeout=30)
    assert agent.status_code in (403, 404)
