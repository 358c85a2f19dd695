"""AppTest of the leadership board on the overview: the indicators with their headlines, sample tags and last year,
the flags with links, the data status, an opened indicator (formula, rows, chart with gaps), public and staff alike,
English, and a rules file that turns bad under the running app (the earlier rules stay in force, staff are told)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.paths import CATALOGUE_DIR
from tests.support.pages import shown, texts
from tests.support.years import data_dir

Start = Callable[..., AppTest]


@pytest.fixture
def formats(tmp_path: Path) -> Path:
    """A private copy of the formats set: 2016 (seed), Shanghai 2019, Pingtan 2021."""
    return data_dir(tmp_path, "formats")


def labels(at: AppTest) -> dict[str, str]:
    return {shown(e.label).split(" · ")[0]: shown(e.label) for e in at.expander}  # as read: escapes undone


def test_the_seed_year_shows_nine_indicators_flags_and_status(app: Start) -> None:
    """2016 (bundled): 本年无办结申请 instead of a rate, the old table's missing rows, the identity flag, version 0."""
    at = app()
    at.run()
    assert not at.exception
    shown = labels(at)
    assert len(shown) == 9
    assert shown["实质公开率"] == "实质公开率 · **本年无办结申请** · :gray[样本偏少] · :gray[2015年未载入]"
    assert shown["争议转化率"].startswith("争议转化率 · **—**")
    page = texts(at)
    assert "1. 2016年统计表有 1 处勾稽关系不成立（最大渠道 ≤ 去重总数 ≤ 各渠道之和），数据按原样列出。" in page
    assert "数据版本：第0版（基础数据）" in page
    assert "204" in page  # the key figures follow the board


@pytest.mark.parametrize("public", [False, True])
def test_a_2021_format_year_in_both_deployments(app: Start, formats: Path, public: bool) -> None:
    """Pingtan 2021: rates with their tags, the count for a small sample, the dispute flag with its page link."""
    at = app(formats, public=public, query={"year": "2021"})
    at.run()
    assert not at.exception
    shown = labels(at)
    assert shown["实质公开率"] == "实质公开率 · **50.7%** · :gray[样本一般] · :gray[2020年未载入]"
    assert shown["复议纠错率"].startswith("复议纠错率 · **3 件中 0 件** · :gray[样本偏少]")
    assert at.expander[4].icon == ":material/flag:"  # 争议转化率 is flagged
    page = texts(at)
    assert "1. 争议转化率 21.4%（15 / 70 件，2021年）高于关注线 10%。" in page
    links = [(link.proto.label, link.proto.page, link.proto.query_string) for link in at.get_by_key("lead_flags")
             .get("page_link")]
    assert links[0] == ("查看“官方统计表”（2021年）", "tables", "year=2021")


def test_opening_an_indicator_shows_formula_rows_sources_and_chart(app: Start, formats: Path) -> None:
    """复议纠错率 opened: formula, numerator and denominator with their rows and figures, sources, a chart across
    2016–2021 whose loaded years without a value are marked with their reasons and whose years not loaded are
    bands no line crosses."""
    at = app(formats, query={"year": "2021"})
    at.run()
    at.session_state["lead_review_correction_rate"] = True
    at.run()
    assert not at.exception
    opened = at.expander[3]
    body = "\n".join(m.value for m in opened.markdown)
    assert "**3 件中 0 件** · 比率 0.0%（样本偏少，仅作参考）" in body
    assert "公式：行政复议结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）" in body
    assert "- 行政复议·结果纠正 0 件（2021年：表四 行政复议·结果纠正）" in body
    assert "- 行政复议·其他结果 2 件（2021年：表四 行政复议·其他结果）" in body
    assert "- 行政复议·结果维持：表四 行政复议·结果维持" in body
    chart = opened.get("plotly_chart")[0]
    figure = json.loads(chart.proto.spec)
    line, missing, gaps = figure["data"]
    assert line["x"] == list(range(2016, 2022)) and line["y"][-3:] == [0.0, None, 0.0]  # 2019: 0 of 5; 2020 absent
    assert dict(zip(gaps["x"], gaps["text"], strict=True)) == {2016: "本年无已审结的行政复议"}
    assert missing["meta"] == "gaps" and missing["x"] == [2017, 2018, 2020]  # years not loaded: bands, no line
    assert [(s["x0"], s["x1"]) for s in figure["layout"]["shapes"]] == [(2016.5, 2018.5), (2019.5, 2020.5)]


def test_the_board_in_english(app: Start, formats: Path) -> None:
    """?lang=English: names, tags and flags in English."""
    at = app(formats, query={"year": "2021", "lang": "English"})
    at.run()
    assert not at.exception
    assert labels(at)["Substantive disclosure rate"].startswith("Substantive disclosure rate · **50.7%** · :gray[Fair")
    assert "Dispute conversion rate 21.4% (15 / 70 件; 2021) is above the watch line of 10%." in texts(at)


def _rules(folder: Path, extra: str) -> None:
    (folder / "flags.csv").write_text((CATALOGUE_DIR / "flags.csv").read_text(encoding="utf-8") + extra,
                                      encoding="utf-8")


def test_a_rules_file_turning_bad_keeps_the_rules_in_force(app: Start, formats: Path) -> None:
    """Staff raise the dispute watch line to 30 % (the flag goes); then save a bad line: the page names the line,
    says the earlier rules still apply — and the flag stays gone."""
    text = (CATALOGUE_DIR / "flags.csv").read_text(encoding="utf-8").replace("dispute_high,above,dispute_rate,10",
                                                                                 "dispute_high,above,dispute_rate,30")
    (formats / "flags.csv").write_text(text, encoding="utf-8")
    at = app(formats, query={"year": "2021"})
    at.run()
    assert "争议转化率 21.4%" not in texts(at)
    (formats / "flags.csv").write_text(text + "oops,above,dispute_rate,三十,,\n", encoding="utf-8")
    at.run()
    assert not at.exception
    warning = next(w.value for w in at.warning if "flags.csv" in w.value)
    assert f"flags.csv 第{len(text.splitlines()) + 1}行：阈值“三十”不是数字" in warning
    assert "该文件未采用，仍沿用" in warning
    assert "争议转化率 21.4%" not in texts(at)


def test_a_bad_rules_file_at_start_uses_the_shipped_rules(app: Start, formats: Path) -> None:
    """A bad file before the first view: the shipped rules apply (the 10 % flag shows) and staff are told so; the
    public deployment shows the flags but not the staff's file problems."""
    _rules(formats, "oops,belw,dispute_rate,10,,\n")
    staff = app(formats, query={"year": "2021"})
    staff.run()
    warning = next(w.value for w in staff.warning if "flags.csv" in w.value)
    assert "类型“belw”无效" in warning and "目前使用内置规则" in warning
    assert "争议转化率 21.4%（15 / 70 件，2021年）高于关注线 10%。" in texts(staff)
    public = app(formats, public=True, query={"year": "2021"})
    public.run()
    assert not [w for w in public.warning if "flags.csv" in w.value]
