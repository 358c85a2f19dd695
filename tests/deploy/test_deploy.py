"""deploy/: configs hold every setting of the security notes, units and nginx sites agree, backups restore."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock
from streamlit import config as st_config

from gjj_dash.cli.serve import COMMON_FLAGS, PUBLIC_FLAGS
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store import clients

DEPLOY = Path(__file__).resolve().parent.parent.parent / "deploy"
DATA_DIR = "/srv/gjj-dash/data"

# security.md, line by line: what the public deployment must set.
PUBLIC_SETTINGS = {
    "browser.gatherUsageStats": False,
    "client.showErrorDetails": "none",
    "client.showErrorLinks": False,
    "client.toolbarMode": "viewer",
    "client.disableDataExport": True,
    "client.allowedOrigins": [],
    "server.maxUploadSize": 0,
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.enableStaticServing": False,
    "server.fileWatcherType": "none",
    "server.runOnSave": False,
    "server.headless": True,
    "server.address": "127.0.0.1",
    "server.enableAgentApi": False,
    "server.maxMessageSize": 8,
    "runner.magicEnabled": False,
}


def settings(kind: str) -> dict[str, object]:
    """deploy/<kind>/config.toml flattened to section.option names."""
    parsed = tomllib.loads((DEPLOY / kind / "config.toml").read_text(encoding="utf-8"))
    return {f"{section}.{key}": value for section, options in parsed.items() for key, value in options.items()}


def unit(name: str) -> list[tuple[str, str]]:
    """A systemd unit's Key=Value lines in order (keys such as Environment= repeat)."""
    lines = (DEPLOY / "systemd" / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("=", 1)) for line in lines if "=" in line and not line.startswith("#")]


