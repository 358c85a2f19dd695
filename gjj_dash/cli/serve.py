"""CLI: `gjj-dash serve` — the Streamlit server of the staff or the public deployment, with the right settings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gjj_dash.cli.common import Command
from gjj_dash.paths import BUNDLED_DATA, ENV_DATA_DIR, ENV_MODE

# The server entry (st.App with the web routes) that runs app.py, the router of the pages.
APP = BUNDLED_DATA.parent / "server.py"

# Flags for every deployment (see .streamlit/config.toml) and the extra ones of the public deployment: the values
# deploy/public/config.toml holds for every hardening key (tests/web/test_public_hardening.py), so the bare command is
# as safe as the deployment; only address, port and allowedHosts are the site's own. Lists cannot be passed as flags:
# client.allowedOrigins and server.corsAllowedOrigins (both empty) come from the checkout's .streamlit/config.toml,
# which `serve` runs in (a project config outranks ~/.streamlit). server.py adds the public upload guard.
# WebSocket messages over 8 MB are refused (Streamlit: 200 MB). Uploads go over HTTP, not the WebSocket; an outgoing
# message over the limit is shown as an error instead, so it stays well above a page's tables and charts.
MAX_MESSAGE_MB = 8
COMMON_FLAGS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "server.enableStaticServing": "false",
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
    "server.maxMessageSize": str(MAX_MESSAGE_MB),
    "server.enableAgentApi": "false",
    "client.showErrorDetails": "none",
    "client.showErrorLinks": "false",
    "client.toolbarMode": "viewer",
    # No CSV download or clipboard copy from a grid: Excel would run a cell such as =HYPERLINK(…) as a formula; every
    # table has the app's own formula-safe CSV download below it.
    "client.disableDataExport": "true",
    "runner.magicEnabled": "false",
    # No full garbage collection after every script run: it took ~80 ms of CPU per page view under the interpreter
    # lock (docs/performance.md), 6× the page's own work; Python's own collector still runs.
    "runner.postScriptGC": "false",
}
PUBLIC_FLAGS = {"server.maxUploadSize": "0"}
STAFF_FLAGS = {"server.maxUploadSize": "10"}


def streamlit_command(public: bool, port: int, address: str | None = None) -> list[str]:
    """The `streamlit run` command line of a deployment."""
    flags = {**COMMON_FLAGS, **(PUBLIC_FLAGS if public else STAFF_FLAGS), "server.port": str(port)}
    if address:
        flags["server.address"] = address
    return [sys.executable, "-m", "streamlit", "run", str(APP), *[f"--{k}={v}" for k, v in flags.items()]]


def serve(public: bool, port: int, data_dir: str | None = None, address: str | None = None) -> int:
    """Replace this process with the Streamlit server of the chosen deployment."""
    env = dict(os.environ)
    env[ENV_MODE] = "public" if public else "staff"
    if data_dir:
        env[ENV_DATA_DIR] = str(Path(data_dir).resolve())
    elif env.get(ENV_DATA_DIR):
        Path(env[ENV_DATA_DIR]).mkdir(parents=True, exist_ok=True)
        env[ENV_DATA_DIR] = str(Path(env[ENV_DATA_DIR]).resolve())
    command = streamlit_command(public, port, address)
    os.chdir(APP.parent)
    os.execvpe(command[0], command, env)
    return 0  # not reached


def cmd_serve(args: argparse.Namespace) -> int:
    return serve(public=args.public, port=args.port, data_dir=args.data_dir, address=args.address)


def _serve_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--public", action="store_true", help="公众只读部署（无数据管理页、不接受上传）")
    sub.add_argument("--port", type=int, default=8501, help="端口（默认 8501）")
    sub.add_argument("--address", default=None, help="监听地址（默认 Streamlit 的默认值）")


COMMANDS = [Command("serve", "启动看板服务", cmd_serve, _serve_arguments)]
