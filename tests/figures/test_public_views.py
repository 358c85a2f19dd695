"""The public pages' pure logic: channel checks, hall splits and facilities, narrative vs table, requests, trends."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.figures.disclosure_view import channel_check, disclosure_view
from gjj_dash.figures.facts import Fact, SeriesRows, delta, fact, series_fact
from gjj_dash.figures.halls_view import branches_reporting, facility_status, halls_view, split_statement
from gjj_dash.figures.narrative import agree, restatements
from gjj_dash.figures.portal_view import portal_view
from gjj_dash.figures.requests_blocks import parts_of, refusal_block
from gjj_dash.figures.requests_view import none_sentence, requests_view
from gjj_dash.figures.timeline import year_marks
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.years import data_dir


def _fact(value: float | None, *, blank: bool = False, qualifier: str = "", label: str = "x") -> Fact:
    shown = "— 未填报" if blank else f"{value:,.0f}" + ("+" if qualifier else "")
    return Fact(label, label, label, "条", None if blank else value, qualifier, blank, False, shown, "表")


@pytest.fixture
def combined(tmp_path: Path) -> Dataset:
    """2016–2018 (old table) and 2019 (2019 format), all fictional."""
    return load_dataset(data_dir(tmp_path, "trend", "appeals"))


@pytest.mark.parametrize(
    ("total", "channels", "expected"),
    [
        (204, [None, 94, 91, None, 6], ["204 条，多于各渠道之和 94 + 91 + 6 = 191 条（多 13 条）",
                                         "1.渠道、4.渠道 未填报", "按 0 计"]),
        (150, [None, 80, 60, 20, 10], ["各渠道之和 80 + 60 + 20 + 10 = 170 条，大于", "符合统计口径"]),
        (50, [None, 80, None, None, None], ["小于单个渠道的数字", "与统计口径不符"]),
        (50, [None, 50, None, None, None], ["50 条，与各渠道之和 50 条 相等"]),
    ],
)
def test_channel_check_states_the_total_against_the_channel_sum(total, channels, expected) -> None:
    """The total beside the channel sum, with the numbers; blank channels named and counted as 0."""
    parts = [_fact(v, blank=v is None, label=f"{n + 1}.渠道") for n, v in enumerate(channels)]
    text = channel_check(_fact(total, label="总数"), parts, "zh")
    for words in expected:
        assert words in text


def test_channel_check_with_a_blank_total_says_it_cannot_compare() -> None:
    """A blank total is not compared and says so."""
    text = channel_check(_fact(None, blank=True, label="总数"), [_fact(5, label="网站")], "zh")
    assert text.startswith("统计表未填报总数，无法与各渠道之和 5 条 比较")


def test_bundled_halls_give_centre_totals_only(bundled: Dataset) -> None:
    """2016 names no branch figures: the sentence gives 3 / 19 / 25 and says no split was reported."""
    assert branches_reporting(bundled, 2016) == []
    text = split_statement(bundled, 2016, "zh")
    assert "服务大厅 3 个、服务窗口 19 个、窗口工作人员 25 人" in text
    assert "没有按管理部（博乐管理部、精河管理部、温泉管理部）分别列出" in text


@pytest.mark.parametrize(
    ("facility", "branch", "status"),
    [("facility.front_back_split", "bole", "present"), ("facility.big_screen", "wenquan", "whole"),
     ("facility.water", "jinghe", "whole"), ("facility.info_board", "bole", "whole")],
)
def test_facilities_for_the_halls_as_a_whole_are_not_given_to_a_hall(bundled, facility, branch, status) -> None:
    """“服务大厅均实行” facilities are per hall; the ones listed for the halls as a whole stay whole."""
    assert facility_status(bundled, 2016, facility, branch) == status


def test_facility_not_mentioned_is_not_reported(combined: Dataset) -> None:
    """A facility the year's report does not mention is “not reported”, not “absent”."""
    assert facility_status(combined, 2018, "facility.big_screen", "bole") == "absent"
    assert facility_status(combined, 2017, "facility.big_screen", "bole") == "present"


def test_halls_branch_sum_disagreeing_with_the_centre_total_is_stated(combined: Dataset) -> None:
    """2018 prints 20 windows for the centre but 8 + 6 + 5 = 19 for the branches: both kept, the gap said."""
    view = halls_view(combined, harmonised_series(combined), 2018, "zh")
    (branches,) = [b for b in view.blocks if b.key == "halls_branches"]
    assert branches.figure is not None
    assert "各管理部服务窗口之和为 19 个，与报告的中心合计 20 个 不一致" in branches.statements[0]
    assert list(branches.table["管理部"]) == ["博乐管理部", "精河管理部", "温泉管理部"]


def test_narrative_and_table_disagreement_on_reading_points(bundled: Dataset) -> None:
    """The table's 3 查阅点 and the text's 17 are both kept and found to disagree."""
    ((table, text),) = restatements(bundled, 2016, ["old.s8.reading_points"], "zh")
    assert (table.value, text.value) == (3, 17)
    assert not agree(table, text)


def test_a_blank_cell_agrees_with_a_text_saying_none(bundled: Dataset) -> None:
    """收到申请数 blank and “中心未接到政府信息公开申请” say the same thing."""
    ((table, text),) = restatements(bundled, 2016, ["old.s3.received"], "zh")
    assert table.blank and agree(table, text)


