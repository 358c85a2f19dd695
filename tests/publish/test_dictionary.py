"""The data dictionary: every indicator of every format, measures, harmonised caveats, sources, CSV and page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset
from gjj_dash.publish import dictionary
from gjj_dash.publish.export import dictionary_export
from gjj_dash.publish.tidy import TIDY_FIELDS
from gjj_dash.store.dataset import load_dataset
from tests.support.pages import texts
from tests.support.years import add_report


def test_every_indicator_of_every_format_is_listed_once(bundled: Dataset) -> None:
    """One row per catalogue row (old, new2019, new2021, Fujian's), with label, English label, unit and definition."""
    frame = dictionary.dictionary_frame(bundled, kind="indicator")
    cat = bundled.catalogue
    assert list(frame["指标编号"]) == [i.id for fmt in cat.formats for i in cat.rows(fmt)]
    assert len(frame) == len(cat.indicators) == 66 + 39 + 40 + 16
    row = frame.set_index("指标编号").loc["old.s3.recv_in_person"]
    assert (row["标签"], row["英文标签"], row["单位"], row["层级"]) == ("1.当面申请数", "1. In person", "件", "二级项")
    assert row["上级指标"] == "(一)收到申请数（old.s3.received）"
    assert row["勾稽关系"] == "求和项：与同组各项之和等于“(一)收到申请数”"
    assert (row["格式适用年度"], row["已载入年度"]) == ("2014–2018", "2016")
    assert row["定义"] == "当面提交的申请件数"
    channel = frame.set_index("指标编号").loc["old.s1.ch_website"]
    assert channel["勾稽关系"].startswith("渠道项") and "(一)主动公开政府信息数" in channel["勾稽关系"]
    n21 = frame.set_index("指标编号").loc["n21.s3.new_received"]
    assert n21["报表格式"] == "政府信息公开工作年度报告格式(2021年版)" and n21["已载入年度"] == ""
    assert n21["栏目"] == "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"
    assert frame.set_index("指标编号").loc["n21.s3.results", "层级"] == "分组标签（无数字）"


def test_years_follow_the_data_loaded(data_copy: Path) -> None:
    """With the Pingtan 2021 fixture loaded, the 2021 rows name 2021 and the harmonised series both years."""
    add_report(data_copy, "pingtan-2021")
    dataset = load_dataset(data_copy)
    frame = dictionary.dictionary_frame(dataset, kind="indicator", fmt="new2021").set_index("指标编号")
    assert set(frame.index) == {i.id for i in dataset.catalogue.rows("new2021")}
    assert frame.loc["n21.s3.new_received", "已载入年度"] == "2021"
    series = dictionary.dictionary_frame(dataset, kind="harmonised").set_index("指标编号")
    assert series.loc["requests_received", "已载入年度"] == "2016、2021"


def test_measures_and_harmonised_series_carry_restatement_and_crosswalk_caveats(bundled: Dataset) -> None:
    """Narrative measures name the row they restate; harmonised series list every mapping with its caveat."""
    measures = dictionary.dictionary_frame(bundled, kind="measure").set_index("指标编号")
    assert len(measures) == len(bundled.catalogue.measures)
    assert measures.loc["narrative.disclosed", "勾稽关系"] == "复述统计表“(一)主动公开政府信息数”"
    assert measures.loc["queries.personal", "单位"] == "人次" and measures.loc["queries.personal", "层级"] == "计数"
    series = dictionary.dictionary_frame(bundled, kind="harmonised").set_index("指标编号")
    caveats = series.loc["requests_received", "对照与注意事项"]
    assert "old（2014–2018）：(一)收到申请数（旧表无上年结转；收到申请数即新收数）" in caveats
    assert "new2021（2021–）：一、本年新收政府信息公开申请数量［总计］" in caveats


def test_sources_name_report_origin_and_version(data_copy: Path) -> None:
    """Each year: format, report title, source, how it was entered, and the store version when report.json has one."""
    add_report(data_copy, "pingtan-2021", report={"origin": "upload", "version": 3, "file_name": "2021年统计表.xlsx"})
    frame = dictionary.sources_frame(load_dataset(data_copy)).set_index("年度")
    assert frame.loc[2016, "录入方式"] == "随程序提供（据年度报告原文录入）"
    assert frame.loc[2016, "来源"].startswith("博州住房公积金管理中心门户网站")
    assert (frame.loc[2021, "录入方式"], frame.loc[2021, "数据版本"], frame.loc[2021, "上传文件"]) == (
        "工作人员上传", "3", "2021年统计表.xlsx")


def test_dictionary_csv_holds_every_entry_with_chinese_headers(bundled: Dataset) -> None:
    """UTF-8 with BOM; one row per indicator, measure and harmonised series; file name with content hash."""
    payload, name = dictionary_export(bundled, "zh")
    assert payload.startswith(b"\xef\xbb\xbf") and name.startswith("gjj-data-dictionary-zh-") and name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    cat = bundled.catalogue
    assert rows[0][:4] == ["类别", "报表格式", "所在表", "指标编号"]
    assert len(rows) - 1 == len(cat.indicators) + len(cat.measures) + len(cat.harmonised)
    assert {r[3] for r in rows[1:]} == set(cat.indicators) | set(cat.measures) | set(cat.harmonised)


def test_method_and_fields_explain_blanks_approximations_and_channels() -> None:
    """The method names blank-as-0, 19000余 as 19,000+ and one item counted once; every download field is described."""
    method = "\n".join(dictionary.method_text("zh"))
    assert "按 0 计算" in method and "19,000+" in method and "只计 1 条" in method
    fields = dictionary.fields_frame("zh")
    assert list(fields["字段"]) == TIDY_FIELDS and all(fields["含义"].str.len() > 0)


def test_dictionary_page_renders_method_tables_and_download(app, bundled: Dataset) -> None:
    """AppTest: method text, six tabs (only the open one built), the CSV download; new2021 lists its 40 rows;
    each other tab shows its whole table (领导看板指标: nine indicators × every format, Fujian's included)."""
    at = app().run()
    at.switch_page("views/dictionary.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "数据说明"
    assert "“—”（未填报）" in texts(at)
    assert at.download_button(key="dictionary_csv").label == "下载数据说明（CSV）"
    labels = [tab.label for tab in at.tabs]
    assert len(labels) == 6 and len(at.dataframe) == 1 and len(at.dataframe[0].value) == 66
    at.selectbox(key="dictionary_format").set_value("new2021").run()
    assert len(at.dataframe[0].value) == 40 and "n21.s3.total" in set(at.dataframe[0].value["指标编号"])
    cat = bundled.catalogue
    for label, (head, rows) in zip(labels[1:], [("指标编号", len(cat.measures)), ("指标编号", len(cat.harmonised)),
                                               ("编号", 9 * len(cat.formats)), ("年度", 1), ("字段", len(TIDY_FIELDS))],
                                              strict=True):
        at.session_state["dictionary_tabs"] = label
        at.run()
        assert not at.exception, at.exception
        assert len(at.dataframe) == 1 and head in at.dataframe[0].value.columns
        assert len(at.dataframe[0].value) == rows


def test_the_open_dictionary_tab_stays_open_after_a_language_switch(app) -> None:
    """数据来源 open, then English: the same tab (Sources) stays open, in English, not the first tab's table."""
    at = app().run()
    at.switch_page("views/dictionary.py").run()
    at.session_state["dictionary_tabs"] = t("dictionary.tab.sources", "zh")
    at.run()
    assert "年度" in at.dataframe[0].value.columns
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["dictionary_tabs"] == t("dictionary.tab.sources", "en")
    assert len(at.dataframe) == 1 and "Year" in at.dataframe[0].value.columns
