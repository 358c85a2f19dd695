"""Test support: a small year of invented figures written into a data directory in the canonical layout."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.values import write_values

FIXTURE_SOURCE = "测试夹具（虚构数据）"


def write_year(data_dir: Path, year: int, fmt: str, cells: dict[tuple[str, str], float | None]) -> Path:
    """A year folder holding exactly `cells` ((row, column) → figure; None is a blank cell) for the centre; a
    report-text measure (portal.visits …) is stored as such, whatever the year's format."""
    measures = load_catalogue().measures
    rows = [
        {"year": year, "unit": "centre", "format": "measure" if row in measures else fmt, "indicator": row,
         "column": column,
         "raw": "" if value is None else f"{value:g}", "value": value, "qualifier": "", "blank": value is None,
         "text": "", "source": FIXTURE_SOURCE}
        for (row, column), value in cells.items()
    ]
    folder = data_dir / "years" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "values.csv").write_bytes(write_values(pd.DataFrame(rows)))
    report = {"year": year, "format": fmt, "title": f"虚构中心{year}年度报告（{FIXTURE_SOURCE}）",
              "reporting_unit": "测试夹具（虚构单位）", "source": FIXTURE_SOURCE, "origin": "fixture"}
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return folder


def reviews_2021(upheld: int, corrected: int, other: int = 0, pending: int = 0) -> dict[tuple[str, str], float]:
    """Table 四's reconsideration row of a 2021-format year (总计 the sum of the four results)."""
    row = "n21.s4.review"
    total = upheld + corrected + other + pending
    return {(row, "upheld"): upheld, (row, "corrected"): corrected, (row, "other"): other, (row, "pending"): pending,
            (row, "total"): total}


def requests_2021(new: int, carried: int, decided: dict[str, int], forward: int) -> dict[tuple[str, str], float]:
    """Table 三's 总计 column of a 2021-format year: new, carried over, the results given, their total, forward."""
    cells = {("n21.s3.new_received", "total"): new, ("n21.s3.carried_over", "total"): carried,
             ("n21.s3.carried_forward", "total"): forward}
    cells.update({(f"n21.s3.{row}", "total"): n for row, n in decided.items()})
    cells[("n21.s3.total", "total")] = sum(decided.values())
    return cells
