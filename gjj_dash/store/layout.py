"""Store: where things live in a data directory, and which version of each year the pointers publish.

    uploads/<sha256>                 every accepted file, byte for byte (the client's name is metadata only)
    versions/<year>/<n>/             values.csv + report.json + version.json of version n (never changed)
    current/<year>.json              the pointer: which version of the year is published (absent: version 0)
    audit.jsonl                      the journal: one JSON line per publish, rollback, rejected or failed attempt
                                     (a publish or rollback writes its *_intent line before moving the pointer:
                                     gjj_dash.store.recovery)
    .publish.lock                    held while publishing or rolling back

Version 0 of a year is what the store started from: the data directory's own years/, or the bundled data.
"""

from __future__ import annotations

import json
from pathlib import Path

from gjj_dash.paths import years_root

UPLOADS, VERSIONS, CURRENT, AUDIT, LOCK = "uploads", "versions", "current", "audit.jsonl", ".publish.lock"
BASE = 0


def version_folder(root: Path, year: int, number: int) -> Path:
    """The folder of one stored version of a year."""
    return root / VERSIONS / str(int(year)) / str(int(number))


def base_dir(root: Path, year: int) -> Path | None:
    """The folder of a year's version 0 (the data the store started from), if it has one."""
    folder = years_root(root) / str(int(year))
    return folder if (folder / "values.csv").is_file() else None


def pointed(root: Path, year: int) -> int:
    """The published version number of a year (0: the data the store started from, or nothing); a pointer naming a
    version that is not there counts as 0."""
    path = root / CURRENT / f"{int(year)}.json"
    try:
        number = int(json.loads(path.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return BASE
    return number if number == BASE or (version_folder(root, year, number) / "values.csv").is_file() else BASE


def current_dirs(root: Path) -> dict[int, Path]:
    """The folder of each year whose pointer names a stored version."""
    found: dict[int, Path] = {}
    pointers = Path(root) / CURRENT
    if pointers.is_dir():
        for path in pointers.glob("*.json"):
            if path.stem.isdigit() and (number := pointed(Path(root), int(path.stem))) != BASE:
                found[int(path.stem)] = version_folder(Path(root), int(path.stem), number)
    return found


def numbers(root: Path, year: int) -> list[int]:
    """Every version folder of a year, whatever its state (hidden temp folders are not versions)."""
    folder = root / VERSIONS / str(int(year))
    return [int(p.name) for p in folder.iterdir() if p.name.isdigit()] if folder.is_dir() else []


def stored_years(root: Path) -> list[int]:
    """Years with at least one stored version."""
    folder = root / VERSIONS
    return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit()) if folder.is_dir() else []
