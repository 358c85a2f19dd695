"""Store: where the comparison bodies live in a data directory — their own area beside the centre's years, never
read by load_dataset — and what its pointers and settings say.

    peers/uploads/<sha256>               every report added, byte for byte (the client's name is metadata only)
    peers/<body key>/<year>/<n>/         values.csv + report.json + peer.json of version n (never changed)
    peers/<body key>/<year>/current.json the pointer: which version is listed (version 0: removed, nothing listed)
    peers/settings.json                  whether the public sees comparisons; the name the centre's rows carry

Adding, removing and changing a setting hold the store's own .publish.lock (so a backup, which holds it, never sees
half a change).

A body's key is a hash of its normalised name (gjj_dash.model.bodies.body_key); its name, kind and source are in
each version's peer.json. Removing a body only moves its pointer to 0: every file stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

PEERS, UPLOADS, SETTINGS, POINTER = "peers", "uploads", "settings.json", "current.json"
REMOVED = 0


@dataclass(frozen=True)
class PeerVersion:
    """One stored version of one body's year: the body as named, its kind (and who decided it), the file it was
    read from, who added it and when, the version it replaced, and the identity failures its tables print."""

    key: str
    body: str
    kind: str
    kind_by: str  # "words": told from the body's name; "staff": chosen when it was added
    year: int
    number: int
    user: str
    time: str
    sha256: str
    filename: str
    format: str
    title: str
    rows: int
    previous: int
    findings: int = 0  # error-level data-quality findings of the year as printed (kept, shown beside its figures)

    def holds(self, digest: str, kind: str, body: str) -> bool:
        """Whether this version is that very file for that body and kind (adding it again changes nothing)."""
        return (self.sha256, self.kind, self.body) == (digest, kind, body)


@dataclass(frozen=True)
class PeerSettings:
    """Whether the public deployment shows comparisons (default off), and the name the centre's own rows carry
    ("" = the centre's label in units.csv)."""

    public: bool = False
    centre_name: str = ""


def area(data_dir: Path) -> Path:
    return Path(data_dir) / PEERS


def year_folder(data_dir: Path, key: str, year: int) -> Path:
    return area(data_dir) / key / str(int(year))


def version_folder(data_dir: Path, key: str, year: int, number: int) -> Path:
    return year_folder(data_dir, key, year) / str(int(number))


def numbers(data_dir: Path, key: str, year: int) -> list[int]:
    """Every version folder of a body's year (hidden temp folders are not versions)."""
    folder = year_folder(data_dir, key, year)
    return [int(p.name) for p in folder.iterdir() if p.name.isdigit()] if folder.is_dir() else []


def pointed(data_dir: Path, key: str, year: int) -> int:
    """The listed version of a body's year; 0 when removed, never added, or the pointer names no stored version."""
    try:
        pointer = json.loads((year_folder(data_dir, key, year) / POINTER).read_text(encoding="utf-8"))
        number = int(pointer["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return REMOVED
    folder = version_folder(data_dir, key, year, number)
    return number if number != REMOVED and (folder / "values.csv").is_file() else REMOVED


def read_version(data_dir: Path, key: str, year: int, number: int) -> PeerVersion | None:
    """A version's peer.json, or None when it cannot be read."""
    path = version_folder(data_dir, key, year, number) / "peer.json"
    names = {f.name for f in fields(PeerVersion)}
    with contextlib.suppress(OSError, ValueError, TypeError):
        found = json.loads(path.read_text(encoding="utf-8"))
        return PeerVersion(**{k: v for k, v in found.items() if k in names})
    return None


def pairs(data_dir: Path) -> list[tuple[str, int]]:
    """Every (body key, year) folder of the area."""
    root = area(data_dir)
    if not root.is_dir():
        return []
    return [(body.name, int(year.name)) for body in sorted(root.iterdir())
            if body.is_dir() and body.name != UPLOADS and not body.name.startswith(".")
            for year in sorted(body.iterdir()) if year.is_dir() and year.name.isdigit()]


def listed(data_dir: Path) -> list[PeerVersion]:
    """The version listed for every body's year, by body name then year (removed years are left out)."""
    found = []
    for key, year in pairs(data_dir):
        number = pointed(data_dir, key, year)
        version = read_version(data_dir, key, year, number) if number != REMOVED else None
        if version is not None:
            found.append(version)
    return sorted(found, key=lambda v: (v.body, v.year))


def read_settings(data_dir: Path) -> PeerSettings:
    """The settings in force (defaults when the file is absent or unreadable: the public sees no comparison)."""
    with contextlib.suppress(OSError, ValueError, TypeError):
        found = json.loads((area(data_dir) / SETTINGS).read_text(encoding="utf-8"))
        return PeerSettings(public=found.get("public") is True, centre_name=str(found.get("centre_name") or ""))
    return PeerSettings()


def fingerprint(data_dir: Path) -> str:
    """A short fingerprint of what the area lists (pointers and settings, one stat each): the comparison's caches
    are keyed on it, as the pages' are on the centre's data version."""
    digest = hashlib.sha256()
    paths = [area(data_dir) / SETTINGS] + [year_folder(data_dir, k, y) / POINTER for k, y in pairs(data_dir)]
    for path in paths:
        with contextlib.suppress(OSError):
            stat = os.stat(path)
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
