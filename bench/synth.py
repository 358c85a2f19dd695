"""Benchmark fixture: a clearly synthetic 20-year data directory (old, 2019 and 2021 formats, per-branch halls).

Built in a temporary folder for `make bench`, never in the checkout's data/. Every synthetic value's source and
every synthetic report's title say 合成数据 so nothing built here can pass for a real report. The bundled years
(2016) are copied in as they are, so a page showing 2016 shows the same report with one year or with twenty.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pandas as pd

from gjj_dash.model.catalogue import Catalogue, Indicator, load_catalogue
from gjj_dash.model.values import CENTRE, write_values
from gjj_dash.paths import BUNDLED_DATA

SYNTHETIC = "合成数据（仅供基准测试，非真实报告）"
FIRST_YEAR = 2006
YEARS = 20
# Per-branch hall figures the synthetic store reports from this year on (earlier years give the centre total).
BRANCH_HALLS_FROM = 2013
_HALLS = {"halls.count": (1, 1), "halls.windows": (4, 9), "halls.window_staff": (5, 12)}


def format_of(year: int) -> str:
    """The report format a centre used in a year: the old table to 2018, the 2019 trial to 2020, then 2021's."""
    return "old" if year <= 2018 else ("new2019" if year <= 2020 else "new2021")


def _cell(year: int, unit: str, fmt: str, item: str, column: str, value: float | None, **extra: object) -> dict:
    blank = value is None
    qualifier = str(extra.get("qualifier", ""))
    raw = extra.get("raw")
    if raw is None:
        raw = "" if blank else f"{int(value)}{qualifier}"
    return {
        "year": year, "unit": unit, "format": fmt, "indicator": item, "column": column, "raw": raw,
        "value": float("nan") if blank else float(value), "qualifier": qualifier, "blank": blank,
        "text": str(extra.get("text", "")), "source": SYNTHETIC,
    }


def _table_values(catalogue: Catalogue, fmt: str, rng: random.Random) -> dict[tuple[str, str], int | None]:
    """Figures for every valued cell of a format, consistent with the catalogue's sum/channel/subset relations."""
    rows = [i for i in catalogue.indicators.values() if i.format == fmt and i.has_value]
    children: dict[str, list[Indicator]] = {}
    for ind in rows:
        if ind.relation in ("sum", "channel") and ind.relation_to:
            children.setdefault(ind.relation_to, []).append(ind)
    out: dict[tuple[str, str], int | None] = {}
    for table in catalogue.tables_of(fmt):
        columns = catalogue.columns_of(fmt, table.id)
        parts = [c.id for c in columns if c.relation != "total"]
        totals = [c.id for c in columns if c.relation == "total"]
        for column in parts:
            memo: dict[str, int | None] = {}

            def value(ind: Indicator, column: str = column, memo: dict = memo) -> int | None:
                if ind.id in memo:
                    return memo[ind.id]
                kids = children.get(ind.id, [])
                if ind.relation == "subset" and ind.relation_to in catalogue.indicators:
                    parent = value(catalogue.indicators[ind.relation_to])
                    result: int | None = (parent or 0) // 3
                elif kids:
                    figures = [value(k) or 0 for k in kids]
                    channel = any(k.relation == "channel" for k in kids)
                    result = max(max(figures), sum(figures) * 4 // 5) if channel else sum(figures)
                elif fmt == "old":
                    result = None if rng.random() < 0.2 else rng.choice((0, 0, 1, 2, 3, 5, 8, 40))
                else:  # a matrix cell of the new formats: mostly 0, now and then a few
                    result = rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 2, 4))
                memo[ind.id] = result
                return result

            for ind in rows:
                if ind.table == table.id:
                    out[(ind.id, column)] = value(ind)
        for ind in rows:
            if ind.table != table.id:
                continue
            for column in totals:
                out[(ind.id, column)] = sum(out.get((ind.id, c)) or 0 for c in parts)
    if fmt != "old":  # 第一项 + 第二项 = 第三项 + 第四项 in every column of section 三
        prefix = "n19" if fmt == "new2019" else "n21"
        for column in {c for (_, c) in out}:
            total = out.get((f"{prefix}.s3.total", column))
            if total is None:
                continue
            carried = min(out.get((f"{prefix}.s3.carried_over", column)) or 0, total)
            forward = out.get((f"{prefix}.s3.carried_forward", column)) or 0
            out[(f"{prefix}.s3.carried_over", column)] = carried
            out[(f"{prefix}.s3.new_received", column)] = total + forward - carried
    return out


