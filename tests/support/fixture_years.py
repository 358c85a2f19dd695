"""The public pages' synthetic fixture years (tests/fixtures/years/), assembled into a private data directory."""

from __future__ import annotations

import shutil
from pathlib import Path

YEARS = Path(__file__).resolve().parent.parent / "fixtures" / "years"
SETS = ("single", "trend", "appeals", "formats")  # one sparse year; 2016–2018 with per-branch halls; 2019 (2019
# format); bundled 2016 + Shanghai 2019 + Pingtan 2021 (other bodies' real tables as years 2019 and 2021)


def data_dir(tmp_path: Path, *sets: str) -> Path:
    """A data directory holding the years of the named fixture sets (copied, so nothing writes into tests/)."""
    target = tmp_path / "data"
    (target / "years").mkdir(parents=True, exist_ok=True)
    for name in sets:
        for year in (YEARS / name / "years").iterdir():
            shutil.copytree(year, target / "years" / year.name)
    return target
