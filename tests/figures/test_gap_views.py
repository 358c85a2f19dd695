"""Every public page's view on a store with gaps (2016, 2019, 2024 loaded; 2017–2018 and 2020–2023 not): no line
crosses a gap, no "起" and no "上一年" across one, comparisons name both years, "本年度报表无此项" for a row the year's
format lacks against "— 未填报" for a blank one, derived totals marked, and the overview's years with their gaps."""

from __future__ import annotations

import math
import re

import pytest

from gjj_dash.figures.blocks import Block, View
from gjj_dash.figures.pages import VIEWS
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import Dataset
from gjj_dash.store.dataset import load_dataset
from tests.support.years import GAP_YEARS, gap_years

MISSING = {2017, 2018, 2020, 2021, 2022, 2023}
# "2019年起", "（本年起）", the chart's "起：" and their English: a format said to start in a year.
CLAIMED_START = re.compile(r"\d{4} ?年起|本年起|起：|from \d{4} the |From here|from this year")


@pytest.fixture(scope="module")
def gapped(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(gap_years(tmp_path_factory.mktemp("gaps")))


@pytest.fixture(scope="module")
def views(gapped: Dataset) -> dict[tuple[str, int, str], View]:
    series = harmonised_series(gapped)
    return {(page, year, lang): VIEWS[page](gapped, series, year, lang)
            for page in VIEWS for year in GAP_YEARS for lang in ("zh", "en")}


def _words(view: View) -> list[str]:
    """Every text a view shows: notes, cards, sections (titles, leads, statements, notes, alt text, table cells)."""
    out = [view.intro, view.year_note, *view.summary]
    for card in view.cards:
        out += [card.label, card.value, card.delta or "", card.note, card.compared]
    for block in (*view.blocks, *view.trends):
        out += [block.title, block.lead, block.alt, block.empty, *block.statements, *block.notes]
        if block.table is not None:
            out += [str(v) for v in block.table.columns] + [str(v) for v in block.table.to_numpy().ravel()]
    return out


def _block(view: View, key: str) -> Block:
    return next(b for b in (*view.blocks, *view.trends) if b.key == key)


@pytest.mark.parametrize("page", sorted(VIEWS))
def test_no_line_crosses_a_year_not_loaded(views, page: str) -> None:
    """Every line of every chart across years: two points it joins are never on either side of a missing year."""
    for block in views[(page, 2024, "zh")].trends:
        if block.figure is None:
            continue
        for trace in block.figure.data:
            if trace.type != "scatter" or trace.meta == "gaps":
                continue
            points = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y is not None]
            for (a, ya), (b, yb) in zip(points, points[1:], strict=False):
                if not (math.isnan(ya) or math.isnan(yb)):
                    assert not any(a < m < b for m in MISSING), (block.key, trace.name, a, b)
        shown = {(s.x0, s.x1) for s in block.figure.layout.shapes if s.type == "rect"}
        assert shown == {(2016.5, 2018.5), (2019.5, 2023.5)}, block.key