def year_frame(year: int, catalogue: Catalogue, rng: random.Random) -> pd.DataFrame:
    """One synthetic year in the canonical layout: its official table plus the narrative measures."""
    fmt = format_of(year)
    table = _table_values(catalogue, fmt, rng)
    rows = [_cell(year, CENTRE, fmt, item, column, v) for (item, column), v in table.items()]
    branches = [u.id for u in catalogue.branches()]
    for m in catalogue.measures.values():
        if m.restates:  # narrative restatements exist only beside the old table they restate
            if fmt != "old" or m.restates not in catalogue.indicators:
                continue
            shown = table.get((m.restates, "value"))
            if m.id == "narrative.reading_points":  # keep one narrative/table disagreement, like the 2016 report
                shown = (shown or 0) + 14
            rows.append(_cell(year, CENTRE, "measure", m.id, "value", shown or 0))
        elif m.id in _HALLS and year >= BRANCH_HALLS_FROM:
            low, high = _HALLS[m.id]
            rows += [_cell(year, b, "measure", m.id, "value", rng.randint(low, high)) for b in branches]
        elif m.id in _HALLS:
            low, high = _HALLS[m.id]
            rows.append(_cell(year, CENTRE, "measure", m.id, "value", len(branches) * rng.randint(low, high)))
        elif m.kind == "flag":
            units = branches if m.group == "facility" and rng.random() < 0.5 else [CENTRE]
            rows += [_cell(year, u, "measure", m.id, "value", 1, raw=m.label, text=m.label) for u in units]
        elif m.kind == "text":
            rows.append(_cell(year, CENTRE, "measure", m.id, "value", None, raw="", text=f"{SYNTHETIC}：{m.label}"))
            rows[-1]["blank"] = False
        else:
            figure = rng.randint(10, 30_000)
            qualifier = "余" if figure > 5000 and rng.random() < 0.5 else ""
            rows.append(_cell(year, CENTRE, "measure", m.id, "value", figure - figure % 100 if qualifier else figure,
                              qualifier=qualifier))
    return pd.DataFrame(rows)


def report_of(year: int) -> dict:
    """A report.json for a synthetic year (the bundled 2016 one's fields, every text marked synthetic)."""
    report = json.loads((BUNDLED_DATA / "years" / "2016" / "report.json").read_text(encoding="utf-8"))
    report.update(
        year=year,
        format=format_of(year),
        title=f"【{SYNTHETIC}】博州住房公积金管理中心{year}年度政府信息公开工作年度报告",
        period=f"{year}年1月1日至{year}年12月31日",
        source=SYNTHETIC,
        origin="synthetic",
    )
    report["footer"] = {k: ("合成" if k != "填报单位" else v) for k, v in report["footer"].items()}
    return report


def build(target: Path, first: int = FIRST_YEAR, years: int = YEARS, seed: int = 2016, bundled: bool = True) -> Path:
    """Write `years` years from `first` into target/years/ and return target (a data directory).

    Every year is synthetic except the bundled ones (copied unchanged) when `bundled` is true.
    """
    target = Path(target)
    if target.resolve().is_relative_to(BUNDLED_DATA.resolve()):
        raise ValueError("合成数据不得写入仓库的 data/ 目录")
    catalogue = load_catalogue()
    rng = random.Random(seed)
    for year in range(first, first + years):
        folder = target / "years" / str(year)
        real = BUNDLED_DATA / "years" / str(year)
        if bundled and (real / "values.csv").is_file():
            shutil.copytree(real, folder, dirs_exist_ok=True)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "values.csv").write_bytes(write_values(year_frame(year, catalogue, rng)))
        (folder / "report.json").write_text(json.dumps(report_of(year), ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover — `python bench/synth.py DIR` builds a store to look at
    import sys

    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "var/synth")))
