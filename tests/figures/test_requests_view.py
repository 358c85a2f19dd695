"""The requests page across formats: applicant types, the carry-over chain, one harmonised series over 2016, 2019
(Shanghai's table) and 2021 (Pingtan's table) with the format change marked, and the quality markers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.figures.applicants import matrix
from gjj_dash.figures.requests_view import requests_view
from gjj_dash.i18n import t
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset, read_values
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.quality.checks import check_dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.pages import open_page, texts
from tests.support.years import YEARS, add_report, data_dir

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
SET = YEARS / "formats" / "years"


def _view(dataset: Dataset, year: int, lang: str = "zh"):
    return requests_view(dataset, harmonised_series(dataset), year, lang)


def _block(view, key: str):
    return next(b for b in (*view.blocks, *view.trends) if b.key == key)


def _chain(at: AppTest) -> AppTest:
    """Open the carry-over chain, one of the sections across years (tabs keyed requests_trends, built when open)."""
    title = t("requests.carry_title", "zh")
    assert title in [tab.label for tab in at.tabs]
    at.session_state["requests_trends"] = title
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def formats() -> Dataset:
    return load_dataset(YEARS / "formats")


def test_fixture_set_is_the_transcribed_reports_labelled_as_fixtures() -> None:
    """2019 and 2021 hold exactly the Shanghai 2019 and Pingtan 2021 cells, every source says 测试夹具; 2016 is the
    bundled year byte for byte."""
    for year, report in ((2019, "shanghai-2019.csv"), (2021, "pingtan-2021.csv")):
        ours, theirs = read_values(SET / str(year) / "values.csv"), read_values(REPORTS / report)
        assert ours.drop(columns="source").equals(theirs.drop(columns="source"))
        assert ours["source"].str.startswith("测试夹具（他机关报告，非本中心数据）：").all()
        meta = json.loads((SET / str(year) / "report.json").read_text(encoding="utf-8"))
        assert meta["origin"] == "fixture" and "非本中心数据" in meta["title"]
    for name in ("values.csv", "report.json"):
        assert (SET / "2016" / name).read_bytes() == (BUNDLED_DATA / "years" / "2016" / name).read_bytes()


def test_applicant_matrix_of_2021_with_the_official_column_labels(formats: Dataset) -> None:
    """Pingtan 2021: 新收 64 自然人 + 2 社会公益组织 + 4 其他 = 70; （七）总计 69; 予以公开 30; group rows summed."""
    block = _block(_view(formats, 2021), "requests_applicants")
    table = block.table.set_index("指标")
    assert list(table.columns) == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
                                   "单位", "来源"]
    assert list(table.loc["一、本年新收政府信息公开申请数量"])[:8] == ["64", "0", "0", "2", "0", "4", "70", "件"]
    assert list(table.loc["（七）总计"])[:7] == ["63", "0", "0", "2", "0", "4", "69"]
    assert list(table.loc["（一）予以公开"])[:7] == ["27", "0", "0", "2", "0", "1", "30"]
    assert list(table.loc["（三）不予公开（各分项之和）"])[:7] == ["8", "0", "0", "0", "0", "0", "8"]
    assert list(table.loc["（四）无法提供（各分项之和）"])[:7] == ["22", "0", "0", "0", "0", "3", "25"]
    source = table.loc["（三）不予公开（各分项之和）", "来源"]
    assert source.endswith("「1.属于国家秘密」至「8.属于行政查询事项」（共 8 行）")
    assert "自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计。" \
           "单位：件。" in block.lead
    assert block.statements[0] == ("一、本年新收政府信息公开申请数量（70 件）：自然人 64 件（占 91.4%）；"
                                   "法人或其他组织 6 件（占 8.6%），其中商业企业 0、科研机构 0、社会公益组织 2、"
                                   "法律服务机构 0、其他 4。")
    assert any(s.startswith("（七）总计（69 件）：自然人 63 件") for s in block.statements)
    bars = {trace.name: list(trace.x) for trace in block.figure.data}
    assert bars["自然人"][0] == 64 and bars["其他"][0] == 4 and len(bars) == 6


def test_applicant_matrix_shows_blank_cells_and_counts_them_as_zero(formats: Dataset) -> None:
    """Shanghai 2019: 科研机构 blank is “— 未填报” and 0 in the 38 of 法人或其他组织; a blank detail 总计 shows its
    row's sum; the note counts every blank cell of table 三 and says which count as their row's sum."""
    block = _block(_view(formats, 2019), "requests_applicants")
    table = block.table.set_index("指标")
    assert table.loc["一、本年新收政府信息公开申请数量", "科研机构"] == "— 未填报"
    assert table.loc["（一）予以公开", "总计"] == "— 未填报（该行各列之和 272）"
    assert table.loc["（三）不予公开（各分项之和）", "总计"] == "35"
    assert "法人或其他组织 38 件（占 4.4%），其中商业企业 35、科研机构 — 未填报" in block.statements[0]
    raw = read_values(REPORTS / "shanghai-2019.csv")
    s3 = raw[raw["indicator"].str.startswith("n19.s3.")]
    blanks = int(s3["blank"].sum())
    filled_rows = set(s3[(s3["column"] != "total") & ~s3["blank"]]["indicator"])
    summed = int((s3["blank"] & (s3["column"] == "total") & s3["indicator"].isin(filled_rows)).sum())
    assert (blanks, summed) == (126, 11)  # the 11 blank 总计 cells of rows with figures count as the row's sum, not 0
    assert (f"有 {blanks} 格未填报，显示为“— 未填报”：其中 {summed} 格“总计”按该行各列之和计（见下），"
            f"其余 {blanks - summed} 格合计时按 0 计。") in " ".join(block.notes)
    assert "部分行的“总计”栏未填报而该行各列有数：括号内为该行各列之和" in " ".join(block.notes)
    lines = {line.row.id: line for line in matrix(formats, 2019)}
    assert lines["n19.s3.other"].cells["total"].blank  # 2019's single 其他处理 row, blank throughout


def test_answers_and_refusals_use_the_row_sum_for_a_blank_total(formats: Dataset) -> None:
    """Shanghai's blank detail 总计 cells: answers add up to 805 and the 35 refusals are not reported as none."""
    view = _view(formats, 2019)
    answers = _block(view, "requests_answers")
    assert answers.statements[0].startswith("（七）总计 805 件 = 272 + 3 + 14 + 5 + 4 + 12 + 265")
    assert answers.statements[0].endswith("（分项之和 805 件）。")
    refusals = _block(view, "requests_refusals").table.set_index("指标")
    assert refusals.loc["1.属于国家秘密", "数值"] == "— 未填报（该行各列之和 14）"
    derived = "统计表“总计”栏未填报；该行各列有数，按各列之和计入（由看板计算，不当作 0）"
    assert refusals.loc["1.属于国家秘密", "说明"] == derived
    assert refusals.loc["2.其他法律行政法规禁止公开", "说明"] == "统计表未填报，显示为“—”，合计时按 0 计"


