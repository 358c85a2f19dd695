"""The real published reports in ../shared/reference/published each give back every figure of their expected file
(read in-process as `gjj-dash import` reads them: no year given); the scan is refused as a scan. Skipped, saying
so, on a machine without ../shared."""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.intake.preview import sources_frame
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.problems import Upload
from tests.support.reports import shared_published

FOLDER = shared_published()
pytestmark = pytest.mark.skipif(FOLDER is None, reason="../shared/reference/published is not on this machine")
FILES = sorted(p.name for p in FOLDER.iterdir() if p.suffix != ".json" and not p.name.startswith("README")) \
    if FOLDER else []


def _key(label: str) -> str:
    return "".join(unicodedata.normalize("NFKC", label).split())


def _rows(upload: Upload) -> dict[str, list[float]]:
    """Each printed row's label as the preview shows it (official, extra or as printed) → its figures in order."""
    frame = sources_frame(upload, load_catalogue())
    out: dict[str, list[float]] = {}
    for label, raw in zip(frame.iloc[:, 0], frame.iloc[:, 2], strict=True):
        out.setdefault(_key(label), []).append(float(raw.replace(",", "")))
    return out


@pytest.mark.parametrize("name", FILES)
def test_a_published_file_gives_back_every_figure_or_is_refused_as_a_scan(name: str) -> None:
    """Every expected row is found (label contained, figures equal); the scan's refusal says it is a scan."""
    payload = (FOLDER / name).read_bytes()
    upload = read_upload(payload, "report" + Path(name).suffix)
    if name.endswith("_scan.pdf"):
        assert not upload.ok and "扫描件" in upload.errors[0].message
        return
    expected = json.loads((FOLDER / (Path(name).stem + ".expected.json")).read_text(encoding="utf-8"))
    if expected.get("year_in_file") is False:
        assert not upload.ok and upload.errors[0].message.startswith("无法确定年度")
        upload = read_upload(payload, "report" + Path(name).suffix, expected["year"])
    assert upload.ok and upload.year == expected["year"], [p.line() for p in upload.errors]
    rows = _rows(upload)
    for label, values in expected["rows"]:
        hits = [got for key, got in rows.items() if _key(label) in key and got[-len(values):] == values]
        assert hits, f"{label} {values}"
    flat = [x for v in expected["appeals"].values() for x in v]
    s4 = [v for key, got in rows.items() for v in got if key in ("行政复议", "未经复议直接起诉", "复议后起诉")]
    assert not flat or [v for v in s4 if not math.isnan(v)] == flat
