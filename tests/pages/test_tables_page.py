"""AppTest of the 官方统计表 page: the 2016 form with its footer and downloads, a new-format year, plain-text safety."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.pages import open_page, shown, texts
from tests.support.years import add_report

PAGE = "views/tables.py"
DOWNLOADS = {
    "tables_dl_csv": "CSV（官方版式，Excel 可直接打开）",
    "tables_dl_xlsx": "Excel（XLSX，A4 打印版式）",
    "tables_dl_html": "网页版（HTML，可直接打印）",
    "tables_dl_json": "JSON（机器可读）",
    "tables_all_csv": "全部数据（CSV）",
    "tables_all_parquet": "全部数据（Parquet）",
}


def test_2016_table_shows_in_official_layout_with_footer_and_downloads(app) -> None:
    """Title, year, 填报单位, 65 rows + note with indentation, — for blanks, footer names, six download buttons."""
    at = open_page(app, PAGE)
    assert [s.value for s in at.subheader][0] == "政府信息公开情况统计表"
    shown = [e.value for e in at.text]
    assert "(2016年度)" in shown and "填报单位(盖章)：博州住房公积金管理中心" in shown
    assert "单位负责人：郭成秀\u3000\u3000审核人：马莹\u3000\u3000填报人：张薇" in shown
    assert "联系电话：0909-2235500" in shown
    [table] = at.dataframe
    frame = table.value
    assert list(frame.columns) == ["统计指标", "单位", "统计数", "数据质量"] and len(frame) == 66
    marks = {label.strip("\u3000"): mark for label, _, _, mark in frame.itertuples(index=False) if mark}
    kinds = ["政府公报", "政府网站", "政务微博", "政务微信", "其他方式"]
    channels = [f"{n}.{kind}公开政府信息数" for n, kind in enumerate(kinds, 1)]
    assert marks == {"(一)主动公开政府信息数": "⚠ 1", "其中:主动公开规范性文件数": "⚠ 1",
                     "(二)设置政府信息公开查阅点数": "⚠ 1"} | dict.fromkeys(channels, "⚠ 1")
    rows = {label.strip("\u3000"): (label, unit, value) for label, unit, value, _ in frame.itertuples(index=False)}
    assert rows["(一)主动公开政府信息数"] == ("\u3000(一)主动公开政府信息数", "条", "204")
    assert rows["其中:主动公开规范性文件数"] == ("\u3000\u3000\u3000其中:主动公开规范性文件数", "条", "—")
    assert rows["一、主动公开情况"] == ("一、主动公开情况", "——", "")
    assert rows["(不同渠道和方式公开相同信息计1条)"][2] == ""
    assert rows["(三)接受培训人员数"][2] == "4"
    buttons = {b.key: b.label for b in at.download_button}
    assert buttons == DOWNLOADS
    assert "“—”表示统计表中该格未填报" in texts(at)


def test_rows_with_findings_link_to_the_quality_page_of_their_year(app) -> None:
    """Each 2016 row with a finding (204 vs its channels, 9 vs blank, 17 vs 3) links to 数据质量 for 2016."""
    at = open_page(app, PAGE)
    links = [(shown(link.value), link.proto.page, link.proto.query_string) for link in at.page_link]
    assert {page for _, page, _ in links} == {"quality"} and {q for _, _, q in links} == {"year=2016"}
    labels = [label for label, _, _ in links]
    assert labels[:3] == ["⚠ (一)主动公开政府信息数：1 条数据质量发现", "⚠ 其中:主动公开规范性文件数：1 条数据质量发现",
                          "⚠ 1.政府公报公开政府信息数：1 条数据质量发现"]
    assert "⚠ (二)设置政府信息公开查阅点数：1 条数据质量发现" in labels and len(labels) == 8


def test_new_format_year_shows_each_table_in_its_own_shape(app, data_copy: Path) -> None:
    """?year=2021 (Pingtan fixture): six tables; table 三 with grouped applicant columns; no footer given."""
    add_report(data_copy, "pingtan-2021")
    at = open_page(app, PAGE, data_copy, year="2021")
    assert shown(at.subheader[0].value) == "政府信息公开工作年度报告统计表(2021年格式)"
    assert len(at.dataframe) == 6
    s3 = at.dataframe[4].value  # s2_1, s2_5, s2_6, s2_8, s3, s4
    assert ("法人或其他组织", "商业企业") in list(s3.columns) and ("申请人情况", "总计") in list(s3.columns)
    first = s3.iloc[0].tolist()
    assert first == ["一、本年新收政府信息公开申请数量", "件", "64", "0", "0", "2", "0", "4", "70"]
    group = s3[s3[("", "信息内容")] == "三、本年度办理结果"].iloc[0].tolist()
    assert group[1:] == [""] * 8
    fees = at.dataframe[3].value.iloc[0].tolist()
    assert fees == ["\u3000行政事业性收费", "万元", "24,252.311082"]  # as printed: six decimals, not rounded
    assert "本年度报告未附填报人信息。" in texts(at)
    assert len(at.download_button) == 6


def test_english_switch_adds_english_labels_beside_the_official_ones(app) -> None:
    """?lang=English keeps the official Chinese labels and adds the catalogue's English label column."""
    at = open_page(app, PAGE, lang="English")
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["统计指标", "English label", "单位", "统计数", "Data quality"]
    row = frame[frame["统计指标"] == "\u3000(一)主动公开政府信息数"].iloc[0].tolist()
    assert row[1] == "\u3000(1) Government information items proactively disclosed" and row[3] == "204"
    assert at.download_button(key="tables_dl_xlsx").label == "Excel (XLSX, prints on A4)"


def test_uploaded_text_is_shown_as_plain_text_never_as_markup(app, data_copy: Path) -> None:
    """A footer or source holding Markdown/HTML (an external image) reaches only plain-text elements."""
    report_path = data_copy / "years" / "2016" / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    evil = "![x](http://evil.invalid/x.png)<img src=http://evil.invalid/y.png>"
    report["footer"]["填报人"] = evil
    report["source"] = evil
    report_path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    at = open_page(app, PAGE, data_copy)
    assert any(evil in e.value for e in at.text)
    markup = [str(e.value) for kind in ("markdown", "caption", "subheader", "title") for e in getattr(at, kind)]
    assert not [m for m in markup if "evil.invalid" in m]