def test_old_year_says_its_table_has_no_applicant_types(formats: Dataset) -> None:
    """2016 (old table): one sentence instead of an applicant section."""
    block = _block(_view(formats, 2016), "requests_applicants")
    assert block.figure is None and block.empty.startswith(
        "2016 年采用政府信息公开情况统计表(旧版全国统一格式)，该表只按申请渠道")
    assert "没有申请人类型（自然人、法人或其他组织），也没有上年结转和结转下年度的行" in block.empty


def test_carry_chain_with_gaps(formats: Dataset) -> None:
    """2019 and 2021 each lack the year before: both 上年结转 figures are shown, and that they cannot be checked."""
    block = _block(_view(formats, 2021), "requests_carry")
    assert block.table.values.tolist() == [
        ["2019", "18", "2018", "未载入", "无法核对：上一年度未载入"],
        ["2021", "0", "2020", "未载入", "无法核对：上一年度未载入"],
    ]
    assert block.statements[1] == ("2021 年表「二、上年结转政府信息公开申请数量」0 件；2020 年未载入，"
                                   "无法与其「四、结转下年度继续办理」核对。")
    assert "2021 年表「四、结转下年度继续办理」1 件，待 2022 年报告载入后与其上年结转核对。" in block.notes


def test_carry_chain_keeps_both_figures_where_they_differ(tmp_path: Path) -> None:
    """Shanghai's 结转下年度 72 given as 2020 against Pingtan 2021's 上年结转 0: both shown, the gap said, nothing
    corrected; the quality check finds the same pair."""
    add_report(tmp_path, "shanghai-2019", 2020)
    add_report(tmp_path, "pingtan-2021", 2021)
    dataset = load_dataset(tmp_path)
    block = _block(_view(dataset, 2021), "requests_carry")
    assert block.table.values.tolist()[1] == ["2021", "0", "2020", "72", "不一致（相差 72）"]
    assert block.statements[1] == ("2021 年表「二、上年结转政府信息公开申请数量」0 件，"
                                   "而 2020 年表「四、结转下年度继续办理」72 件，两者相差 72 件；"
                                   "看板按两年报表原样列出，不作更正。")
    carry = [f for f in check_dataset(dataset) if f.year == 2021 and f.check == "carry"]
    assert [(f.left_value, f.right_value) for f in carry] == [(0, 72)]


