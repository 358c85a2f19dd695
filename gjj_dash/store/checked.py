"""Store: the data-quality findings of a proposed year, checked beside the other published years — once per published
data and proposal, so the preview's check is not done again under the publish lock when nothing changed between."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pandas as pd

from gjj_dash.model.problems import Finding
from gjj_dash.quality.checks import check_values
from gjj_dash.store.dataset import data_version, load_dataset

# The last check (key → findings): a preview and the publish that follows ask the same question in the same process.
_LAST: dict[tuple, tuple[Finding, ...]] = {}
_LOCK = threading.Lock()


def proposal_findings(root: Path, year: int, frame: pd.DataFrame, report: dict) -> list[Finding]:
    """The findings of `year` as `frame` and `report` would publish it, the other published years beside it."""
    proposal = (hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest(),
                hashlib.sha256(repr(sorted(report.items())).encode()).hexdigest())
    version = data_version(root)
    key = (str(Path(root).resolve()), version, year, proposal)
    with _LOCK:
        known = _LAST.get(key)
    if known is not None:
        return list(known)
    dataset = load_dataset(root)
    others = dataset.values[dataset.values["year"] != year]
    values = pd.concat([others, frame], ignore_index=True)
    reports = {**dataset.reports, year: report}
    found = tuple(f for f in check_values(values, dataset.catalogue, reports) if f.year == year)
    if data_version(root) == version:  # kept only when nothing was published while the store was read
        with _LOCK:
            _LAST.clear()
            _LAST[key] = found
    return list(found)
