"""AppTest of 数据质量 with the bundled data and a two-year copy, and the overview's marker linking to it."""

from __future__ import annotations

import json
from pathlib import Path

from gjj_dash.model.values import read_values, write_values
from tests.support.pages import open_page, texts

QUALITY = "views/quality.py"


def test_quality_page_shows_the_2016_findings(app) -> None:
    """204 > 94 + 91 + 6 = 191 with the text's breakdown, 17 vs 3 and 9 vs blank, each with both sides and sources."""
    at = open_page(app, QUALITY)
    shown = texts(at)
    assert "204 > 94 + 91 + 6 = 191" in shown and "9 + 94 + 91 + 6 + 4 = 204" in shown
    assert "报告正文称“政府信息查阅点”为 17 个，统计表“(二)设置政府信息公开查阅点数”为 3 个" in shown
    assert "报告正文称“主动公开规范性文件数”为 9 条，统计表“其中:主动公开规范性文件数”该栏空白（未填报）" in shown
    assert "统计表：其中:主动公开规范性文件数（条）：**—（未填报）**" in shown
    assert "来源：附件 政府信息公开情况统计表；年度报告正文 二、主动公开政府信息情况" in shown
    assert {m.label: m.value for m in at.metric} == {
        ":red[:material/error:] 错误": "1", ":orange[:material/warning:] 警告": "0", ":blue[:material/info:] 提示": "2"}
    assert "目前只载入了 2016 年一个年度，暂无跨年度核对" in shown
    table = at.dataframe[0].value
    assert list(table["一方数值"]) == ["204", "9", "17"] and list(table["另一方数值"]) == ["191", "—（未填报）", "3"]


def test_severity_filter_keeps_only_the_chosen_severity(app) -> None:
    """Choosing only 提示 hides the 204 > 191 error and keeps both notes."""
    at = open_page(app, QUALITY)
    at.pills(key="quality_severity").set_value(["note"]).run()
    assert not at.exception
    shown = texts(at)
    assert "204 > 94 + 91 + 6 = 191" not in shown
    assert "17 个" in shown and "该栏空白（未填报）" in shown
    assert len(at.dataframe[0].value) == 2


def test_cross_year_findings_with_two_years(app, data_copy: Path) -> None:
    """A fixture 2015 (20 items disclosed) beside 2016 (204): a year-on-year warning; 全部年度 adds 2015's own error."""
    values = read_values(data_copy / "years" / "2016" / "values.csv")
    values = values[values["format"].eq("old")].assign(year=2015, source="测试夹具（非真实报告）")
    values.loc[values["indicator"].isin(["old.s1.disclosed", "old.s1.ch_website"]), "value"] = 20
    values.loc[values["indicator"].isin(["old.s1.ch_weibo", "old.s1.ch_other"]), ["value", "blank"]] = [None, True]
    values.loc[values["indicator"].eq("old.s8.staff"), "value"] = 3  # 3 ≠ 专职 blank + 兼职 2: a 2015-only error
    folder = data_copy / "years" / "2015"
    folder.mkdir()
    (folder / "values.csv").write_bytes(write_values(values))
    (folder / "report.json").write_text(json.dumps({"year": 2015, "format": "old"}), encoding="utf-8")
    at = open_page(app, QUALITY, data_copy, year="2016")
    shown = texts(at)
    assert "“主动公开政府信息数”由 2015 年的 20 条 变为 2016 年的 204 条" in shown
    assert "目前只载入了" not in shown and "2015 年度" not in shown
    at.segmented_control(key="quality_scope").set_value("all").run()
    shown = texts(at)
    assert "2015 年度" in shown and "“(三)从事政府信息公开工作人员数”为 3 人" in shown


def test_english_quality_page(app) -> None:
    """?lang=English words the page and its findings in English."""
    at = open_page(app, QUALITY, lang="English")
    shown = texts(at)
    assert "Data quality" in shown and "204 > 94 + 91 + 6 = 191" in shown
    assert "The report text gives" in shown
    assert "Source: 附件 政府信息公开情况统计表" in shown and "Source：" not in shown  # the sources are printed names


def test_overview_card_marker_links_to_the_quality_page(app) -> None:
    """The 主动公开政府信息数 card carries “⚠ 数据质量（1）” linking to 数据质量 for 2016; no other card does (the
    leadership board's own links above the cards are not markers)."""
    at = app().run()
    assert not at.exception
    links = [(link.value, link.proto.page, link.proto.query_string) for link in at.page_link
             if link.value.startswith("⚠")]
    assert links == [("⚠ 数据质量（1）", "quality", "year=2016")]