def test_carry_chain_agrees_and_old_year_before(tmp_path: Path) -> None:
    """Pingtan 2019 given as 2020 (结转 0) before Pingtan 2021 (上年结转 0) agrees; after the old table it cannot."""
    add_report(tmp_path, "pingtan-2019", 2020)
    add_report(tmp_path, "pingtan-2021", 2021)
    block = _block(_view(load_dataset(tmp_path), 2021), "requests_carry")
    assert block.table.values.tolist()[1] == ["2021", "0", "2020", "0", "一致"]
    old = _block(_view(load_dataset(data_dir(tmp_path / "x", "trend", "appeals")), 2019), "requests_carry")
    assert old.table.values.tolist()[-1] == ["2019", "1", "2018", "旧表无此行", "无法核对：上一年度为旧表（无结转行）"]
    assert "2018 年采用旧版统计表，旧表没有上年结转和结转下年度的行，无法核对。" in old.statements[-1]


def test_one_series_across_the_formats(formats: Dataset) -> None:
    """Received 2016 blank, 859, 70 with no line across the years not loaded (2017–2018, 2020), each run a band; the
    format changes told by the years loaded (no “起”: the year before each is missing); carry-over only where it
    exists; the table names each year's format, a row per gap, derived totals marked, and each mapping's caveat."""
    block = _block(_view(formats, 2021), "requests_trend")
    lines = {trace.name: (list(trace.x), _plain(trace.y)) for trace in block.figure.data}
    assert lines["收到依申请公开申请"] == ([2016, 2017, 2018, 2019, 2020, 2021], [0, None, None, 859, None, 70])
    assert lines["申请办结/办理结果总计"][0] == [2016, 2017, 2018, 2019, 2020, 2021]  # no half-year cut: gaps cut
    assert [(s.type, s.x0, s.x1) for s in block.figure.layout.shapes] == [("rect", 2016.5, 2018.5),
                                                                           ("rect", 2019.5, 2020.5)]
    table = block.table.set_index("年度")
    assert list(table.index) == ["2016", "2017—2018年", "2019", "2020年", "2021"]
    assert list(table["收到依申请公开申请（件）"]) == ["— 未填报", "未导入", "859", "未导入", "70"]
    assert list(table["申请办结/办理结果总计（件）"]) == ["— 未填报", "未导入", "805", "未导入", "69"]
    assert list(table["上年结转申请（件）"]) == ["本年度报表无此项", "未导入", "18", "未导入", "0"]
    assert list(table["结转下年度继续办理（件）"]) == ["本年度报表无此项", "未导入", "72", "未导入", "1"]
    assert list(table["行政复议（件）"]) == ["— 未填报", "未导入", "7", "未导入", "3"]
    assert list(table["行政诉讼（件）"]) == ["— 未填报", "未导入", "9", "未导入", "12"]
    assert table.loc["2021", "报表格式"] == "政府信息公开工作年度报告格式(2021年版)"
    notes = "\n".join(block.notes)
    assert ("报表格式改变：2016年为旧版统计表，2019年为2019年版（国办公开办函〔2019〕60号）；2017—2018年未导入；"
            "2019年为2019年版，2021年为2021年版（国办公开办函〔2021〕30号）；2020年未导入。") in notes
    assert "年起" not in notes
    assert "口径说明 · 收到依申请公开申请（政府信息公开情况统计表(旧版全国统一格式)）：" \
           "旧表无上年结转；收到申请数即新收数" in notes
    assert "新格式“（七）总计”为本年度办理结果合计，含上年结转申请的办理结果" in notes
    assert "上年结转申请 只见于 2019、2021 年的报表格式" in notes
    outcomes = _block(_view(formats, 2021), "requests_outcome_trend").table.set_index("年度")
    assert list(outcomes["予以公开(含已主动公开)（件）"]) == ["— 未填报", "未导入", "272（看板计算）", "未导入", "30"]
    assert list(outcomes["不予处理（件）"]) == ["本年度报表无此项", "未导入", "158（含看板计算）", "未导入", "0"]


