"""I/O: starting the Streamlit server for the staff or the public deployment with the right settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gjj_dash.paths import BUNDLED_DATA, ENV_DATA_DIR

APP = BUNDLED_DATA.parent / "app.py"
ENV_MODE = "GJJ_DASH_MODE"

# Flags for every deployment (see .streamlit/config.toml) and the extra ones of the public deployment.
COMMON_FLAGS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "server.enableStaticServing": "false",
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
    "client.showErrorDetails": "none",
    "client.showErrorLinks": "false",
    "client.toolbarMode": "viewer",
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
