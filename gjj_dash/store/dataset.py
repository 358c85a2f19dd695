"""Store: the published years of a data directory read into one Dataset, and the fingerprint caches are keyed on."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.values import Dataset, empty_values, read_values
from gjj_dash.paths import years_root
from gjj_dash.store.layout import current_dirs


def _year_folders(data_dir: Path) -> dict[int, str]:
    """Each year's folder as a plain path: the years' folder read with one scandir, then the store's published
    versions laid over it. Plain strings, no is_file(): data_version runs this on every script run."""
    folders: dict[int, str] = {}
    try:
        with os.scandir(years_root(data_dir)) as entries:
            folders = {int(e.name): e.path for e in entries if e.name.isdigit()}
    except OSError:
        pass

    folders.update((year, str(folder)) for year, folder in current_dirs(data_dir).items())
    return dict(sorted(folders.items()))


def year_dirs(data_dir: Path) -> dict[int, Path]:
    """Each year's folder of values.csv + report.json: the published version where the store has one."""
    return {y: Path(f) for y, f in _year_folders(data_dir).items() if os.path.isfile(os.path.join(f, "values.csv"))}


def _published_stats(data_dir: Path) -> list[tuple[int, str, os.stat_result]]:
    """(year, path, stat) of every file that makes up what the data directory publishes (values.csv, report.json)."""
    found = []
    for year, folder in _year_folders(data_dir).items():
        for name in ("values.csv", "report.json"):
            path = os.path.join(folder, name)
            try:
                found.append((year, path, os.stat(path)))
            except OSError:
                continue
    return found


def data_version(data_dir: Path) -> str:
    """A short fingerprint of what the data directory currently publishes; caches are keyed on it (one stat per
    file: a folder without values.csv is no year and adds nothing that matters)."""
    digest = hashlib.sha256()
    for year, path, stat in _published_stats(data_dir):
        digest.update(f"{year}|{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def data_modified(data_dir: Path) -> float:
    """When what the data directory publishes last changed (the newest file's mtime, seconds since the epoch; 0 when
    nothing is published): the Last-Modified of everything built from it."""
    return max((stat.st_mtime for _, _, stat in _published_stats(data_dir)), default=0.0)


def load_dataset(data_dir: Path, catalogue: Catalogue | None = None) -> Dataset:
    """Read every year of a data directory into one Dataset."""
    frames, reports = [], {}
    for year, folder in year_dirs(data_dir).items():
        frames.append(read_values(folder / "values.csv"))
        reports[year] = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    values = pd.concat(frames, ignore_index=True) if frames else empty_values()
    return Dataset(values, reports, catalogue)
