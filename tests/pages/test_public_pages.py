"""AppTest of the public pages: bundled 2016 figures, empty states, fixture trends and deltas, URL year, English."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.figures.pages import VIEWS
from gjj_dash.i18n import t
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import read_values, write_values
from gjj_dash.store.dataset import load_dataset
from tests.support.pages import open_page, texts
from tests.support.years import copy_year, data_dir

PUBLIC = ["views/disclosure.py", "views/halls.py", "views/portal.py", "views/requests.py"]


def _charts(at: AppTest) -> dict[str, dict]:
    """Every plotly chart on the page as its figure JSON, by the section key it was drawn for."""
    out = {}
    for element in at.get("plotly_chart"):
        key = element.proto.id.rsplit("-", 1)[1].removesuffix("_chart")
        out[key] = json.loads(element.proto.spec)
    return out


def _metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta or "") for m in at.metric}


def _table(at: AppTest, key: str):
    """The numbers table of one section (each section is a container keyed section_<key>)."""
    return at.get_by_key(f"section_{key}").dataframe[0].value


def _across(at: AppTest, page: str, title: str) -> AppTest:
    """Open one section across years: they are tabs (keyed <page>_trends) of which only the open one is built."""
    assert title in [tab.label for tab in at.tabs]
    at.session_state[f"{page}_trends"] = title
    at.run()
    assert not at.exception, at.exception
    return at


def test_disclosure_shows_the_2016_channels_rule_and_the_gap(app) -> None:
    """94, 91 and 6 by channel; the counting rule beside the chart; 204 against 94 + 91 + 6 = 191 and 9+94+91+6+4."""
    at = open_page(app, "views/disclosure.py")
    shown = texts(at)
    assert "(不同渠道和方式公开相同信息计1条)" in shown
    assert "(一)主动公开政府信息数 204 条，多于各渠道之和 94 + 91 + 6 = 191 条（多 13 条）" in shown
    assert "1.政府公报公开政府信息数、4.政务微信公开政府信息数 未填报，显示为“—”，合计时按 0 计" in shown
    assert "204 = 9 + 94 + 91 + 6 + 4" in shown
    assert "政府信息公开情况统计表「其中:主动公开规范性文件数」：— 未填报；" \
           "年度报告正文 二、主动公开政府信息情况：9 条" in shown
    channels = _table(at, "disclosure_channels").set_index("指标")["数值"]
    assert (channels["2.政府网站公开政府信息数"], channels["3.政务微博公开政府信息数"]) == ("94", "91")
    assert (channels["5.其他方式公开政府信息数"], channels["1.政府公报公开政府信息数"]) == ("6", "— 未填报")
    bars = _charts(at)["disclosure_channels"]["data"][0]
    assert bars["x"] == [0, 94, 91, 0, 6] and bars["text"][0] == "— 未填报"
    assert _metrics(at)["主动公开政府信息数"] == ("204 条", "")
    assert len(at.get("download_button")) >= 3
    assert "目前只载入了一个年度（2016 年），暂无逐年趋势" in shown


def test_halls_show_centre_totals_and_no_per_branch_split(app) -> None:
    """19 windows and 25 staff, said to be centre totals with no branch split; facilities for the halls as a whole."""
    at = open_page(app, "views/halls.py")
    metrics = _metrics(at)
    assert metrics["服务窗口"][0] == "19 个" and metrics["窗口工作人员"][0] == "25 人"
    assert metrics["预约上门服务"][0] == "30+ 次"
    shown = texts(at)
    assert "2016 年报告只给出中心合计（服务大厅 3 个、服务窗口 19 个、窗口工作人员 25 人），没有按管理部" in shown
    charts = _charts(at)
    assert "halls_branches" not in charts  # no invented split
    grid = charts["halls_facilities"]["data"][0]
    facilities = _table(at, "halls_facilities").set_index("设施")
    assert list(facilities.loc["电子大屏幕", ["博乐管理部", "精河管理部", "温泉管理部"]]) == ["仅整体报告"] * 3
    assert list(facilities.loc["前后台分离", ["博乐管理部", "精河管理部", "温泉管理部"]]) == ["有"] * 3
    assert grid["x"] == ["博乐管理部", "精河管理部", "温泉管理部"]
    leaflets = _table(at, "halls_service").set_index("指标")
    assert leaflets.loc["维吾尔文业务宣传单", "数值"] == "有"
    assert "汉、维两种文字" in leaflets.loc["汉文业务宣传单", "说明"]


def test_portal_shows_visits_queries_at_least_and_both_reading_point_figures(app) -> None:
    """13,810 visits; 19,000+ queries hatched, never as exact; 查阅点 3 in the table and 17 in the text."""
    at = open_page(app, "views/portal.py")
    metrics = _metrics(at)
    assert metrics["门户网站公众浏览"][0] == "13,810 次"
    assert metrics["个人公积金信息查询"][0] == "19,000+ 人次"
    bars = _charts(at)["portal_access"]["data"][0]
    assert bars["text"] == ["13,810 次", "19,000+ 人次"]
    assert bars["marker"]["pattern"]["shape"] == ["", "/"]
    shown = texts(at)
    assert "政府信息公开情况统计表「(二)设置政府信息公开查阅点数」：3 个；" \
           "年度报告正文 二、主动公开政府信息情况：17 个。两者不一致" in shown
    channels = _table(at, "portal_channels")
    assert list(channels["指标"]) == ["网上查询系统", "自主查询机", "语音查询电话", "微信平台"]
    assert list(channels["说明"])[3] == "报告原文：博州零距离微信平台"
    outreach = _table(at, "portal_outreach").set_index("指标")["数值"]
    assert (outreach["电视采访"], outreach["上报宣传稿件"], outreach["宣传稿件被采用"]) == ("2", "100+", "50+")
    assert outreach["房地产交易博览会发放宣传资料"] == "500+"


def test_requests_say_in_one_sentence_that_2016_had_none(app) -> None:
    """No request, reconsideration or lawsuit: the report's sentence, and no empty chart."""
    at = open_page(app, "views/requests.py")
    assert "2016 年没有依申请公开、行政复议或行政诉讼：报告正文称“中心未接到政府信息公开申请" in texts(at)
    assert _charts(at) == {}
    assert "目前尚未开展收费工作" in texts(at)