def test_delta_is_marked_approximate_and_absent_for_blank() -> None:
    """21,000+ after 18,000+ is ≈+3,000; a blank year gives no change."""
    assert delta(_fact(21000, qualifier="余"), _fact(18000, qualifier="余"), "zh") == "约+3,000"
    assert delta(_fact(210), _fact(180), "en") == "+30"
    assert delta(_fact(5), _fact(None, blank=True), "zh") is None


def test_no_requests_sentence_uses_the_report_text(bundled: Dataset) -> None:
    """2016: one sentence with the report's own words instead of empty charts."""
    text = none_sentence(bundled, harmonised_series(bundled), 2016, "zh")
    assert text == ("2016 年没有依申请公开、行政复议或行政诉讼：报告正文称“中心未接到政府信息公开申请；"
                    "未接到政府信息公开事务的行政复议；未发生针对有关信息公开事务的行政诉讼和申诉”。")


def test_requests_parts_by_channel_in_the_old_table_and_by_applicant_in_the_new(combined: Dataset) -> None:
    """Old: 当面/传真/网络/信函 rows; 2019 format: no printed rows under 本年新收 (its applicant columns are the
    applicants section's, tests/figures/test_requests_view.py)."""
    total, parts = parts_of(combined, 2018, "requests_received", "zh")
    assert total.value == 6
    assert [p.label for p in parts] == ["1.当面申请数", "2.传真申请数", "3.网络申请数", "4.信函申请数"]
    assert [p.value for p in parts] == [1, 0, 4, 1]
    total, parts = parts_of(combined, 2019, "requests_received", "zh")
    assert total.value == 10 and parts == []


def test_refusal_reasons_follow_the_year_format(combined: Dataset) -> None:
    """The old table's six reasons in 2018, the 2019 format's eight in 2019."""
    old = refusal_block(combined, 2018, "zh").table
    new = refusal_block(combined, 2019, "zh").table
    assert len(old) == 6 and "涉及个人隐私" in list(old["指标"])
    assert len(new) == 8 and list(new["数值"])[3] == "1"


def test_harmonised_outcomes_are_comparable_across_formats(combined: Dataset) -> None:
    """予以公开 sums 已主动公开 + 同意公开 in the old table and reads （一）予以公开 in 2019."""
    rows = SeriesRows(harmonised_series(combined))
    assert series_fact(combined, rows, 2018, "outcome_disclosed", "zh").value == 3
    assert series_fact(combined, rows, 2019, "outcome_disclosed", "zh").value == 6


def test_format_change_is_found_between_2018_and_2019(combined: Dataset) -> None:
    """The 2019 format starts in 2019 (2018 is loaded), so the trend charts mark it there, by its short name."""
    marks = year_marks(combined, "zh")
    assert marks.changes == ((2019, "起：2019年版"),) and marks.gaps == ()


def test_new_format_year_has_no_channel_breakdown_sentence(combined: Dataset) -> None:
    """A 2019-format year says in one sentence that its format has no channel rows, instead of an empty chart."""
    view = disclosure_view(combined, harmonised_series(combined), 2019, "zh")
    channels = view.blocks[0]
    assert channels.figure is None and "该格式没有这一总数及其渠道分列" in channels.empty
    trend = [b for b in view.trends if b.key == "disclosure_trend"][0]
    assert trend.figure is not None and len(trend.figure.layout.shapes) == 1


def test_approximate_figures_keep_their_raw_text(bundled: Dataset) -> None:
    """19000余 becomes 19,000+ with the report's own wording in the note."""
    queries = fact(bundled, 2016, "queries.personal", "zh")
    assert queries.display == "19,000+" and queries.approximate
    view = portal_view(bundled, harmonised_series(bundled), 2016, "zh")
    access = view.blocks[0]
    assert "约数：报告原文“19000余”，表示至少此数" in list(access.table["说明"])


def test_requests_view_of_an_old_year_with_appeals(combined: Dataset) -> None:
    """2018: no sentence; channels, completion, official answers, outcomes, refusals, appeals as charts and tables."""
    view = requests_view(combined, harmonised_series(combined), 2018, "zh")
    assert view.summary == ()
    keys = [b.key for b in view.blocks if b.figure is not None]
    assert keys == ["requests_received", "requests_completed", "requests_answers", "requests_outcomes",
                    "requests_refusals", "requests_appeals"]
    answers = [b for b in view.blocks if b.key == "requests_answers"][0]
    assert list(answers.table["指标"])[1:3] == ["1.属于已主动公开范围数", "2.同意公开答复数"]
    assert answers.statements == ("(三)申请答复数 6 件 = 1 + 2 + 1 + 1 + 1（分项之和 6 件）。",)
    assert [c.delta for c in view.cards] == ["+2", "+2", "+1", "+1"]


def test_trend_of_a_series_whose_definition_changes_is_cut_at_the_format_change(combined: Dataset) -> None:
    """主动公开规范性文件数 (条, old table) and 2019's 规范性文件 (件) are not joined into one line."""
    view = disclosure_view(combined, harmonised_series(combined), 2019, "zh")
    trend = [b for b in view.trends if b.key == "disclosure_trend"][0]
    normative = [tr for tr in trend.figure.data if tr.name == "主动公开规范性文件数"][0]
    assert list(normative.x) == [2016, 2017, 2018, 2018.5, 2019]
    assert any("折线在格式改变处断开" in n for n in trend.notes)