@pytest.mark.parametrize("page", sorted(VIEWS))
@pytest.mark.parametrize("year", GAP_YEARS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_claims_a_start_or_a_previous_year_across_a_gap(views, page: str, year: int, lang: str) -> None:
    """No "X年起"/"（本年起）" (the year before each change is missing) and no "上一年度" comparison (the carry-over
    chain's column about the calendar year before stays: it says that year is not loaded)."""
    view = views[(page, year, lang)]
    words = _words(view)
    assert [w for w in words if CLAIMED_START.search(w)] == []
    compared = [b for b in view.trends if b.key.endswith("_delta")]
    for block in compared:
        said = " ".join([block.title, block.empty, *block.notes])
        assert "上一年" not in said and "previous year" not in said.lower() or year == 2016, said


@pytest.mark.parametrize(("page", "key"), [("overview", "overview_delta"), ("requests", "requests_delta")])
def test_a_comparison_across_a_gap_names_both_years(views, page: str, key: str) -> None:
    """2024 is compared with 2019 — the title says so with the gap, the columns are the two years, the note says it
    is not year on year; the cards carry the same words."""
    view = views[(page, 2024, "zh")]
    block = _block(view, key)
    assert block.title == "与2019年相比（2020—2023年缺数据）"
    assert list(block.table.columns)[1:3] == ["2019", "2024"]
    assert "这不是同比变化" in block.notes[0]
    received = next(c for c in view.cards if c.label == "收到依申请公开申请")
    assert (received.value, received.delta, received.compared) == ("70", "-789", "与2019年相比（2020—2023年缺数据）")
    assert view.year_note == "2023年未导入：本页的变化是与2019年相比（2020—2023年缺数据），不是同比。"


def test_the_overview_lists_every_year_with_its_gaps_and_the_right_words(views) -> None:
    """总览 across years: a row per loaded year and per run of years not loaded; 2016's requests "— 未填报" (the old
    table has the row, left blank), 2019's 主动公开 "本年度报表无此项" (the 2019 format has no such row); the 2024
    card of a row its format lacks says so rather than 未填报."""
    view = views[("overview", 2024, "zh")]
    table = _block(view, "overview_years").table.set_index("年度")
    assert list(table.index) == ["2016", "2017—2018年", "2019", "2020—2023年", "2024"]
    assert table.loc["2016", "收到依申请公开申请（件）"] == "— 未填报"
    assert table.loc["2019", "主动公开政府信息数（条）"] == "本年度报表无此项"
    assert table.loc["2020—2023年", "主动公开政府信息数（条）"] == "未导入"
    assert table.loc["2016", "主动公开政府信息数（条）"] == "204"
    disclosed = next(c for c in view.cards if c.label == "主动公开政府信息数")
    assert disclosed.value == "—" and disclosed.note == "本年度报表无此项" and not disclosed.blank


def test_derived_totals_are_marked_across_years(views) -> None:
    """2019's blank 总计 cells counted as their row's sum say so in the tables across years and the comparison."""
    outcomes = _block(views[("requests", 2024, "zh")], "requests_outcome_trend")
    table = outcomes.table.set_index("年度")
    assert table.loc["2019", "予以公开(含已主动公开)（件）"] == "272（看板计算）"
    assert table.loc["2019", "不予公开（件）"] == "35（含看板计算）"
    assert table.loc["2024", "予以公开(含已主动公开)（件）"] == "30"
    assert any("“看板计算”" in note for note in outcomes.notes)
    compared = _block(views[("requests", 2024, "zh")], "requests_delta").table.set_index("指标")
    assert compared.loc["予以公开(含已主动公开)", "2019"] == "272（看板计算）"
    english = _block(views[("requests", 2024, "en")], "requests_outcome_trend").table
    assert "272 (computed)" in english.to_numpy().ravel()


def test_the_format_changes_are_told_by_the_years_loaded(views) -> None:
    """The requests trend's notes give each change by the years on either side and the years between."""
    notes = "\n".join(_block(views[("requests", 2024, "zh")], "requests_trend").notes)
    assert ("2016年为旧版统计表，2019年为2019年版（国办公开办函〔2019〕60号）；2017—2018年未导入；"
            "2019年为2019年版，2024年为2021年版（国办公开办函〔2021〕30号）；2020—2023年未导入") in notes
    assert "灰色区域" in notes


def test_the_light_page_names_the_missing_years_and_draws_the_bands(gapped: Dataset) -> None:
    """The light pages of 2024: the missing-years line on the year page, its part pages and the index; the requests
    part's trend chart has the two bands and no line across them."""
    from gjj_dash.publish.site import Site  # the light site only here: the other tests need the views alone

    site = Site(gapped)
    line = "2017—2018年、2020—2023年的报告未导入"
    for path in ("report/", "report/2024/", "report/2024/requests/"):
        assert line in site.get(path).body.decode("utf-8"), path
    html = site.get("report/2024/requests/").body.decode("utf-8")
    chart = re.search(r'<svg[^>]*aria-labelledby="chart-requests_trend-t[^"]*".*?</svg>', html, re.S).group(0)
    assert chart.count('fill="#EFEFEF"><title>') == 2
    assert all("L" not in d for d in re.findall(r'<path d="([^"]+)" fill="none"', chart))
    assert "2017—2018年未导入" in chart and "与2019年相比（2020—2023年缺数据）：-789" in html