@pytest.mark.parametrize(
    ("page", "metric", "value", "change", "trend"),
    [
        ("views/disclosure.py", "主动公开政府信息数", "210 条", "+30", "disclosure_trend"),
        ("views/halls.py", "服务窗口", "20 个", "+3", "halls_trend"),
        ("views/portal.py", "个人公积金信息查询", "21,000+ 人次", "约+3,000", "portal_trend"),
        ("views/requests.py", "收到依申请公开申请", "6 件", "+2", "requests_trend"),
    ],
)
def test_three_fixture_years_give_trends_and_deltas(app, tmp_path, page, metric, value, change, trend) -> None:
    """2016–2018: the card's change from 2017, a trend over three years, and the year-on-year table."""
    at = open_page(app, page, data_dir(tmp_path, "trend"), year="2018")
    assert _metrics(at)[metric] == (value, change)
    lines = _charts(at)[trend]["data"]  # the first section across years is shown by default
    assert all(line["x"] == [2016, 2017, 2018] for line in lines)
    name = page.removeprefix("views/").removesuffix(".py")
    table = _table(_across(at, name, t("pub.delta_title")), f"{name}_delta")
    assert list(table.columns[1:4]) == ["2017", "2018", "变化"]
    assert trend not in _charts(at)  # one section across years at a time


@pytest.mark.parametrize("page", PUBLIC)
def test_each_section_across_years_is_one_choice_away(app, tmp_path, page) -> None:
    """A tab names each section across years; opening one builds it (its numbers at least) and no other."""
    folder = data_dir(tmp_path, "trend")
    name = page.removeprefix("views/").removesuffix(".py")
    data = load_dataset(folder)
    sections = VIEWS[name](data, harmonised_series(data), 2018, "zh").trends
    at = open_page(app, page, folder, year="2018")
    assert [tab.label for tab in at.tabs] == [s.title for s in sections]
    for chosen in sections:
        _across(at, name, chosen.title)
        assert len(at.get_by_key(f"section_{chosen.key}").dataframe) == 1
        for other in sections:
            if other is not chosen:
                with pytest.raises(KeyError):
                    at.get_by_key(f"section_{other.key}")


def test_halls_compare_the_branches_when_the_report_gives_them(app, tmp_path) -> None:
    """Per-branch windows and staff as grouped bars; the branches' 19 windows against the centre's 20 is said."""
    at = open_page(app, "views/halls.py", data_dir(tmp_path, "trend"), year="2018")
    bars = _charts(at)["halls_branches"]["data"]
    assert [b["name"] for b in bars] == ["服务窗口", "窗口工作人员"]
    assert bars[0]["x"] == ["博乐管理部", "精河管理部", "温泉管理部"] and bars[0]["y"] == [8, 6, 5]
    assert "各管理部服务窗口之和为 19 个，与报告的中心合计 20 个 不一致" in texts(at)
    branch_trend = _table(_across(at, "halls", t("halls.branch_trend_title")), "halls_branch_trend")
    assert list(branch_trend["博乐管理部 · 服务窗口（个）"]) == ["7", "8", "8"]


