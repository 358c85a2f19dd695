"""The data dictionary's per-format mapping of the leadership indicators: which official rows numerator and
denominator read in each format, and the formats where an indicator is not computed (with the row it lacks)."""

from __future__ import annotations

from gjj_dash.model.values import Dataset
from gjj_dash.publish.dictionary import leadership_frame


def test_each_indicator_has_one_row_per_format(bundled: Dataset) -> None:
    """Nine indicators × every format (the three national ones and Fujian's provincial table), headers in Chinese."""
    frame = leadership_frame(bundled)
    assert len(frame) == 9 * len(bundled.catalogue.formats) == 9 * 4
    assert list(frame.columns) == ["指标", "编号", "公式", "报表格式", "分子（本格式的行）", "分母（本格式的行）",
                                   "本格式能否计算", "对照与注意事项"]


def test_the_old_table_rows_and_the_rows_it_lacks(bundled: Dataset) -> None:
    """Old table: 实质公开率 reads 申请答复数 (with its caveat); 争议转化率 and 结转率 are not computed, naming why."""
    frame = leadership_frame(bundled).set_index(["编号", "报表格式"])
    old = "政府信息公开情况统计表(旧版全国统一格式)（2014–2018）"
    rate = frame.loc[("disclosure_rate", old)]
    assert rate["分母（本格式的行）"] == "办理结果总计：统计表 三、依申请公开情况·(三)申请答复数"
    assert "不用“申请办结数”" in rate["对照与注意事项"]
    assert frame.loc[("dispute_rate", old), "本格式能否计算"] == (
        "不计算：本格式无行政诉讼·未经复议直接起诉对应行，相应年度注明原因")
    new = "政府信息公开工作年度报告格式(2021年版)（2021–）"
    assert frame.loc[("dispute_rate", new), "分子（本格式的行）"] == (
        "行政复议：表四 行政复议；行政诉讼·未经复议直接起诉：表四 行政诉讼·未经复议直接起诉")
    assert frame.loc[("dispute_rate", new), "本格式能否计算"] == "可计算"


def test_in_english(bundled: Dataset) -> None:
    """English headers and words; the official row labels stay as printed."""
    frame = leadership_frame(bundled, "en")
    assert "Computed for this format" in frame.columns
    assert frame.iloc[1]["Denominator (rows in this format)"] == "Requests decided (all results): Table III （七）总计"
