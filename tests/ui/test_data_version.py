"""The data version is read once per script run, yet every rerun sees data published since the last one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from gjj_dash.model.values import read_values, write_values
from gjj_dash.store.dataset import data_version


def _add_year(data: Path, year: int) -> None:
    """Publish a copy of 2016 as another year, the way a new year's folder appears in the store."""
    source, target = data / "years" / "2016", data / "years" / str(year)
    shutil.copytree(source, target)
    frame = read_values(source / "values.csv").assign(year=year)
    (target / "values.csv").write_bytes(write_values(frame))
    report = json.loads((source / "report.json").read_text(encoding="utf-8")) | {"year": year}
    (target / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def test_a_year_published_between_reruns_shows_on_the_next_rerun(app, data_copy: Path) -> None:
    """2017 appears in the year selector on the rerun after its folder is written, with the same session."""
    at = app(data_copy).run()
    assert at.selectbox(key="year").options == ["2016"]
    before = data_version(data_copy)
    _add_year(data_copy, 2017)
    assert data_version(data_copy) != before
    at.run()
    assert not at.exception
    assert at.selectbox(key="year").options == ["2017", "2016"]