def values(pairs: list[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in pairs if k == key]


def test_public_config_sets_every_security_setting() -> None:
    """Each setting the security notes ask of the public deployment is in deploy/public/config.toml."""
    public = settings("public")
    for name, expected in PUBLIC_SETTINGS.items():
        assert public.get(name) == expected, f"{name} = {public.get(name)!r}, expected {expected!r}"
    hosts = public["server.allowedHosts"]
    assert hosts and "*" not in hosts and hosts[0] not in ("localhost", "127.0.0.1")


def test_staff_config_is_the_public_one_but_for_uploads_port_and_host() -> None:
    """The staff config differs from the public one only in upload size, port and host names."""
    public, staff = settings("public"), settings("staff")
    different = {k for k in public.keys() | staff.keys() if public.get(k) != staff.get(k)}
    assert different == {"server.maxUploadSize", "server.port", "server.allowedHosts"}
    assert staff["server.maxUploadSize"] == 10


@pytest.mark.parametrize("kind", ["public", "staff"])
def test_every_config_option_exists_in_streamlit(kind: str) -> None:
    """No option name is misspelt: Streamlit 1.67 knows each one (a typo would be ignored silently)."""
    known = set(st_config._config_options_template)
    assert set(settings(kind)) - known == set()


def test_serve_flags_agree_with_the_public_config() -> None:
    """`gjj-dash serve --public` passes the same values on its command line as the installed config.toml holds."""
    public = settings("public")
    for name, flag in {**COMMON_FLAGS, **PUBLIC_FLAGS}.items():
        assert str(public[name]).lower() == flag.lower(), name


def test_public_unit_runs_the_public_deployment_with_read_only_data() -> None:
    """The public unit serves --public on loopback, as a non-root user, and sees the data directory read-only."""
    pairs = unit("gjj-dash-public.service")
    (start,) = values(pairs, "ExecStart")
    assert " serve --public " in start and "--address 127.0.0.1" in start
    assert f"GJJ_DASH_DATA_DIR={DATA_DIR}" in values(pairs, "Environment")
    assert values(pairs, "ReadOnlyPaths") == [DATA_DIR]
    assert not values(pairs, "ReadWritePaths")
    assert values(pairs, "User") == ["gjj-public"]
    assert values(pairs, "ProtectSystem") == ["strict"] and values(pairs, "NoNewPrivileges") == ["yes"]


def test_staff_unit_writes_only_the_store_and_keeps_accounts_outside_it() -> None:
    """The staff unit serves without --public, may write only the data directory, and reads accounts from /etc."""
    pairs = unit("gjj-dash-staff.service")
    (start,) = values(pairs, "ExecStart")
    assert "--public" not in start and "--address 127.0.0.1" in start
    assert values(pairs, "ReadWritePaths") == [DATA_DIR]
    environment = dict(v.split("=", 1) for v in values(pairs, "Environment"))
    assert environment["GJJ_DASH_DATA_DIR"] == DATA_DIR
    assert not environment["GJJ_DASH_ACCOUNTS"].startswith(DATA_DIR)
    assert values(pairs, "User") == ["gjj-staff"] and values(pairs, "ProtectSystem") == ["strict"]


def test_only_the_staff_unit_trusts_its_nginx_for_the_client_address() -> None:
    """The staff unit believes X-Forwarded-For from the loopback nginx only, and that nginx sends the browser's
    own address on the WebSocket (a forged header is replaced); the public unit, with no login, trusts nobody."""
    staff = dict(v.split("=", 1) for v in values(unit("gjj-dash-staff.service"), "Environment"))
    assert [str(n) for n in clients.trusted_proxies(staff[clients.ENV_TRUSTED_PROXIES])] == ["127.0.0.1/32", "::1/128"]
    public = dict(v.split("=", 1) for v in values(unit("gjj-dash-public.service"), "Environment"))
    assert clients.ENV_TRUSTED_PROXIES not in public
    site = (DEPLOY / "nginx" / "gjj-dash-staff.conf").read_text(encoding="utf-8")
    stream = site[site.index("location = /_stcore/stream") :].split("}", 1)[0]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in stream


@pytest.mark.parametrize(("kind", "port"), [("public", 8501), ("staff", 8601)])
def test_unit_config_and_nginx_agree_on_port_and_name(kind: str, port: int) -> None:
    """The unit's --port, the config's port and the nginx upstream are one port; server_name is the allowed host."""
    (start,) = values(unit(f"gjj-dash-{kind}.service"), "ExecStart")
    site = (DEPLOY / "nginx" / f"gjj-dash-{kind}.conf").read_text(encoding="utf-8")
    assert f"--port {port}" in start and settings(kind)["server.port"] == port
    assert f"server 127.0.0.1:{port};" in site
    names = {n for n in re.findall(r"server_name\s+([^;\s]+);", site) if n != "_"}
    assert names == {settings(kind)["server.allowedHosts"][0]}


def test_public_site_blocks_uploads_and_metrics_and_is_sticky() -> None:
    """The public nginx site: sticky upstream, WebSocket upgrade, uploads/metrics blocked, no framing, host check."""
    site = (DEPLOY / "nginx" / "gjj-dash-public.conf").read_text(encoding="utf-8")
    assert re.search(r"upstream gjj_dash_public \{\s*ip_hash;", site)
    stream = site[site.index("location = /_stcore/stream") :]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream and "proxy_http_version 1.1;" in stream
    assert re.search(r"location ~ /_stcore/upload_file \{\s*return 413;", site)
    assert re.search(r"location ~ /_stcore/\(metrics\|agent\) \{\s*return 404;", site)
    assert "frame-ancestors 'none'" in site
    assert site.count("default_server") == 4 and site.count("return 444;") == 2
    assert "ssl_reject_handshake on;" in site


def _tree(root: Path) -> dict[str, str]:
    """Every file under root with its SHA-256 (the lock file aside)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".publish.lock"
    }


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A data directory shaped like a used store: years, an upload, a version, a pointer and the audit log."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA / "years", data / "years")
    (data / "uploads").mkdir()
    (data / "uploads" / ("a" * 64)).write_bytes("年度,数值\n2017,1\n".encode("gb18030"))
    (data / "versions" / "2017" / "1").mkdir(parents=True)
    (data / "versions" / "2017" / "1" / "values.csv").write_text("year\n2017\n", encoding="utf-8")
    (data / "current").mkdir()
    (data / "current" / "2017.json").write_text('{"version": 1}', encoding="utf-8")
    (data / "audit.jsonl").write_text('{"action": "publish", "year": 2017}\n', encoding="utf-8")
    return data


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(DEPLOY / script), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "GJJ_DASH_NO_SYSTEMCTL": "1", **env},
    )


def test_backup_then_restore_gives_back_the_same_store(store: Path, tmp_path: Path) -> None:
    """backup.sh archives the whole store with a checksum; restore.sh brings it back and keeps the replaced one."""
    before = _tree(store)
    done = _run("backup.sh", str(store), str(tmp_path / "backups"))
    assert done.returncode == 0, done.stderr
    archive = Path(done.stdout.strip())
    assert archive.is_file() and Path(f"{archive}.sha256").is_file()

    (store / "audit.jsonl").write_text("damaged", encoding="utf-8")
    shutil.rmtree(store / "versions")
    restored = _run("restore.sh", str(archive), str(store))
    assert restored.returncode == 0, restored.stderr
    assert _tree(store) == before
    (kept,) = tmp_path.glob("data.before-restore-*")
    assert (kept / "audit.jsonl").read_text(encoding="utf-8") == "damaged"


def test_backup_leaves_out_the_login_throttle_and_sessions(store: Path, tmp_path: Path) -> None:
    """The throttle's and the login sessions' SQLite files (and journals), written at any moment, are not archived;
    the store is."""
    for name in ("logins.sqlite3", "logins.sqlite3-journal", ".sessions.sqlite3", ".sessions.sqlite3-wal"):
        (store / name).write_bytes(b"SQLite format 3\0")
    archive = Path(_run("backup.sh", str(store), str(tmp_path / "backups")).stdout.strip())
    names = subprocess.run(["tar", "-tzf", str(archive)], capture_output=True, text=True, check=True).stdout
    assert "./audit.jsonl" in names.splitlines() and "logins" not in names and "sessions" not in names


def test_backup_waits_for_a_publish_in_progress(store: Path, tmp_path: Path) -> None:
    """While the store's publish lock is held, backup.sh waits, then gives up with a Chinese message and no archive."""
    with FileLock(str(store / ".publish.lock")):
        done = _run("backup.sh", str(store), str(tmp_path / "backups"), BACKUP_LOCK_TIMEOUT="1")
    assert done.returncode == 1
    assert "未能在 1 秒内取得发布锁" in done.stderr
    assert not list((tmp_path / "backups").iterdir())


def test_restore_refuses_a_damaged_archive_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    """An archive whose checksum no longer matches is refused before anything is touched."""
    archive = Path(_run("backup.sh", str(store), str(tmp_path / "backups")).stdout.strip())
    payload = bytearray(archive.read_bytes())
    payload[len(payload) // 2] ^= 0xFF
    archive.write_bytes(bytes(payload))
    before = _tree(store)
    done = _run("restore.sh", str(archive), str(store))
    assert done.returncode == 1 and "校验失败" in done.stderr
    assert _tree(store) == before
