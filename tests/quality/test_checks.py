"""The data-quality audit: each identity broken once, the real cases (2016, Shanghai, Pingtan), the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from gjj_dash.cli import main
from gjj_dash.i18n import strings
from gjj_dash.model.catalogue import Catalogue, CatalogueError
from gjj_dash.model.values import Dataset, conform, read_values
from gjj_dash.quality.checks import check_dataset, check_draft, check_values, load_checks
from gjj_dash.quality.findings import expand_items, finding_line, findings_for, row_hits, selected
from gjj_dash.quality.grid import parse_terms

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
TABLE = "测试表（手工构造）"


def frame(*years: tuple[int, str, dict]) -> pd.DataFrame:
    """A canonical frame from {(indicator, column): value or None (blank)} per (year, format)."""
    rows = []
    for year, fmt, cells in years:
        for (indicator, column), value in cells.items():
            item_format = "measure" if "." in indicator and indicator.split(".")[0] not in ("old", "n19", "n21") \
                else fmt
            rows.append({
                "year": year, "unit": "centre", "format": item_format, "indicator": indicator, "column": column,
                "raw": "" if value is None else str(value), "value": math.nan if value is None else float(value),
                "qualifier": "", "blank": value is None, "text": "", "source": TABLE,
            })
    return conform(pd.DataFrame(rows))


def old(cells: dict[str, float | None], year: int = 2016) -> tuple[int, str, dict]:
    return year, "old", {(k, "value"): v for k, v in cells.items()}


def matrix(prefix: str, rows: dict[str, list[float | None]], columns: tuple[str, ...]) -> dict:
    return {(f"{prefix}.{row}", col): v for row, values in rows.items() for col, v in zip(columns, values, strict=True)}


S3 = ("natural", "commercial", "research", "public_interest", "legal_services", "other", "total")
S4 = ("upheld", "corrected", "other", "pending", "total")
# 一 + 二 = （七） + 四 holds and every row adds up: the base the matrix cases break one cell of.
N21 = {
    "new_received": [5, 0, 0, 1, 0, 0, 6], "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "disclosed": [3, 0, 0, 1, 0, 0, 4], "partial": [1, 0, 0, 0, 0, 0, 1], "other_other": [1, 0, 0, 0, 0, 0, 1],
    "total": [5, 0, 0, 1, 0, 0, 6], "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}


def n21(**changes: list[float | None]) -> tuple[int, str, dict]:
    return 2021, "new2021", matrix("n21.s3", {**N21, **changes}, S3)


def case(identity: str, years: list, check: str, severity: str, *words: str, also: tuple = ()):  # noqa: ANN201
    """One row of the table: the frame, the finding it must give (plus `also`: a wrong 总计 cell sits in its
    column's identities too), and words its sentence must contain."""
    return pytest.param(years, [(check, severity), *also], list(words), id=identity)


CASES = [
    case("old 三(一) 收到 = 当面 + 传真 + 网络 + 信函",
         [old({"old.s3.received": 5, "old.s3.recv_in_person": 2, "old.s3.recv_online": 2})],
         "sum", "error", "“(一)收到申请数”为 5 件", "2 + 2 = 4 件"),
    case("old 三(一) with a blank part",
         [old({"old.s3.received": 2, "old.s3.recv_in_person": None, "old.s3.recv_online": 1})],
         "sum", "error", "其下各项之和为 1 件", "空白栏按 0 计：“1.当面申请数”"),
    case("old 三(二) 办结 = 按时 + 延期",
         [old({"old.s3.completed": 3, "old.s3.completed_on_time": 1, "old.s3.completed_late": 1})],
         "sum", "error", "“(二)申请办结数”为 3 件"),
    case("old 三(三) 答复 = Σ 1..8", [old({"old.s3.answered": 4, "old.s3.ans_granted": 2, "old.s3.ans_amend": 1})],
         "sum", "error", "“(三)申请答复数”为 4 件", "2 + 1 = 3 件"),
    case("old 4.不同意公开 = Σ 其中", [old({"old.s3.ans_refused": 1, "old.s3.refused_privacy": 2})],
         "sum", "error", "“4.不同意公开答复数”为 1 件", "其下各项之和为 2 件"),
    case("old 四 复议 = (一)+(二)+(三)", [old({"old.s4": 2, "old.s4.upheld": 1})],
         "sum", "error", "“四、行政复议数量”为 2 件"),
    case("old 五 诉讼 = (一)+(二)+(三)", [old({"old.s5": 0, "old.s5.corrected": 1})],
         "sum", "error", "“五、行政诉讼数量”为 0 件"),
    case("old 八(三) 人员 = 专职 + 兼职",
         [old({"old.s8.staff": 3, "old.s8.staff_fulltime": 1, "old.s8.staff_parttime": 1})],
         "sum", "error", "“(三)从事政府信息公开工作人员数”为 3 人", "1 + 1 = 2 人"),
    case("old 其中:规范性文件 ≤ 一(一)", [old({"old.s1.disclosed": 5, "old.s1.normative_docs": 9})],
         "subset", "error", "“其中:主动公开规范性文件数”为 9 条", "大于其上级项“(一)主动公开政府信息数”的 5 条"),
    case("old 其中:主要负责同志 ≤ 发布会", [old({"old.s2.press_conf": 1, "old.s2.press_conf_leader": 2})],
         "subset", "error", "“其中:主要负责同志参加新闻发布会次数”为 2 次"),
    case("old 一(一) ≤ Σ channels", [old({"old.s1.disclosed": 20, "old.s1.ch_website": 5, "old.s1.ch_weibo": 5})],
         "channel", "error", "20 > 5 + 5 = 10 条"),
    case("old 一(一) ≥ largest channel", [old({"old.s1.disclosed": 3, "old.s1.ch_website": 5})],
         "channel", "error", "小于其中最大的渠道“2.政府网站公开政府信息数”的 5 条"),
    case("old 二(一) ≤ Σ 回应 channels", [old({"old.s2.responses": 9, "old.s2.other_responses": 4})],
         "channel", "error", "9 > 4 次"),
    case("old total with every channel blank", [old({"old.s1.disclosed": 7, "old.s1.ch_website": None})],
         "channel_blank", "warning", "各渠道均未填报"),
    case("old 办结 ≤ 收到",
         [old({"old.s3.received": 1, "old.s3.recv_online": 1, "old.s3.completed": 2, "old.s3.completed_on_time": 2})],
         "completed_received", "warning", "不成立：(二)申请办结数 2，大于 (一)收到申请数 1"),
    case("new 每行 总计 = Σ applicants", [n21(new_received=[5, 0, 0, 1, 0, 0, 7])],
         "row_total", "error", "“一、本年新收政府信息公开申请数量”的“总计”为 7 件", "5 + 1 = 6 件",
         also=[("balance_2021", "error")]),
    case("new （七）总计 = Σ detail rows", [n21(disclosed=[4, 0, 0, 1, 0, 0, 5])],
         "sum", "error", "“（七）总计”（自然人列）为 5 件", "4 + 1 + 1 = 6 件", also=[("sum", "error")]),
    case("new 一 + 二 = （七） + 四", [n21(carried_over=[2, 0, 0, 0, 0, 0, 2])],
         "balance_2021", "error", "“一 + 二 = （七）总计 + 四”（自然人列）不成立",
         "5 + 二、上年结转政府信息公开申请数量 2 = 7", "= 6", also=[("balance_2021", "error")]),
    case("new2019 一 + 二 = （七） + 四",
         [(2019, "new2019", matrix("n19.s3", {**N21, "other": N21["other_other"], "carried_forward": [0] * 7}, S3))],
         "balance_2019", "error", "（自然人列）不成立", also=[("balance_2019", "error")]),
    case("new 四 复议 总计 = 维持+纠正+其他+未结",
         [(2021, "new2021", matrix("n21.s4", {"review": [1, 0, 2, 0, 4]}, S4))],
         "row_total", "error", "“行政复议”的“总计”为 4 件", "1 + 2 = 3 件"),
    case("new 四 直接起诉 总计", [(2021, "new2021", matrix("n21.s4", {"lawsuit_direct": [0, 0, 0, 1, 0]}, S4))],
         "row_total", "error", "“未经复议直接起诉”的“总计”为 0 件"),
    case("cross-year 上年结转 = 结转下年度",
         [(2020, "new2019", {("n19.s3.carried_forward", "total"): 2}),
          (2021, "new2021", {("n21.s3.carried_over", "total"): 1})],
         "carry", "warning", "不成立：2021年 上年结转申请 1，而 2020年 结转下年度继续办理 2。"),
    case("cross-year 2019 上一年项目数量",
         [(2019, "new2019", {("n19.s2_5.licensing", "prev_count"): 10, ("n19.s2_5.licensing", "change"): 5}),
          (2020, "new2019", {("n19.s2_5.licensing", "prev_count"): 12, ("n19.s2_5.licensing", "change"): 0})],
         "items_licensing", "warning",
         "2020年 行政许可·上一年项目数量 12，而", "10 + 2019年 行政许可·本年增/减 5 = 15"),
    case("cross-year 2021 现行有效 ≈",
         [(2021, "new2021", {("n21.s2_1.normative", "issued"): 3, ("n21.s2_1.normative", "repealed"): 1,
                             ("n21.s2_1.normative", "in_force"): 10}),
          (2022, "new2021", {("n21.s2_1.normative", "issued"): 2, ("n21.s2_1.normative", "repealed"): 0,
                             ("n21.s2_1.normative", "in_force"): 20})],
         "in_force", "note", "现行有效件数 20，而", "10 + 2022年 行政规范性文件·本年制发件数 2 - ", "= 12"),
    case("cross-year jump",
         [old({"old.s1.disclosed": 20, "old.s1.ch_website": 20}, 2015),
          old({"old.s1.disclosed": 204, "old.s1.ch_website": 204})],
         "jump", "warning", "由 2015 年的 20 条 变为 2016 年的 204 条", "10.2 倍"),
    case("cross-year jump down to 0 says so, not “0.0 倍”",
         [old({"old.s1.disclosed": 20, "old.s1.ch_website": 20}, 2015), old({"old.s1.disclosed": 0})],
         "jump", "warning", "由 2015 年的 20 条 变为 2016 年的 0 条（降至 0）"),
    case("cross-year jump across formats names them as readers know them",
         [old({"old.s3.received": 2, "old.s3.recv_online": 2}, 2018),
          (2019, "new2019", {("n19.s3.new_received", "natural"): 30, ("n19.s3.new_received", "total"): 30})],
         "jump", "warning", "由 2018 年的 2 件 变为 2019 年的 30 件", "两年的报表格式不同（旧版统计表 → 2019年版）"),
    case("narrative vs table", [old({"old.s8.reading_points": 3, "narrative.reading_points": 17})],
         "restates", "note", "报告正文称“政府信息查阅点”为 17 个", "“(二)设置政府信息公开查阅点数”为 3 个"),
]

@pytest.mark.parametrize(("years", "expected", "words"), CASES)
def test_each_identity_broken_once_gives_its_finding(
    catalogue: Catalogue, years: list, expected: list[tuple[str, str]], words: list[str]
) -> None:
    """A frame that breaks exactly one identity yields exactly that finding, with its figures in the sentence."""
    findings = check_values(frame(*years), catalogue)
    assert [(f.check, f.severity) for f in findings] == expected, [f.message for f in findings]
    for word in words:
        assert word in findings[0].message, findings[0].message
    assert TABLE in findings[0].sources


def test_frames_that_hold_give_no_finding(catalogue: Catalogue) -> None:
    """The unbroken base matrix, a consistent old table and a matching narrative pass silently."""
    years = [n21(), old({"old.s3.received": 2, "old.s3.recv_online": 2, "old.s1.disclosed": 5,
                         "old.s1.ch_website": 4, "old.s1.ch_weibo": 3, "narrative.ch_website": 4})]
    assert check_values(frame(*years), catalogue) == []


def test_blank_detail_total_is_not_reported_not_zero(catalogue: Catalogue) -> None:
    """A blank detail-row 总计 (as Shanghai 2019 prints it) is a note and the row's sum stands in: no 0 ≠ sum error."""
    findings = check_values(frame(n21(disclosed=[3, 0, 0, 1, 0, 0, None])), catalogue)
    assert [(f.check, f.severity) for f in findings] == [("blank_total", "note")]
    assert "“（一）予以公开” 4" in findings[0].message and "不把这些空白当作 0" in findings[0].message


def test_bundled_2016_findings(bundled: Dataset) -> None:
    """2016: 204 > 94 + 91 + 6 = 191 with the text's 9 + 94 + 91 + 6 + 4 = 204; 17 vs 3; 9 vs blank; nothing else."""
    findings = check_dataset(bundled)
    assert [(f.check, f.severity) for f in findings] == [("channel", "error"), ("restates", "note"),
                                                        ("restates", "note")]
    channel, normative, points = findings
    assert "204 > 94 + 91 + 6 = 191" in channel.message
    assert "9 + 94 + 91 + 6 + 4 = 204" in channel.message
    assert (channel.left_value, channel.right_value) == (204, 191)
    assert "narrative.disclosed" in channel.items and "年度报告正文 二、主动公开政府信息情况" in channel.sources
    assert (normative.left_value, normative.right_value) == (9, None) and "该栏空白（未填报）" in normative.message
    assert (points.left_value, points.right_value) == (17, 3)
    assert points.items == ("narrative.reading_points", "old.s8.reading_points")
    # the narrative figures that match their rows (94, 91, 6, 204, 4, staff 2) raise nothing
    quiet = {"narrative.ch_website", "narrative.ch_weibo", "narrative.ch_other", "narrative.responses",
             "org.office_staff"}
    assert not quiet.intersection(i for f in findings for i in f.items)


def test_check_changes_nothing(bundled: Dataset) -> None:
    """The values frame is the same after the audit."""
    before = bundled.values.copy()
    check_dataset(bundled)
    pd.testing.assert_frame_equal(bundled.values, before)


@pytest.mark.parametrize("name", ["pingtan-2019", "pingtan-2021"])
def test_pingtan_fixtures_hold_every_identity(catalogue: Catalogue, name: str) -> None:
    """The transcribed Pingtan tables satisfy every identity of their format."""
    assert check_values(read_values(REPORTS / f"{name}.csv"), catalogue) == []


def test_shanghai_blank_detail_totals_are_one_note(catalogue: Catalogue) -> None:
    """Shanghai 2019: the 11 blank detail 总计 cells give one note, and （七）总计 805 checks out against the rows."""
    findings = check_values(read_values(REPORTS / "shanghai-2019.csv"), catalogue)
    assert [(f.check, f.severity) for f in findings] == [("blank_total", "note")]
    assert "有 11 行的“总计”栏空白" in findings[0].message and findings[0].right_value == 805
    assert len(findings[0].items) == 11


def test_new_format_detail_rows_not_adding_up_to_the_total(catalogue: Catalogue) -> None:
    """Pingtan 2021, （一）予以公开 raised by one: the detail rows add to 64, （七）总计 says 63 (自然人 and 总计)."""
    values = read_values(REPORTS / "pingtan-2021.csv")
    row = values["indicator"].eq("n21.s3.disclosed")
    values.loc[row & values["column"].eq("natural"), "value"] = 28
    values.loc[row & values["column"].eq("total"), "value"] = 31
    findings = check_values(values, catalogue)
    assert [(f.check, f.severity) for f in findings] == [("sum", "error"), ("sum", "error")]
    assert "“（七）总计”（自然人列）为 63 件" in findings[0].message and "= 64 件" in findings[0].message
    assert "“（七）总计”（总计列）为 69 件" in findings[1].message and "= 70 件" in findings[1].message
    assert (findings[0].left_value, findings[0].right_value) == (63, 64)


def test_draft_year_is_checked_against_the_published_years(bundled: Dataset) -> None:
    """An upload's year: its own findings plus the cross-year ones with the published year before and after."""
    draft = bundled.values[bundled.values["format"].eq("old")].assign(year=2015)
    draft.loc[draft["indicator"].isin(["old.s1.disclosed", "old.s1.ch_website"]), "value"] = 20
    draft.loc[draft["indicator"].isin(["old.s1.ch_weibo", "old.s1.ch_other"]), ["value", "blank"]] = [math.nan, True]
    findings = check_draft(draft, bundled)
    assert [(f.year, f.check) for f in findings] == [(2016, "jump")]
    assert "由 2015 年的 20 条 变为 2016 年的 204 条" in findings[0].message


def test_empty_frame_and_a_broken_checks_file(catalogue: Catalogue, tmp_path: Path) -> None:
    """No values, no findings; a checks.csv row of an unknown kind is refused as a catalogue error."""
    assert check_values(frame(), catalogue) == []
    bad = tmp_path / "checks.csv"
    bad.write_text("id,kind,left,right,columns,severity,factor,floor,label,label_en,definition,definition_en\n"
                   "x,median,,,,error,,,x,x,x,x\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="x 的类型或严重程度无效"):
        load_checks(bad)


def test_english_findings(bundled: Dataset) -> None:
    """lang='en' words the findings in English with the catalogue's English labels."""
    channel = check_dataset(bundled, lang="en")[0]
    assert "more than the sum of its channels: 204 > 94 + 91 + 6 = 191" in channel.message


def test_findings_for_a_figure(bundled: Dataset) -> None:
    """The marker's lookup: by row, by harmonised series (overview card), and only in the finding's year."""
    findings = check_dataset(bundled)
    assert [f.check for f in findings_for(findings, 2016, "old.s8.reading_points")] == ["restates"]
    assert [f.check for f in findings_for(findings, 2016, expand_items(bundled.catalogue, "disclosed"))] == ["channel"]
    assert findings_for(findings, 2015, "old.s8.reading_points") == []
    assert findings_for(findings, 2016, expand_items(bundled.catalogue, ("portal_visits",))) == []
    assert "\n" not in finding_line(findings[0]) and finding_line(findings[0]).startswith("2016年 [错误]")


def test_quality_page_filter_and_table_rows(bundled: Dataset) -> None:
    """The page's filter by severity and year, and the official table's per-row lookup, on the bundled 2016."""
    findings = check_dataset(bundled)
    assert [f.check for f in selected(findings, ("error",), 2016)] == ["channel"]
    assert sorted(f.check for f in selected(findings, ("note",), None)) == ["restates", "restates"]
    assert selected(findings, ("error", "warning", "note"), 2015) == []
    hits = row_hits(findings, 2016, ["old.s8.reading_points", "old.s1.disclosed", "old.s3.received"])
    assert {k: [f.check for f in v] for k, v in hits.items()} == {"old.s8.reading_points": ["restates"],
                                                                   "old.s1.disclosed": ["channel"]}


def test_checks_csv_is_consistent(catalogue: Catalogue) -> None:
    """Every operand names a catalogue row or harmonised series, every column exists, every kind has its wording."""
    text = strings()
    for check in load_checks().values():
        for term in parse_terms(check.left) + parse_terms(check.right):
            assert term.ref in catalogue.indicators or term.ref in catalogue.harmonised, (check.id, term.ref)
            if term.column:
                ind = catalogue.indicators[term.ref]
                assert term.column in {c.id for c in catalogue.columns_of(ind.format, ind.table)}, (check.id, term)
        if check.kind in ("equal", "at_most", "jump", "restates", "row_total", "blank_total", "sum", "subset"):
            assert f"quality.msg_{check.kind}" in text
        assert check.label and check.label_en and check.definition


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_check_2016_shows_the_three_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """`gjj-dash check --year 2016`: one line each for 204 > 191 (with the text's breakdown), 17 vs 3, 9 vs blank."""
    code, out, err = run(capsys, "check", "--year", "2016")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert "204 > 94 + 91 + 6 = 191" in lines[0] and "9 + 94 + 91 + 6 + 4 = 204" in lines[0]
    assert "“主动公开规范性文件数”为 9 条" in lines[1] and "该栏空白" in lines[1]
    assert "17 个" in lines[2] and "为 3 个" in lines[2]
    assert "错误 1 条，警告 0 条，提示 2 条" in err


def test_cli_check_strict_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--strict exits 1 on an error finding; --format json gives the findings with both sides."""
    assert run(capsys, "check", "--strict")[0] == 1
    code, out, _ = run(capsys, "check", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["right_value"] for r in rows] == [191, None, 3]
    assert rows[0]["check_label"] == "最大渠道 ≤ 去重总数 ≤ 各渠道之和"


def test_cli_check_clean_data_dir_and_unknown_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A data directory whose tables hold passes --strict; an unknown year is a usage error (exit 2)."""
    folder = tmp_path / "years" / "2021"
    folder.mkdir(parents=True)
    (folder / "values.csv").write_bytes((REPORTS / "pingtan-2021.csv").read_bytes())
    (folder / "report.json").write_text(json.dumps({"year": 2021, "format": "new2021"}), encoding="utf-8")
    code, out, err = run(capsys, "check", "--strict", "--data-dir", str(tmp_path))
    assert (code, out) == (0, "") and "未发现数据质量问题" in err
    code, _, err = run(capsys, "check", "--year", "2015", "--data-dir", str(tmp_path))
    assert code == 2 and "数据中没有 2015 年度" in err
