"""Flags that explain themselves, and honest small numbers: 1 correction of 6 decided appeals is a count with
样本偏少 and raises no rate flag (the correction itself is flagged as a count); no decided request reads
本年无办结申请, never 0 %; each flag is a sentence with its figures, the rows behind it and a link to its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.figures.board import build_board, indicator_rows
from gjj_dash.figures.flags import raise_flags
from gjj_dash.figures.indicator_text import detail, headline, sample_label
from gjj_dash.figures.indicators import history
from gjj_dash.figures.rules import Rules, parse_rules
from gjj_dash.model.series import harmonised_series
from gjj_dash.quality.checks import check_dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.years import requests_2021, reviews_2021, write_year

HEAD = "id,kind,target,threshold,min_n,note\nsample_fair,sample_fair,,30,,\nsample_ample,sample_ample,,100,,\n"


def rules_of(*lines: str) -> Rules:
    return parse_rules((HEAD + "".join(f"{line}\n" for line in lines)).encode())


def test_one_correction_of_six_is_a_count_with_no_rate_flag(tmp_path: Path) -> None:
    """1 of 6 decided: headline "6 件中 1 件", tag 样本偏少, 16.7% only as small print; the 10% watch line is not
    applied to it, while the correction is flagged as a count with its year and table row."""
    write_year(tmp_path, 2024, "new2021", reviews_2021(upheld=5, corrected=1))
    data = load_dataset(tmp_path)
    rules = rules_of("high,above,review_correction_rate,10,,", "corrected,nonzero,reviews_corrected,0,,")
    board = build_board(data, 2024, rules)
    reading = next(r for r in board.readings if r.indicator.id == "review_correction_rate")
    assert (reading.num, reading.den, reading.n) == (1, 5 + 1 + 0, 6)
    assert headline(reading, data.catalogue) == "6 件中 1 件"
    assert sample_label(reading) == "样本偏少"
    assert detail(reading, data.catalogue) == "16.7%"  # 1 ÷ 6 = 0.1667, small print only
    assert [f.rule for f in board.flags] == ["corrected"]  # no "high": the sample is under 30
    assert board.flags[0].text == "行政复议·结果纠正 1 件（2024年，表四 行政复议·结果纠正）。"
    assert board.flags[0].link == "/tables?year=2024"
    row = next(r for r in indicator_rows(data, board) if r["编号"] == "review_correction_rate")
    assert (row["分子"], row["分母"], row["数值"], row["样本"]) == (1, 6, 16.7, "样本偏少")
    assert row["提示"] == board.flags[0].text  # the count flag belongs to the indicator whose numerator it is


def test_the_same_share_with_enough_sample_raises_the_rate_flag(tmp_path: Path) -> None:
    """6 of 30 decided (20%) is at the 样本一般 line: the headline is the rate and the 10% watch line applies."""
    write_year(tmp_path, 2024, "new2021", reviews_2021(upheld=24, corrected=6))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("high,above,review_correction_rate,10,,"))
    assert [f.text for f in board.flags] == ["复议纠错率 20.0%（6 / 30 件，2024年）高于关注线 10%。"]
    assert board.flags[0].where == "表四 行政复议·结果纠正、表四 行政复议·结果维持、表四 行政复议·其他结果"


def test_min_n_in_the_rules_file_overrides_the_sample_line(tmp_path: Path) -> None:
    """A rule's own min_n (here 5) lets staff watch a rate on fewer cases than the 样本一般 line."""
    write_year(tmp_path, 2024, "new2021", reviews_2021(upheld=5, corrected=1))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("high,above,review_correction_rate,10,5,"))
    assert [f.rule for f in board.flags] == ["high"]


def test_no_decided_request_reads_as_words_never_zero_percent(tmp_path: Path) -> None:
    """A 2021 table with every 总计 at 0: 本年无办结申请, 数值 blank, no rate flag even under a watch line."""
    write_year(tmp_path, 2024, "new2021", requests_2021(0, 0, {"disclosed": 0, "partial": 0}, 0))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("low,below,disclosure_rate,50,0,"))
    reading = next(r for r in board.readings if r.indicator.id == "disclosure_rate")
    assert (reading.status, reading.value) == ("zero", None)
    assert headline(reading, data.catalogue) == "本年无办结申请"
    row = next(r for r in indicator_rows(data, board) if r["编号"] == "disclosure_rate")
    assert (row["分子"], row["分母"], row["数值"], row["提示"]) == (0, 0, None, "本年无办结申请")
    assert "%" not in headline(reading, data.catalogue)
    assert board.flags == ()