def _plain(values) -> list:
    """Plotly's y values with NaN (no figure) as None, so lists compare."""
    return [None if v != v else v for v in values]


def test_old_only_data_draws_no_carry_over_lines(bundled: Dataset, tmp_path: Path) -> None:
    """With only old-table years (2016–2018), series the old table lacks (上年结转, 结转下年度) are left out of the
    trend, not drawn empty; one old year alone has the two sections of its own."""
    assert [b.key for b in _view(bundled, 2016).blocks] == ["requests_applicants", "requests_other"]
    trend = _block(_view(load_dataset(data_dir(tmp_path, "trend")), 2018), "requests_trend")
    names = [line.name for line in trend.figure.data]
    assert names == ["收到依申请公开申请", "申请办结/办理结果总计", "行政复议", "行政诉讼"]


@pytest.mark.parametrize("year", [2016, 2019, 2021])
def test_every_section_names_its_items(formats: Dataset, year: int) -> None:
    """Each section lists the rows or harmonised series it shows, for the quality marker (English builds too)."""
    assert _view(formats, year, "en").blocks
    view = _view(formats, year)
    assert all(b.items for b in (*view.blocks, *view.trends)), [b.key for b in view.blocks if not b.items]
    applicants = _block(view, "requests_applicants").items
    assert ("n21.s3.new_received" in applicants) if year == 2021 else True
    assert ("n19.s3.total" in applicants) if year == 2019 else True


def test_english_matrix_keeps_the_official_labels(formats: Dataset) -> None:
    """English headers carry the printed Chinese column label beside the translation."""
    table = _block(_view(formats, 2021, "en"), "requests_applicants").table
    assert "Natural persons / 自然人" in table.columns and "Official label" in table.columns


def _printed(year: int, row: str, column: str = "total") -> str:
    """A cell of the fixture year as the page should show it: the printed figure, or “— 未填报” for a blank."""
    values = read_values(SET / str(year) / "values.csv").set_index(["indicator", "column"])
    cell = values.loc[(row, column)]
    return "— 未填报" if cell["blank"] else str(cell["raw"])


def _table(at: AppTest, key: str) -> pd.DataFrame:
    return at.get_by_key(f"section_{key}").dataframe[0].value


