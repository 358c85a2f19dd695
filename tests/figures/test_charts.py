"""Chart builders: colours, approximate and blank figures, years, format changes and years not loaded, the facility
matrix."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gjj_dash.figures.charts import (
    APPROX_PATTERN,
    MATRIX_COLOURS,
    OKABE_ITO,
    Axes,
    bar_chart,
    chart_frame,
    matrix_chart,
    trend_chart,
)
from gjj_dash.figures.year_axis import GAP_FILL, Gap, YearMarks

AXES = Axes("标题", "横轴", "纵轴", "图例")


def _row(category, value, display, series="", approximate=False, blank=False) -> dict:
    return {"category": category, "series": series, "value": value, "display": display,
            "approximate": approximate, "blank": blank}


def test_bar_chart_marks_an_approximate_figure_and_labels_it_at_least() -> None:
    """19000余 is drawn hatched and labelled 19,000+, an exact figure plain."""
    frame = chart_frame([_row("门户网站公众浏览", 13810.0, "13,810"),
                         _row("个人公积金信息查询", 19000.0, "19,000+", approximate=True)])
    fig = bar_chart(frame, AXES)
    (bars,) = fig.data
    assert list(bars.text) == ["13,810", "19,000+"]
    assert list(bars.marker.pattern.shape) == ["", APPROX_PATTERN]
    assert list(bars.y) == [13810.0, 19000.0]


def test_bar_chart_draws_a_blank_cell_at_zero_with_a_dash_and_no_bar_for_a_missing_row() -> None:
    """A blank official cell is a 0-length bar labelled “— 未填报”; a row the year lacks is 0 with “—” too."""
    frame = chart_frame([_row("政府公报", 0.0, "— 未填报", blank=True), _row("政府网站", 94.0, "94"),
                         _row("新格式无此行", math.nan, "—")])
    fig = bar_chart(frame, AXES, horizontal=True)
    (bars,) = fig.data
    assert list(bars.x) == [0.0, 94.0, 0.0]
    assert bars.text[0] == "— 未填报"
    assert bars.orientation == "h"
    assert fig.layout.yaxis.autorange == "reversed"  # official order top to bottom


def test_bar_chart_uses_okabe_ito_and_chinese_titles_with_thousands_separators() -> None:
    """One Okabe–Ito colour per series, the axis and legend titles as given, ',' as thousands separator."""
    frame = chart_frame([_row("博乐", 8.0, "8", "服务窗口"), _row("博乐", 11.0, "11", "窗口工作人员"),
                         _row("精河", 6.0, "6", "服务窗口"), _row("精河", 7.0, "7", "窗口工作人员")])
    fig = bar_chart(frame, AXES)
    assert [tr.marker.color for tr in fig.data] == list(OKABE_ITO[:2])
    assert [tr.name for tr in fig.data] == ["服务窗口", "窗口工作人员"]
    assert fig.layout.xaxis.title.text == "横轴"
    assert fig.layout.yaxis.title.text == "纵轴"
    assert fig.layout.legend.title.text == "图例"
    assert fig.layout.separators == ".,"
    assert fig.layout.yaxis.tickformat == ",~f"
    assert fig.layout.showlegend is True


def test_stacked_percent_bars_over_years() -> None:
    """Shares stack to 100 % with a percent axis, years as whole numbers."""
    frame = chart_frame([_row(2016, 0.6, "60.0%", "网站"), _row(2016, 0.4, "40.0%", "微博"),
                         _row(2017, 0.5, "50.0%", "网站"), _row(2017, 0.5, "50.0%", "微博")])
    fig = bar_chart(frame, AXES, stacked=True, percent=True)
    assert fig.layout.barmode == "stack"
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.xaxis.tickformat == "d"
    assert list(fig.data[0].x) == [2016, 2017]


def test_trend_chart_marks_approximate_and_blank_points_and_format_changes() -> None:
    """Hollow labelled point for 余, × for a blank cell, a gap for a missing year, a dotted line at a format change."""
    frame = chart_frame([
        _row(2017, 18000.0, "18,000+", "查询", approximate=True),
        _row(2018, 0.0, "— 未填报", "查询", blank=True),
        _row(2019, math.nan, "—", "查询"),
        _row(2017, 12000.0, "12,000", "浏览"),
        _row(2018, 15500.0, "15,500", "浏览"),
        _row(2019, 16000.0, "16,000", "浏览"),
    ])
    fig = trend_chart(frame, AXES, marks=YearMarks(changes=((2019, "起：2019年试行格式"),)))
    queries, visits = fig.data
    assert list(queries.marker.symbol) == ["circle-open", "x", "circle"]
    assert list(queries.text) == ["18,000+", "", ""]
    assert math.isnan(queries.y[2]) and queries.connectgaps is False
    assert visits.line.dash != queries.line.dash  # told apart without colour
    assert visits.line.color == OKABE_ITO[1]
    (line,) = fig.layout.shapes
    assert (line.x0, line.line.dash) == (2018.5, "dot")
    assert fig.layout.annotations[0].text == "起：2019年试行格式"


def test_matrix_chart_codes_each_status_with_its_label() -> None:
    """Present, reported for the halls as a whole, and not reported become three colours and three labels."""
    frame = pd.DataFrame([
        {"row": "前后台分离", "column": "博乐管理部", "status": "present"},
        {"row": "前后台分离", "column": "精河管理部", "status": "absent"},
        {"row": "电子大屏幕", "column": "博乐管理部", "status": "whole"},
        {"row": "电子大屏幕", "column": "精河管理部", "status": "whole"},
    ])
    labels = {"present": "有", "whole": "仅整体报告", "absent": "未报告"}
    fig = matrix_chart(frame, AXES, labels)
    (grid,) = fig.data
    assert [list(r) for r in grid.z] == [[0, 2], [1, 1]]
    assert [list(r) for r in grid.text] == [["有", "未报告"], ["仅整体报告", "仅整体报告"]]
    assert list(grid.x) == ["博乐管理部", "精河管理部"]
    assert {c for _, c in grid.colorscale} == set(MATRIX_COLOURS)


@pytest.mark.parametrize("horizontal", [False, True])
def test_single_series_bar_chart_has_no_legend(horizontal: bool) -> None:
    """One series needs no legend: the axis says what the bars are."""
    fig = bar_chart(chart_frame([_row("a", 1.0, "1")]), AXES, horizontal=horizontal)
    assert fig.layout.showlegend is False


def test_trend_line_is_cut_where_a_figure_stops_being_comparable() -> None:
    """A `break` row gets a gap half a year before it, so two definitions are never joined by one line."""
    frame = chart_frame([_row(2018, 8.0, "8", "规范性文件"), _row(2019, 3.0, "3", "规范性文件")])
    frame["break"] = [False, True]
    (line,) = trend_chart(frame, AXES, marks=YearMarks(changes=((2019, "起：新格式"),))).data
    assert list(line.x) == [2018, 2018.5, 2019]
    assert math.isnan(line.y[1]) and line.connectgaps is False


def test_small_whole_counts_get_whole_number_ticks_and_years_a_tight_range() -> None:
    """1, 0, 4, 1 requests: ticks every 1 (no 0.5 requests); the year axis spans the years only."""
    fig = bar_chart(chart_frame([_row("当面", 1.0, "1"), _row("网络", 4.0, "4")]), AXES)
    assert fig.layout.yaxis.dtick == 1
    big = bar_chart(chart_frame([_row("浏览", 13810.0, "13,810")]), AXES)
    assert big.layout.yaxis.dtick is None
    years = trend_chart(chart_frame([_row(2016, 1.0, "1", "a"), _row(2018, 2.0, "2", "a")]), AXES)
    assert list(years.layout.xaxis.range) == [2015.5, 2018.5]


def test_figures_carry_only_the_parts_of_the_default_template_they_use() -> None:
    """The template keeps what the default sets for bar, scatter and heatmap traces and 2-D layouts, nothing else."""
    import plotly.io as pio
    import streamlit  # noqa: F401 — Streamlit makes its own template plotly's default, as in the app

    full = pio.templates[pio.templates.default].to_plotly_json()
    fig = bar_chart(chart_frame([_row("甲", 3, "3")]), AXES).to_plotly_json()["layout"]["template"]
    assert pio.templates.default == "streamlit"
    assert set(fig["data"]) == {"bar", "scatter", "heatmap"} & set(full["data"])
    assert all(fig["data"][kind] == full["data"][kind] for kind in fig["data"])
    assert fig["layout"] == {k: v for k, v in full["layout"].items() if k in ("colorway", "font", "xaxis", "yaxis",
                             "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor", "autotypenumbers",
                             "shapedefaults", "annotationdefaults", "title")}
    assert "colorscale" not in fig["layout"] and "contour" not in fig["data"]


GAPS = YearMarks(gaps=(Gap(2017, 2018, "2017—2018年未导入", "2017—2018年：未导入，无数据"),
                       Gap(2020, 2023, "2020—2023年未导入", "2020—2023年：未导入，无数据")),
                 gap_name="未导入的年度", summary="…")


def _joined(trace) -> list[tuple[float, float]]:
    """Every pair of points a line draws a segment between (no NaN between them: connectgaps is off)."""
    points = [(x, y) for x, y in zip(trace.x, trace.y, strict=True)]
    return [(a[0], b[0]) for a, b in zip(points, points[1:], strict=False)
            if not (math.isnan(a[1]) or math.isnan(b[1]))]


def test_no_trend_line_crosses_a_year_not_loaded() -> None:
    """2016, 2019 and 2024 loaded: every missing year is a NaN point of every line, so no segment spans a gap; each
    run is a grey band labelled upright with its hover, and a dash on the axis at each missing year hovers."""
    frame = chart_frame([_row(y, v, str(v), s) for s, values in (("收到申请", (3.0, 859.0, 70.0)),
                                                                 ("行政复议", (1.0, 7.0, 8.0)))
                         for y, v in zip((2016, 2019, 2024), values, strict=True)])
    fig = trend_chart(frame, AXES, marks=GAPS)
    *lines, dashes = fig.data
    for line in lines:
        assert list(line.x) == list(range(2016, 2025)) and line.connectgaps is False
        assert _joined(line) == []  # three loaded years, none next to another: nothing to join
        assert [y for y in line.y if not math.isnan(y)] == ([3.0, 859.0, 70.0] if line.name == "收到申请"
                                                             else [1.0, 7.0, 8.0])
    assert dashes.meta == "gaps" and dashes.name == "未导入的年度" and dashes.mode == "markers"
    assert list(dashes.x) == [2017, 2018, 2020, 2021, 2022, 2023] and list(dashes.y) == [0] * 6
    assert list(dashes.customdata)[:3] == ["2017—2018年：未导入，无数据"] * 2 + ["2020—2023年：未导入，无数据"]
    bands = [(s.type, s.x0, s.x1, s.fillcolor) for s in fig.layout.shapes]
    assert bands == [("rect", 2016.5, 2018.5, GAP_FILL), ("rect", 2019.5, 2023.5, GAP_FILL)]
    words = [(a.text, a.textangle, a.hovertext) for a in fig.layout.annotations]
    assert words == [("2017—2018年未导入", -90, "2017—2018年：未导入，无数据"),
                     ("2020—2023年未导入", -90, "2020—2023年：未导入，无数据")]
    assert list(fig.layout.xaxis.range) == [2015.5, 2024.5] and fig.layout.xaxis.dtick == 1


def test_consecutive_years_stay_joined_beside_a_gap() -> None:
    """2016–2017 and 2019 loaded (2018 missing): 2016 → 2017 is one segment, nothing reaches across 2018."""
    marks = YearMarks(gaps=(Gap(2018, 2018, "2018年未导入", "2018年：未导入，无数据"),))
    frame = chart_frame([_row(y, float(y - 2000), "x", "a") for y in (2016, 2017, 2019)])
    line, _ = trend_chart(frame, AXES, marks=marks).data
    assert _joined(line) == [(2016, 2017)]


def test_bar_charts_keep_a_missing_year_as_an_empty_slot() -> None:
    """Stacked bars of 2016, 2019 and 2024 on a linear year axis: the missing years keep their places (empty, under
    a band), nothing is closed up and nothing is drawn as 0."""
    frame = chart_frame([_row(y, 5.0, "5", s) for s in ("予以公开", "不予公开") for y in (2016, 2019, 2024)])
    fig = bar_chart(frame, AXES, stacked=True, marks=GAPS)
    *bars, dashes = fig.data
    assert [list(b.x) for b in bars] == [[2016, 2019, 2024]] * 2
    assert fig.layout.xaxis.dtick == 1 and list(fig.layout.xaxis.range) == [2015.5, 2024.5]
    assert dashes.meta == "gaps" and len(fig.layout.shapes) == 2
