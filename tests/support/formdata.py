"""Data directories built by the export tests: new-format fixture years, and a dataset full of formula-like text."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from gjj_dash.paths import BUNDLED_DATA

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
# Fixture years in the canonical layout (other bodies' published tables, test data only), with their format.
NEW_YEARS = {
    2019: ("shanghai-2019.csv", "new2019", "上海市人民政府办公厅"),
    2021: ("pingtan-2021.csv", "new2021", "平潭综合实验区"),
}
INJECTION = "=1+1"


def add_year(root: Path, year: int, report: dict | None = None) -> Path:
    """Copy one fixture year into root/years/<year> with a report.json naming its format (and any extra fields)."""
    name, fmt, body = NEW_YEARS[year]
    folder = root / "years" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPORTS / name, folder / "values.csv")
    meta = {"year": year, "format": fmt, "reporting_unit": body, "source": f"测试夹具 {name}", "origin": "bundled"}
    (folder / "report.json").write_text(json.dumps({**meta, **(report or {})}, ensure_ascii=False), encoding="utf-8")
    return folder


def fixture_cells(year: int) -> list[dict[str, str]]:
    """The fixture's rows as the test reads them itself (csv module, no package code)."""
    with (REPORTS / NEW_YEARS[year][0]).open(encoding="utf-8", newline="") as handle:
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