def test_url_year_is_honoured(app, tmp_path) -> None:
    """?year=2017 selects 2017 on a public page and shows its figures and its change from 2016."""
    at = open_page(app, "views/disclosure.py", data_dir(tmp_path, "trend"), year="2017")
    assert at.session_state["year"] == 2017
    assert _metrics(at)["主动公开政府信息数"] == ("180 条", "+30")
    assert "2017 年度主动公开的政府信息" in texts(at)


def test_format_change_is_marked_on_the_trends(app, tmp_path) -> None:
    """With a 2019-format year after the old table, trend charts mark the change and requests still compare."""
    at = open_page(app, "views/requests.py", data_dir(tmp_path, "trend", "appeals"), year="2019")
    trend = _charts(at)["requests_trend"]["layout"]
    assert trend["shapes"][0]["x0"] == 2018.5
    assert trend["annotations"][0]["text"] == "起：2019年版"  # the year before is loaded: the start is known
    shown = texts(at)
    assert "新收 10 + 上年结转 1 = 11 件，等于办理结果总计 10 + 结转下年度 1 = 11 件" in shown
    assert "报表格式与上一年度不同，变化仅供参考" in shown
    outcomes = _table(_across(at, "requests", t("requests.outcome_trend_title")), "requests_outcome_trend")
    assert list(outcomes["年度"]) == ["2016", "2017", "2018", "2019"]


def test_english_switch_translates_labels_and_keeps_the_official_chinese(app) -> None:
    """English text and catalogue labels, with the official Chinese label beside each translated one."""
    at = open_page(app, "views/disclosure.py", lang="English")
    table = _table(at, "disclosure_channels").set_index("Indicator")
    assert table.loc["2. Items published on government websites", "Official label"] == "2.政府网站公开政府信息数"
    assert table.loc["2. Items published on government websites", "Value"] == "94"
    assert "Items proactively disclosed" in _metrics(at)
    assert "more than the channel sum 94 + 91 + 6 = 191 条" in texts(at)


def test_a_single_sparse_year_gives_sentences_not_blank_charts(app, tmp_path) -> None:
    """No hall, portal or request figures: each page says so in a sentence."""
    data = data_dir(tmp_path, "single")
    halls = texts(open_page(app, "views/halls.py", data))
    assert "2018 年报告没有给出服务大厅、窗口或窗口工作人员的数字。" in halls
    portal = texts(open_page(app, "views/portal.py", data))
    assert "2018 年报告没有给出门户网站浏览或个人信息查询的数字。" in portal
    requests = open_page(app, "views/requests.py", data)
    assert "2018 年没有收到政府信息公开申请，也没有行政复议或行政诉讼" in texts(requests)
    disclosure = texts(open_page(app, "views/disclosure.py", data))
    assert "(一)主动公开政府信息数 50 条，与各渠道之和 50 条 相等。" in disclosure


@pytest.mark.parametrize("page", PUBLIC)
def test_an_empty_data_directory_says_so(app, tmp_path, page) -> None:
    """No year loaded: one sentence, no error."""
    (tmp_path / "years").mkdir()
    at = open_page(app, page, tmp_path)
    assert "数据目录中还没有任何年度的数据。" in texts(at)


def test_the_open_section_across_years_stays_open_after_a_language_switch(app, tmp_path) -> None:
    """The tabs' state is the open tab's label; switching to English finds the same section by its place (it used to
    fall back to the first), and coming back to the page later keeps it too."""
    at = open_page(app, "views/disclosure.py", data_dir(tmp_path, "trend"), year="2018")
    _across(at, "disclosure", t("pub.delta_title"))
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["disclosure_trends"] == t("pub.delta_title", "en") == "Compared with the previous year"
    table = _table(at, "disclosure_delta")
    assert list(table.columns[2:5]) == ["2017", "2018", "Change"]
    with pytest.raises(KeyError):
        at.get_by_key("section_disclosure_trend")
    at.switch_page("views/halls.py").run()
    at.switch_page("views/disclosure.py").run()
    assert at.session_state["disclosure_trends"] == "Compared with the previous year"


@pytest.mark.parametrize("page", ["views/overview.py", "views/portal.py"])
def test_a_figure_in_person_times_keeps_its_unit(app, data_copy, page: str) -> None:
    """97402 人次 of personal queries (a year copied from 2016 with that figure) reads “97,402 人次” on the overview's
    card and the portal page — never with the portal visits' unit 次."""
    copy_year(data_copy, 2016, 2017)
    path = data_copy / "years" / "2017" / "values.csv"
    frame = read_values(path)
    queries = frame["indicator"] == "queries.personal"
    frame.loc[queries, ["value", "raw", "qualifier"]] = [97402.0, "97402人次", ""]
    path.write_bytes(write_values(frame))
    shown = texts(open_page(app, page, data_copy, year="2017"))
    assert "97,402 人次" in shown
    assert re.search(r"97,402 次", shown) is None
