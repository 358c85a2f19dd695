"""The draft's preflight: the year's identity, narrative and cross-year findings (those of the data-quality audit, no
other), the tables the year holds nothing of, and the lines listed at the top of the draft — findings never stop it."""

from __future__ import annotations

import pandas as pd

from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report import preflight
from gjj_dash.publish.annual_report.report import build_report
from gjj_dash.quality.checks import check_dataset


def test_findings_are_the_audits_for_that_year(formats, drafts) -> None:
    """2016's preflight holds exactly the audit's 2016 findings: 204 > 191 (error) and the two restatements (notes)."""
    found = drafts(2016).preflight.findings
    assert list(found) == [f for f in check_dataset(formats) if f.year == 2016]
    assert [(f.check, f.severity) for f in found] == [("channel", "error"), ("restates", "note"), ("restates", "note")]


def test_lines_summarise_then_list_each_finding_and_the_places(drafts) -> None:
    """The lines start with the counts, give each finding with its year, severity and sources, then the places."""
    report = drafts(2016)
    lines = preflight.lines(report.preflight, report.places)
    assert lines[0].startswith("起草检查发现 3 项：错误 1 项，警告 0 项，提示 2 项。")
    assert lines[1].startswith("2016年 [错误] 最大渠道 ≤ 去重总数 ≤ 各渠道之和")
    assert "204 > 94 + 91 + 6 = 191" in lines[1]
    assert "17 个" in lines[3] and "3 个" in lines[3]
    assert lines[-1] == f"文稿中有 {report.places} 处【待填写：…】，须由工作人员撰写。"


def test_a_year_without_findings_says_so(drafts) -> None:
    """Pingtan 2021 passes every check: one line saying nothing was found."""
    report = drafts(2021)
    assert report.preflight.findings == () and report.preflight.clean
    assert preflight.lines(report.preflight)[0] == preflight.CLEAN


def _with_year(dataset: Dataset, source: int, year: int, changes: dict[tuple[str, str], float]) -> Dataset:
    """The dataset plus a copy of one year as another, some cells changed."""
    copy = dataset.year_values(source).copy()
    copy["year"] = year
    for (item, column), value in changes.items():
        hit = (copy["indicator"] == item) & (copy["column"] == column)
        copy.loc[hit, ["value", "raw"]] = [value, str(int(value))]
    reports = {**dataset.reports, year: {**dataset.reports[source], "year": year}}
    return Dataset(pd.concat([dataset.values, copy], ignore_index=True), reports)


def test_cross_year_findings_link_the_year_to_the_one_before(formats) -> None:
    """2022's 上年结转 of 5 against 2021's 结转下年度 of 1 is in 2022's preflight, not in 2021's."""
    data = _with_year(formats, 2021, 2022, {("n21.s3.carried_over", "total"): 5})
    later = preflight.run_preflight(data, 2022)
    assert any(f.check == "carry" for f in later.findings)
    assert not any(f.check == "carry" for f in preflight.run_preflight(data, 2021).findings)


def test_a_table_the_year_lacks_is_named_and_printed_empty(formats) -> None:
    """A 2021-format year without table 四 drafts it empty and the preflight names it; the draft is still made."""
    values = formats.values[~((formats.values["year"] == 2021) & formats.values["indicator"].str.startswith("n21.s4"))]
    data = Dataset(values.reset_index(drop=True), formats.reports)
    report = build_report(data, 2021)
    assert report.preflight.missing == ("四、政府信息公开行政复议、行政诉讼情况",)
    s4 = next(t for t in report.tables if t.key == "s4")
    assert [c.text for c in s4.figures()] == [""] * 15
    assert "没有以下统计表的任何数字" in preflight.lines(report.preflight)[-1]

