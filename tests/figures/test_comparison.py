"""The comparison of the centre's indicators with other bodies': each body read from its own data by the same code;
rates of ample or fair samples ranked in the indicator's direction (ties share a rank); small samples after them,
their count shown and never ranked on a rate; bodies without a value last with the reason; an indicator with no
better direction sorted, not ranked; another kind than the centre's said; the table of one indicator, every
indicator side by side, the brief's line, and the rows of `indicators --peers` with 机关 on each."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.figures.board import build_board
from gjj_dash.figures.comparison import NO_VALUE, RANKED, SMALL, SORTED, Compared, Comparison, compare
from gjj_dash.figures.comparison_text import brief_line, comparison_frame, comparison_rows, side_by_side
from gjj_dash.figures.rules import load_rules
from gjj_dash.model.bodies import kind_of
from gjj_dash.store.dataset import load_dataset
from tests.support.years import requests_2021, reviews_2021, write_year

YEAR = 2024
CENTRE = "博州住房公积金管理中心"
# name → {year: (new, decided results)}: the centre 60 %, a fund centre 80 %, a government 100 % of only 20 (small),
# a department with nothing decided, a body of no known kind at 60 % (the centre's rate: a shared rank).
BODIES = {
    CENTRE: {2023: (50, {"disclosed": 50}),
             2024: (100, {"disclosed": 50, "partial": 10, "refused_state_secret": 5, "unavailable_not_held": 35})},
    "某市住房公积金管理中心": {2023: (100, {"disclosed": 100}),
                     2024: (80, {"disclosed": 60, "partial": 4, "refused_state_secret": 16})},
    "洪泽区人民政府": {2024: (20, {"disclosed": 20})},
    "某市市场监督管理局": {2024: (0, {"disclosed": 0})},
    "某某": {2024: (60, {"disclosed": 36, "unavailable_not_held": 24})},
}


def _body(root: Path, name: str, years: dict) -> Compared:
    folder = root / name
    for year, (new, decided) in years.items():
        rows = {"disclosed": 0, "partial": 0, "refused_state_secret": 0, "unavailable_not_held": 0, **decided}
        write_year(folder, year, "new2021", {**requests_2021(new, 0, rows, 0), **reviews_2021(1, 1)})
    return Compared(name, kind_of(name), name == CENTRE, load_dataset(folder), f"{name}.pdf",
                    findings=2 if name == "某某" else 0)


@pytest.fixture
def compared(tmp_path: Path) -> dict[str, Comparison]:
    """The five bodies compared in 2024, by indicator id."""
    bodies = [_body(tmp_path, name, years) for name, years in BODIES.items()]
    found = compare(bodies[0], bodies[1:], YEAR, load_rules().rules)
    return {c.indicator.id: c for c in found}


def order(comparison: Comparison) -> list[tuple[str, str, int | None]]:
    return [(e.body.name, e.standing, e.rank) for e in comparison.entries]


def test_rates_are_ranked_small_samples_follow_unranked_and_no_value_comes_last(compared) -> None:
    """实质公开率 (higher is better): 80 % first, 60 % and 60 % share the 2nd rank, the 20-request body's 100 % is
    not ranked (样本偏少) and comes after them, the body that decided nothing is last."""
    assert order(compared["disclosure_rate"]) == [
        ("某市住房公积金管理中心", RANKED, 1), (CENTRE, RANKED, 2), ("某某", RANKED, 2),
        ("洪泽区人民政府", SMALL, None), ("某市市场监督管理局", NO_VALUE, None)]
    assert compared["disclosure_rate"].ranked == 3


def test_a_lower_is_better_indicator_ranks_the_lowest_first(compared) -> None:
    """不予公开占比: 0 % before 5 % before 20 %."""
    ranked = [(e.body.name, e.rank) for e in compared["refusal_share"].entries if e.standing == RANKED]
    assert ranked == [("某某", 1), (CENTRE, 2), ("某市住房公积金管理中心", 3)]


def test_an_indicator_without_a_better_direction_is_sorted_not_ranked(compared) -> None:
    """受理申请同比变化 (neutral): +100 % before −20 %, neither ranked; bodies without last year have no value."""
    assert order(compared["requests_change"])[:2] == [(CENTRE, SORTED, None), ("某市住房公积金管理中心", SORTED, None)]
    assert {e.standing for e in compared["requests_change"].entries[2:]} == {NO_VALUE}


def test_the_table_of_one_indicator(compared) -> None:
    """Rank or the reason there is none, body, kind (the centre itself; another kind said), the count headline of a
    small sample, N, the sample tag, the source file with the official rows, the notes."""
    frame = comparison_frame(compared["disclosure_rate"])
    rows = {r["机关"]: r for r in frame.to_dict("records")}
    assert list(frame.columns) == ["排序", "机关", "类型", "数值或件数", "细节", "N", "样本", "来源（文件、表、行）",
                                   "说明"]
    assert (rows[CENTRE]["排序"], rows[CENTRE]["类型"], rows[CENTRE]["数值或件数"], rows[CENTRE]["N"]) == (
        "第2（3个机关排名）", "本中心（住房公积金管理中心）", "60.0%", "100")
    small = rows["洪泽区人民政府"]
    assert (small["排序"], small["类型"], small["数值或件数"], small["细节"], small["样本"]) == (
        "样本偏少，不按比率排名", "另一类机关：人民政府（全辖区）", "20 件中 20 件", "100.0%", "样本偏少")
    assert rows["某市住房公积金管理中心"]["类型"] == "同类：住房公积金管理中心"
    assert rows["某某"]["类型"] == "类型未识别"  # never claimed to be of another kind
    assert rows["某某"]["说明"] == "该报告的表有 2 处勾稽关系不成立，数字按原样列出"
    none = rows["某市市场监督管理局"]
    assert (none["排序"], none["数值或件数"], none["说明"]) == (
        "本年无数值，不排名", "本年无办结申请", "本年无办结申请")
    assert rows["洪泽区人民政府"]["来源（文件、表、行）"].startswith("“洪泽区人民政府.pdf”：表三 （一）予以公开")


def test_every_indicator_side_by_side(compared) -> None:
    """One row per body, the centre first, then by name, with its kind; a small sample's count marked 样本偏少."""
    frame = side_by_side(list(compared.values()))
    assert list(frame["机关"]) == [CENTRE, "某市住房公积金管理中心", "某市市场监督管理局", "某某", "洪泽区人民政府"]
    assert frame.columns[1:5].tolist() == ["类型", "实质公开率", "不予公开占比", "本机关不掌握占比"]
    assert frame.set_index("机关").loc["洪泽区人民政府", "类型"] == "另一类机关：人民政府（全辖区）"
    assert frame.set_index("机关").loc["洪泽区人民政府", "实质公开率"] == "20 件中 20 件（样本偏少）"
    assert frame.set_index("机关").loc[CENTRE, "复议纠错率"] == "2 件中 1 件（样本偏少）"