def test_page_shows_one_series_across_2016_2019_2021(app, tmp_path: Path) -> None:
    """Must-show: the requests page with 2016 + 2019 + 2021 loaded — trend table figures per year, the format change
    on the chart and in the notes, the applicant types and the carry-over chain of 2021."""
    at = open_page(app, "views/requests.py", data_dir(tmp_path, "formats"), year="2021")
    trend = _table(at, "requests_trend").set_index("年度")
    checked = (("收到依申请公开申请（件）", ("old.s3.received", "n19.s3.new_received", "n21.s3.new_received")),
               ("申请办结/办理结果总计（件）", ("old.s3.completed", "n19.s3.total", "n21.s3.total")),
               ("行政复议（件）", ("old.s4", "n19.s4.review", "n21.s4.review")))
    for column, rows in checked:
        assert list(trend.loc[["2016", "2019", "2021"], column]) == [
            _printed(2016, rows[0], "value"), _printed(2019, rows[1]), _printed(2021, rows[2])]
    assert list(trend["收到依申请公开申请（件）"]) == ["— 未填报", "未导入", "859", "未导入", "70"]
    assert list(trend["申请办结/办理结果总计（件）"]) == ["— 未填报", "未导入", "805", "未导入", "69"]
    assert list(trend["上年结转申请（件）"]) == ["本年度报表无此项", "未导入", "18", "未导入", "0"]
    assert list(trend["报表格式"]) == ["政府信息公开情况统计表(旧版全国统一格式)", "未导入",
                                     "政府信息公开工作年度报告格式(2019年试行版)", "未导入",
                                     "政府信息公开工作年度报告格式(2021年版)"]
    chart = next(json.loads(e.proto.spec) for e in at.get("plotly_chart")
                 if e.proto.id.endswith("requests_trend_chart"))
    assert [(s["type"], s["x0"], s["x1"]) for s in chart["layout"]["shapes"]] == [("rect", 2016.5, 2018.5),
                                                                                   ("rect", 2019.5, 2020.5)]
    assert [(a["text"], a["hovertext"]) for a in chart["layout"]["annotations"]] == [
        ("2017—2018年未导入", "2017—2018年：未导入，无数据；其间报表格式改变"),
        ("2020年未导入", "2020年：未导入，无数据；其间报表格式改变")]
    received = next(d for d in chart["data"] if d["name"] == "收到依申请公开申请")
    assert (received["x"], received["y"]) == ([2016, 2017, 2018, 2019, 2020, 2021], [0, None, None, 859, None, 70])
    shown = texts(at)
    assert ("报表格式改变：2016年为旧版统计表，2019年为2019年版（国办公开办函〔2019〕60号）；2017—2018年未导入；"
            "2019年为2019年版，2021年为2021年版（国办公开办函〔2021〕30号）；2020年未导入") in shown
    applicants = _table(at, "requests_applicants").set_index("指标")
    assert list(applicants.loc["一、本年新收政府信息公开申请数量"])[:7] == ["64", "0", "0", "2", "0", "4", "70"]
    assert list(applicants.loc["（七）总计"])[:7] == ["63", "0", "0", "2", "0", "4", "69"]
    assert "自然人 64 件（占 91.4%）；法人或其他组织 6 件（占 8.6%）" in shown
    carry = _table(_chain(at), "requests_carry")
    assert carry.values.tolist()[-1] == ["2021", "0", "2020", "未载入", "无法核对：上一年度未载入"]
    assert "2021 年表「四、结转下年度继续办理」1 件，待 2022 年报告载入后与其上年结转核对。" in texts(at)


def test_page_marks_the_sections_whose_rows_have_findings(app, tmp_path: Path) -> None:
    """2019 (Shanghai): the blank detail 总计 cells mark the applicant, answers and outcome sections, not appeals."""
    at = open_page(app, "views/requests.py", data_dir(tmp_path, "formats"), year="2019")

    def marks(key: str) -> list[str]:
        return [link.value for link in at.get_by_key(f"section_{key}").get("page_link")]

    assert marks("requests_applicants") == ["⚠ 数据质量（1）"]
    assert marks("requests_answers") == ["⚠ 数据质量（1）"]
    assert marks("requests_outcomes") == ["⚠ 数据质量（1）"]
    assert marks("requests_appeals") == []
    _chain(at)
    assert marks("requests_carry") == []
    assert "— 未填报（该行各列之和 272）" in _table(at, "requests_applicants").to_csv()


def test_page_marks_a_broken_carry_over_chain(app, tmp_path: Path) -> None:
    """72 carried forward (2020) against 0 carried over (2021): the chain section says both and is marked."""
    data = tmp_path / "data"
    add_report(data, "shanghai-2019", 2020)
    add_report(data, "pingtan-2021", 2021)
    at = _chain(open_page(app, "views/requests.py", data, year="2021"))
    assert [link.value for link in at.get_by_key("section_requests_carry").get("page_link")] == ["⚠ 数据质量（1）"]
    assert _table(at, "requests_carry").values.tolist()[-1] == ["2021", "0", "2020", "72", "不一致（相差 72）"]
    assert "两者相差 72 件；看板按两年报表原样列出，不作更正。" in texts(at)
    shutil.rmtree(data)
