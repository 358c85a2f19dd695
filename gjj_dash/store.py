"""I/O: the versioned store of published years (placeholder seam until the staff-upload issue fills it in)."""

from __future__ import annotations

from pathlib import Path


def current_dirs(data_dir: Path) -> dict[int, Path]:
    """The folder of each year's current published version; none until the store holds uploads."""
    return {}
