"""Publish: the draft's preflight — the year's identity, cross-year and narrative checks, run before it is written.

The findings never stop the draft (the figures are drafted as stored); they are listed at the top of the draft, on the
staff page and by the CLI, so they are fixed before publishing, not after.
"""

from __future__ import annotations

from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.blocks import Preflight
from gjj_dash.publish.official import official_tables
from gjj_dash.quality.checks import check_values
from gjj_dash.quality.findings import counts, finding_line

HEADING = "起草检查（发布前请删除本部分）"
CLEAN = "起草检查未发现问题：本年度数据的勾稽关系、跨年度衔接和正文与统计表对照均无发现。"
SUMMARY = (
    "起草检查发现 {n} 项：错误 {error} 项，警告 {warning} 项，提示 {note} 项。"
    "数字均按已发布数据起草，未作更正；请核实后再发布。"
)
MISSING = "本年度数据中没有以下统计表的任何数字，文稿中这些表格留空：{tables}。"
PLACES = "文稿中有 {n} 处【待填写：…】，须由工作人员撰写。"


def run_preflight(dataset: Dataset, year: int) -> Preflight:
    """The year's findings (its own and those linking it to the year before) and the tables it holds nothing of."""
    values = dataset.values[dataset.values["year"].isin([year - 1, year])].reset_index(drop=True)
    reports = {y: r for y, r in dataset.reports.items() if y in (year - 1, year)}
    findings = [f for f in check_values(values, dataset.catalogue, reports) if f.year == year]
    return Preflight(year, tuple(findings), tuple(_missing(dataset, year)))


def _missing(dataset: Dataset, year: int) -> list[str]:
    return [t.table.title for t in official_tables(dataset, year)
            if all(cell is None for row in t.rows for cell in row.cells)]


def summary(preflight: Preflight) -> str:
    """One sentence: how many findings of each severity, or that there are none."""
    if not preflight.findings:
        return CLEAN
    return SUMMARY.format(n=len(preflight.findings), **counts(preflight.findings))


def lines(preflight: Preflight, places: int = 0) -> list[str]:
    """The preflight as the draft lists it: the summary, each finding on its line, missing tables, places to fill."""
    out = [summary(preflight)]
    out += [finding_line(f) for f in preflight.findings]
    if preflight.missing:
        out.append(MISSING.format(tables="、".join(preflight.missing)))
    if places:
        out.append(PLACES.format(n=places))
    return out