def test_a_fall_in_points_needs_enough_sample_in_both_years(tmp_path: Path) -> None:
    """实质公开率 80/100 → 50/100 fell 30 points (> 10) and is flagged with both years' rates and the pages."""
    for year, disclosed in ((2023, 80), (2024, 50)):
        results = {"disclosed": disclosed, "partial": 0, "unavailable_not_held": 100 - disclosed}
        write_year(tmp_path, year, "new2021", requests_2021(100, 0, results, 0))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("fall,fall,disclosure_rate,10,,"))
    assert [f.text for f in board.flags] == [
        "实质公开率比上年下降 30.0 个百分点（2023年 80.0% → 2024年 50.0%），超过 10 个百分点。"]


def test_a_change_below_its_watch_line_names_both_years(tmp_path: Path) -> None:
    """门户网站浏览 10,000 → 5,000 is a change of (5000 − 10000) ÷ 10000 = −50 %, beyond the −30 % line."""
    for year, visits in ((2023, 10000), (2024, 5000)):
        write_year(tmp_path, year, "new2021", {("portal.visits", "value"): visits})
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("drop,below,portal_change,-30,,"))
    assert [f.text for f in board.flags] == [
        "门户网站浏览同比变化 -50.0%（2023年 10,000 → 2024年 5,000 次）低于关注线 -30%。"]
    assert board.flags[0].link == "/portal?year=2024"


def test_carried_forward_growing_two_years_running(tmp_path: Path) -> None:
    """结转下年度 1 → 2 → 4 over three consecutive years is flagged with each year's figure."""
    for year, forward in ((2022, 1), (2023, 2), (2024, 4)):
        write_year(tmp_path, year, "new2021", requests_2021(10, 0, {"disclosed": 10 - forward}, forward))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("growth,growth,requests_carried_forward,2,,"))
    assert [f.text for f in board.flags] == [
        "结转下年度继续办理连续 2 年增加（2022年 1 件 → 2023年 2 件 → 2024年 4 件）。"]
    assert board.flags[0].where == "表三 四、结转下年度继续办理"


def test_identity_failures_and_missing_years_are_flagged_with_their_pages(bundled_formats: Path) -> None:
    """2016 breaks one identity (204 > 94 + 91 + 6 = 191) → 数据质量; 2017, 2018 and 2020 are not loaded → 数据说明."""
    data = load_dataset(bundled_formats)
    rules = rules_of("identities,identities,,,,", "gaps,gaps,,,,")
    frame = harmonised_series(data)
    flags = raise_flags(data, 2016, rules, history(data, rules, frame), frame, check_dataset(data))
    assert [(f.rule, f.page) for f in flags] == [("identities", "quality"), ("gaps", "dictionary")]
    assert flags[0].text == "2016年统计表有 1 处勾稽关系不成立（最大渠道 ≤ 去重总数 ≤ 各渠道之和），数据按原样列出。"
    assert flags[1].text == "2016—2021年之间缺少 2017、2018、2020 年度的数据，历年比较在缺口处中断。"


def test_flags_speak_english_too(tmp_path: Path) -> None:
    """The same rule in English names the figures and the official row as printed."""
    write_year(tmp_path, 2024, "new2021", reviews_2021(upheld=5, corrected=1))
    data = load_dataset(tmp_path)
    board = build_board(data, 2024, rules_of("corrected,nonzero,reviews_corrected,0,,"), lang="en")
    assert board.flags[0].text == "Reconsiderations: corrected: 1 件 (2024; Table IV 行政复议·结果纠正)."


@pytest.fixture
def bundled_formats() -> Path:
    return Path(__file__).resolve().parents[1] / "fixtures" / "years" / "formats"
