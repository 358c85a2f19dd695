"""Where things are: the bundled data, the data directory a command or page reads, and which deployment runs."""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
CATALOGUE_DIR = BUNDLED_DATA / "catalogue"
ENV_DATA_DIR = "GJJ_DASH_DATA_DIR"
# "public" for the read-only internet deployment (`gjj-dash serve --public`), "staff" otherwise; the server sets it.
ENV_MODE = "GJJ_DASH_MODE"


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the explicit argument, else $GJJ_DASH_DATA_DIR, else the bundled data/."""
    if arg:
        return Path(arg)
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(env) if env else BUNDLED_DATA


def years_root(data_dir: Path) -> Path:
    """The folder of year files: the data directory's own years/, or the bundled ones for a new, empty store."""
    own = data_dir / "years"
    return own if own.is_dir() else BUNDLED_DATA / "years"


def is_public() -> bool:
    """The public deployment: read-only, no staff page, no uploads."""
    return os.environ.get(ENV_MODE, "") == "public"
