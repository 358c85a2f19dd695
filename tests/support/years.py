"""Test support: the one way tests build a data directory — the fixture sets of tests/fixtures/years, a transcribed
report (tests/fixtures/reports) as a year, a copy of a year as another, a store with years missing between the
loaded ones, a store full of formula-like text, and a small year of invented figures given cell by cell (write_year,
with table 三 and 四 helpers)."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.values import read_values, write_values
from gjj_dash.paths import BUNDLED_DATA

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
REPORTS = FIXTURES_DIR / "reports"
YEARS = FIXTURES_DIR / "years"
SETS = ("single", "trend", "appeals", "formats")  # one sparse year; 2016–2018 with per-branch halls; 2019 (2019
# format); bundled 2016 + Shanghai 2019 + Pingtan 2021 (other bodies' real tables as years 2019 and 2021)
# Transcribed reports (other bodies' published tables, test data only) → (format, year filed as, reporting body).
FIXTURES = {
    "shanghai-2019": ("new2019", 2019, "上海市人民政府办公厅"),
    "pingtan-2019": ("new2019", 2019, "平潭综合实验区"),
    "pingtan-2021": ("new2021", 2021, "平潭综合实验区"),
}
INJECTION = "=1+1"


def data_dir(tmp_path: Path, *sets: str) -> Path:
    """A data directory holding the years of the named fixture sets (copied, so nothing writes into tests/)."""
    target = tmp_path / "data"
    (target / "years").mkdir(parents=True, exist_ok=True)
    for name in sets:
        for year in (YEARS / name / "years").iterdir():
            shutil.copytree(year, target / "years" / year.name)
    return target


GAP_YEARS = (2016, 2019, 2024)  # the store with gaps: 2017–2018 and 2020–2023 not loaded


def gap_years(root: Path) -> Path:
    """A data directory with gaps, as staff build one by importing the reports they find first: the `formats` set's
    2016 (old table) and 2019 (Shanghai's 2019-format table, blank detail 总计 cells) and its 2021 (Pingtan's
    2021-format table) re-dated 2024; 2017–2018 and 2020–2023 missing. The data directory."""
    target = data_dir(root, "formats")
    copy_year(target, 2021, 2024)
    shutil.rmtree(target / "years" / "2021")
    return target


def fixture(name: str) -> pd.DataFrame:
    """A transcribed report's canonical values."""
    return read_values(REPORTS / f"{name}.csv")


def add_report(
    root: Path, name: str, year: int | None = None, *, frame: pd.DataFrame | None = None, report: dict | None = None
) -> Path:
    """A transcribed report as root/years/<year> (its own year unless re-dated; its values optionally changed):
    the file copied byte for byte when nothing changes, with a report.json naming its format and body. The data
    directory (root)."""
    fmt, filed, body = FIXTURES[name]
    year = year or filed
    folder = root / "years" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    if frame is None and year == filed:
        shutil.copy(REPORTS / f"{name}.csv", folder / "values.csv")
    else:
        (folder / "values.csv").write_bytes(write_values((fixture(name) if frame is None else frame).assign(year=year)))
    meta = {"year": year, "format": fmt, "reporting_unit": body, "source": f"测试夹具 {name}", "origin": "bundled"}
    (folder / "report.json").write_text(json.dumps({**meta, **(report or {})}, ensure_ascii=False), encoding="utf-8")
    return root


def copy_year(root: Path, source: int, year: int) -> None:
    """A copy of a year of root as another year (values re-dated), the way a new year's folder appears."""
    src, target = root / "years" / str(source), root / "years" / str(year)
    shutil.copytree(src, target)
    (target / "values.csv").write_bytes(write_values(read_values(src / "values.csv").assign(year=year)))
    report = json.loads((src / "report.json").read_text(encoding="utf-8")) | {"year": year}
    (target / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def cells(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[float | None, bool, str, str]]:
    """(indicator, column) → (value, blank, qualifier, text) of the statistics-table rows: what a round trip keeps."""
    table = frame[frame["format"] != "measure"]
    return {
        (r.indicator, r.column): (None if math.isnan(r.value) else r.value, bool(r.blank), r.qualifier, r.text)
        for r in table.itertuples(index=False)
    }


def fixture_cells(name: str) -> list[dict[str, str]]:
    """The fixture's rows as the test reads them itself (csv module, no package code)."""
    with (REPORTS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def injected_data(root: Path) -> tuple[Path, Path]:
    """A data dir and catalogue dir where a label, footer, source, raw cell and measure text all begin with =1+1."""
    catalogue = root / "catalogue"
    shutil.copytree(BUNDLED_DATA / "catalogue", catalogue)
    path = catalogue / "indicators_old.csv"
    text = path.read_text(encoding="utf-8").replace(",(一)主动公开政府信息数,", f",{INJECTION}主动公开政府信息数,")
    path.write_text(text, encoding="utf-8")
    folder = root / "data" / "years" / "2016"
    shutil.copytree(BUNDLED_DATA / "years" / "2016", folder)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    report["footer"]["填报人"] = INJECTION
    report["footer"]["填报单位"] = "@SUM(A1)"
    report["source"] = '=HYPERLINK("http://example.invalid","x")'
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    values = (folder / "values.csv").read_text(encoding="utf-8")
    values = values.replace("未接到政府信息公开事务的行政复议", INJECTION).replace(",19000余,", ",-1+1,")
    (folder / "values.csv").write_text(values, encoding="utf-8")
    return root / "data", catalogue


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
