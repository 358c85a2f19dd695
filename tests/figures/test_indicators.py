"""The leadership indicators, computed by hand: every indicator on the 2016 seed (old table), Shanghai 2019 (2019
format) and Pingtan 2021 (2021 format), the changes on the trend years, and where a format has no such row."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.figures.board import build_board, indicator_rows
from gjj_dash.figures.indicator_text import detail, headline, reason, sample_label
from gjj_dash.figures.indicators import Reading, readings
from gjj_dash.figures.rules import Rules, load_rules
from gjj_dash.model.values import Dataset
from gjj_dash.store.dataset import load_dataset

YEARS = Path(__file__).resolve().parents[1] / "fixtures" / "years"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules().rules


@pytest.fixture(scope="module")
def formats() -> Dataset:
    """Bundled 2016 (old table) + Shanghai 2019 (2019 format) + Pingtan 2021 (2021 format)."""
    return load_dataset(YEARS / "formats")


@pytest.fixture(scope="module")
def trend() -> Dataset:
    """Three invented old-table years 2016–2018."""
    return load_dataset(YEARS / "trend")


def by_id(dataset: Dataset, year: int, rules: Rules) -> dict[str, Reading]:
    return {r.indicator.id: r for r in readings(dataset, year, rules)}


def test_shanghai_2019_every_rate_by_hand(formats: Dataset, rules: Rules) -> None:
    """2019 format, table 三's 总计 column (detail-row 总计 cells blank, read as their row's sum) and table 四."""
    got = by_id(formats, 2019, rules)
    disclosed = 258 + 12 + 1 + 1  # （一）予以公开: 自然人 + 商业企业 + 法律服务机构 + 其他 (总计 cell blank)
    partial = 3  # （二）部分公开: 自然人
    decided = 805  # （七）总计
    assert (got["disclosure_rate"].num, got["disclosure_rate"].den) == (disclosed + partial, decided)
    assert got["disclosure_rate"].value == pytest.approx(100 * 275 / 805)  # 34.16…
    refused = 14 + 5 + (3 + 1) + (10 + 2)  # 国家秘密 + 内部事务 + 过程性 + 行政查询
    assert got["refusal_share"].num == refused == 35
    assert got["refusal_share"].value == pytest.approx(100 * 35 / 805)  # 4.35
    not_held = 252 + 12 + 1  # 1.本机关不掌握相关政府信息
    assert got["not_held_share"].value == pytest.approx(100 * not_held / 805)  # 32.92
    # 复议: 结果维持 5, 结果纠正 blank, 其他结果 blank, 尚未审结 2 (not decided): 0 of 5
    assert (got["review_correction_rate"].num, got["review_correction_rate"].den) == (0, 5)
    # 争议: 复议总计 7 + 未经复议直接起诉总计 9, over 本年新收 859
    assert (got["dispute_rate"].num, got["dispute_rate"].den) == (7 + 9, 859)
    assert got["dispute_rate"].value == pytest.approx(100 * 16 / 859)  # 1.86
    # 结转: 结转下年度 72 over 新收 859 + 上年结转 18
    assert got["carry_forward_rate"].value == pytest.approx(100 * 72 / (859 + 18))  # 8.21
    cat = formats.catalogue
    assert headline(got["disclosure_rate"], cat) == "34.2%"
    assert detail(got["disclosure_rate"], cat) == "275 / 805 件"
    assert sample_label(got["disclosure_rate"]) == "样本充足"
    assert "2 个“总计”栏空白，按该行各列之和计" in reason(got["disclosure_rate"], cat)


def test_pingtan_2021_every_rate_by_hand(formats: Dataset, rules: Rules) -> None:
    """2021 format: 69 decided, 70 new, none carried over; 3 reconsiderations, 12 lawsuits filed directly."""
    got = by_id(formats, 2021, rules)
    assert got["disclosure_rate"].value == pytest.approx(100 * (30 + 5) / 69)  # 50.72
    assert got["refusal_share"].value == pytest.approx(100 * (1 + 6 + 1) / 69)  # 内部事务 + 执法案卷 + 行政查询: 11.59
    assert got["not_held_share"].value == pytest.approx(100 * 25 / 69)  # 36.23
    assert (got["review_correction_rate"].num, got["review_correction_rate"].den) == (0, 1 + 0 + 2)
    assert got["dispute_rate"].value == pytest.approx(100 * (3 + 12) / 70)  # 21.43
    assert got["carry_forward_rate"].value == pytest.approx(100 * 1 / (70 + 0))  # 1.43
    cat = formats.catalogue
    assert [sample_label(got[k]) for k in ("disclosure_rate", "review_correction_rate")] == ["样本一般", "样本偏少"]
    assert headline(got["review_correction_rate"], cat) == "3 件中 0 件"
    assert detail(got["review_correction_rate"], cat) == "0.0%"


def test_seed_2016_says_why_each_indicator_has_no_rate(bundled: Dataset, rules: Rules) -> None:
    """The seed's table 三–五 is blank: no request decided (never 0 %), and the old table has no carry-over or
    direct-lawsuit rows; the changes need 2015, which is not loaded."""
    got = by_id(bundled, 2016, rules)
    cat = bundled.catalogue
    for key in ("disclosure_rate", "refusal_share", "not_held_share"):
        assert (got[key].status, got[key].num, got[key].den, got[key].value) == ("zero", 0, 0, None)
        assert headline(got[key], cat) == "本年无办结申请"
    assert headline(got["review_correction_rate"], cat) == "本年无已审结的行政复议"
    assert "4 个单元格未填报，按 0 计" in reason(got["review_correction_rate"], cat)  # 维持, 纠错 … of 四 blank
    assert got["dispute_rate"].status == "absent"
    assert "无“行政诉讼·未经复议直接起诉”对应行" in reason(got["dispute_rate"], cat)
    assert "无“结转下年度继续办理”“上年结转申请”对应行" in reason(got["carry_forward_rate"], cat)
    for key in ("disclosed_change", "portal_change", "requests_change"):
        assert reason(got[key], cat) == "未载入 2015 年数据，无法计算同比变化"


def test_old_table_rates_and_changes_on_the_trend_years(trend: Dataset, rules: Rules) -> None:
    """2018 (old table): 实质公开率 = (属于已主动公开 1 + 同意公开 2 + 同意部分公开 1) ÷ 申请答复数 6, a count for a
    small sample; changes on 2017: 主动公开 210 vs 180, 门户浏览 15,500 vs 12,000, 收到申请 6 vs 4 (small)."""
    got = by_id(trend, 2018, rules)
    cat = trend.catalogue
    assert (got["disclosure_rate"].num, got["disclosure_rate"].den) == (1 + 2 + 1, 6)
    assert headline(got["disclosure_rate"], cat) == "6 件中 4 件"
    assert detail(got["disclosure_rate"], cat) == "66.7%"
    assert got["not_held_share"].num == 1  # 不属于本行政机关公开数
    assert got["disclosed_change"].value == pytest.approx(100 * (210 - 180) / 180)  # +16.67
    assert headline(got["disclosed_change"], cat) == "+16.7%"
    assert detail(got["disclosed_change"], cat) == "2017年 180 → 2018年 210 条"
    assert got["portal_change"].value == pytest.approx(100 * (15500 - 12000) / 12000)  # +29.17
    assert headline(got["requests_change"], cat) == "+2 件（4 → 6）"  # N = 4 < 30: the count first
    assert detail(got["requests_change"], cat) == "+50.0%"


def test_a_new_format_year_has_no_disclosed_total(formats: Dataset, rules: Rules) -> None:
    """主动公开政府信息数 exists in the old table only: 2021's change says the format lacks it (not that 2020 is
    missing)."""
    got = by_id(formats, 2021, rules)
    assert got["disclosed_change"].status == "absent"
    assert "无“主动公开政府信息数”对应行" in reason(got["disclosed_change"], formats.catalogue)


def test_indicator_rows_have_the_issue_columns_and_plain_numbers(formats: Dataset, rules: Rules) -> None:
    """指标 … 提示; 分子/分母 numbers; 数值 rounded to one decimal (small samples too), None for a zero denominator."""
    board = build_board(formats, 2021, rules)
    rows = {r["编号"]: r for r in indicator_rows(formats, board)}
    assert list(rows["disclosure_rate"])[:8] == ["指标", "年度", "分子", "分母", "数值", "单位", "样本", "提示"]
    assert [rows["disclosure_rate"][k] for k in ("指标", "年度", "分子", "分母", "数值", "单位", "样本")] == [
        "实质公开率", 2021, 35, 69, 50.7, "%", "样本一般"]
    assert (rows["review_correction_rate"]["数值"], rows["review_correction_rate"]["样本"]) == (0.0, "样本偏少")
    seed = {r["编号"]: r for r in indicator_rows(formats, build_board(formats, 2016, rules))}
    assert (seed["disclosure_rate"]["分母"], seed["disclosure_rate"]["数值"]) == (0, None)
    assert seed["disclosure_rate"]["提示"].startswith("本年无办结申请")
    dispute = seed["dispute_rate"]
    assert (dispute["分子"], dispute["数值"], dispute["样本"]) == (None, None, "")