def test_the_brief_s_line(compared) -> None:
    """Where the centre stands, then each body with its value and rank or 样本偏少, another kind marked; cut to one
    body, the rest are counted."""
    line = brief_line(compared["disclosure_rate"])
    assert line == ("对比（2024年）：本中心第2（共3个排名）；某市住房公积金管理中心 80.0%（第1）；"
                    "某某 60.0%（第2）；洪泽区人民政府〔另一类机关〕 20 件中 20 件（样本偏少）；"
                    "某市市场监督管理局〔另一类机关〕 本年无办结申请")
    assert brief_line(compared["disclosure_rate"], limit=1).endswith("80.0%（第1）；另 3 个机关见看板")
    assert brief_line(compared["review_correction_rate"]).startswith("对比（2024年）：本中心不排名；")


def test_the_rows_of_indicators_with_peers(compared) -> None:
    """Every row carries 机关; the centre's rows first with its flags, each body's rows after without flags, with
    kind, rank (blank when not ranked), why not, and the file."""
    comparisons = list(compared.values())
    centre = comparisons[0].centre.body
    board = build_board(centre.dataset, YEAR, load_rules().rules)
    rows = comparison_rows(board, comparisons)
    assert all(r["机关"] for r in rows)
    assert list(dict.fromkeys(r["机关"] for r in rows)) == [
        CENTRE, "某市住房公积金管理中心", "某市市场监督管理局", "某某", "洪泽区人民政府"]
    first = next(r for r in rows if r["机关"] == "洪泽区人民政府" and r["编号"] == "disclosure_rate")
    assert (first["显示"], first["对比排序"], first["不排名原因"], first["来源文件"], first["机关类型"]) == (
        "20 件中 20 件", None, "样本偏少，不按比率排名", "洪泽区人民政府.pdf", "另一类机关：人民政府（全辖区）")
    ranked = next(r for r in rows if r["机关"] == CENTRE and r["编号"] == "disclosure_rate")
    assert (ranked["数值"], ranked["对比排序"], ranked["不排名原因"]) == (60.0, 2, "")
    flagged = [r["机关"] for r in rows if "关注线" in str(r["提示"]) or "纠正" in str(r["提示"])]
    assert set(flagged) <= {CENTRE} and flagged  # the correction flag is the centre's alone


def test_the_centre_alone_is_not_ranked(tmp_path: Path) -> None:
    """Without any other body, nothing is ranked (a rank of one would say nothing)."""
    centre = _body(tmp_path, CENTRE, BODIES[CENTRE])
    found = compare(centre, [], YEAR, load_rules().rules)
    assert {e.rank for c in found for e in c.entries} == {None}


def test_the_table_in_english(compared) -> None:
    """English headers, kinds and ranks; the source's punctuation in English, official labels as printed."""
    frame = comparison_frame(compared["disclosure_rate"], "en")
    rows = {r["Body"]: r for r in frame.to_dict("records")}
    assert list(frame.columns)[:4] == ["Rank", "Body", "Kind", "Value or count"]
    assert (rows[CENTRE]["Rank"], rows["洪泽区人民政府"]["Kind"], rows["洪泽区人民政府"]["Rank"]) == (
        "2 of 3 ranked", "Another kind of body: government of an area", "Small sample, not ranked on a rate")
    source = rows["洪泽区人民政府"]["Source (file, table, row)"]
    assert source.startswith("“洪泽区人民政府.pdf”: Table III （一）予以公开")
