"""publish/svg: the dashboard's own figures drawn as inline SVG — bars, lines, matrix — named, described, hatched
where approximate, gapped where missing, with format changes dotted, and never a script."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from gjj_dash.figures.charts import OKABE_ITO, Axes, bar_chart, chart_frame, matrix_chart, trend_chart
from gjj_dash.figures.year_axis import Gap, YearMarks
from gjj_dash.publish.svg import chart_svg
from gjj_dash.publish.svg_parts import tick_label, ticks, wrap


def _bars(values: list[float], *, approximate: tuple[bool, ...] = (), horizontal: bool = True) -> pd.DataFrame:
    records = [
        {"category": f"渠道{n}", "series": "", "value": v, "display": "—" if math.isnan(v) else f"{v:g}",
         "approximate": bool(approximate and approximate[n]), "blank": math.isnan(v)}
        for n, v in enumerate(values)
    ]  # fmt: skip
    return chart_frame(records)


def test_a_bar_chart_is_one_named_and_described_svg_with_a_bar_per_figure() -> None:
    """Three figures give three bars in the first colour, their values as text, title and description for readers."""
    fig = bar_chart(_bars([94, 91, 6]), Axes("", "条", ""), horizontal=True)
    svg = chart_svg(fig, "c1", "公开渠道", "横向条形图：各渠道的数字")
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<script" not in svg
    assert 'role="img"' in svg and 'aria-labelledby="c1-t c1-d"' in svg
    assert '<title id="c1-t">公开渠道</title>' in svg and '<desc id="c1-d">横向条形图：各渠道的数字</desc>' in svg
    assert svg.count(f'fill="{OKABE_ITO[0]}"') == 3
    for label in ("渠道0", "渠道2", ">94<", ">91<", ">6<"):
        assert label in svg


def test_an_approximate_bar_is_hatched_and_a_blank_one_has_no_bar_but_its_dash() -> None:
    """19000余 is hatched (the pattern drawn over it); a blank cell draws a bar of 0 labelled —."""
    fig = bar_chart(_bars([19000, float("nan"), 5], approximate=(True, False, False)), Axes("", "人次", ""))
    svg = chart_svg(fig, "c2", "t", "d")
    assert svg.count('fill="url(#c2-hatch)"') == 1 and 'id="c2-hatch"' in svg
    assert ">—<" in svg


def test_stacked_shares_run_to_one_hundred_percent() -> None:
    """A share chart's value axis is labelled in percent up to 100%."""
    records = [{"category": year, "series": s, "value": v, "display": f"{v:.0%}", "approximate": False,
                "blank": False} for year in (2016, 2017) for s, v in (("a", 0.25), ("b", 0.75))]
    fig = bar_chart(chart_frame(records), Axes("", "年度", "占比", "指标"), stacked=True, percent=True)
    svg = chart_svg(fig, "c3", "t", "d")
    assert ">100%<" in svg and ">0%<" in svg and ">2016<" in svg and ">2017<" in svg
    assert svg.count(f'fill="{OKABE_ITO[1]}"') >= 2  # the second series in its own colour, also in the legend


def test_a_trend_line_has_a_gap_where_a_year_has_no_figure_and_marks_format_changes() -> None:
    """A missing year breaks the line (a new M in the path); a format change is a dotted line with its name."""
    records = [{"category": y, "series": "申请", "value": v, "display": str(v), "approximate": a, "blank": False}
               for y, v, a in ((2016, 3, False), (2017, float("nan"), False), (2018, 5, False), (2019, 7, True))]
    frame = chart_frame(records).assign(**{"break": False})
    fig = trend_chart(frame, Axes("", "年度", "件"), marks=YearMarks(changes=((2019, "起：2019年格式"),)))
    svg = chart_svg(fig, "c4", "t", "d")
    path = re.search(r'<path d="([^"]+)" fill="none"', svg)
    assert path is not None and path.group(1).count("M") == 2  # 2016 alone, then 2018 → 2019
    assert "起：2019年格式" in svg and 'stroke-dasharray="2 3"' in svg
    assert 'fill="#ffffff"' in svg  # the approximate 2019 point is hollow


def test_the_facility_matrix_draws_every_cell_with_its_status_in_words() -> None:
    """Two halls × two facilities: four cells, each saying its status."""
    frame = pd.DataFrame([("饮水机", "博乐", "present"), ("饮水机", "精河", "whole"), ("监控", "博乐", "absent"),
                          ("监控", "精河", "present")], columns=["row", "column", "status"])
    fig = matrix_chart(frame, Axes("", "管理部", "设施"), {"present": "有", "whole": "仅整体报告", "absent": "未报告"})
    svg = chart_svg(fig, "c5", "t", "d")
    assert svg.count(">有<") == 2 and svg.count(">仅整体报告<") == 1 and svg.count(">未报告<") == 1
    assert "饮水机" in svg and "精河" in svg


def test_text_from_the_data_is_escaped() -> None:
    """A label holding markup is drawn as text, never as markup."""
    records = [{"category": "<b>x</b>&", "series": "", "value": 1.0, "display": "1", "approximate": False,
                "blank": False}]
    svg = chart_svg(bar_chart(chart_frame(records), Axes("", "", "")), "c6", "<t>", "d")
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt;&amp;" in svg and "&lt;t&gt;" in svg


def test_a_figure_without_traces_draws_nothing() -> None:
    """No trace, no chart: the table below carries the numbers."""
    import plotly.graph_objects as go  # plotly only here: the figure under test is built by hand

    assert chart_svg(go.Figure(), "c7", "t", "d") == ""


@pytest.mark.parametrize(
    ("top", "percent", "expected"),
    [(204, False, [0, 50, 100, 150, 200, 250]), (3, False, [0, 1, 2, 3]), (0, False, [0, 1]),
     (0.9, True, [0, 0.25, 0.5, 0.75, 1.0]), (19000, False, [0, 5000, 10000, 15000, 20000])],
)  # fmt: skip
def test_value_axis_ticks_are_round_and_reach_the_largest_figure(top: float, percent: bool, expected: list) -> None:
    """Ticks start at 0, step by 1, 2 or 5 × a power of ten, and end at or above the largest figure."""
    assert ticks(top, percent) == expected


def test_tick_labels_and_wrapped_labels() -> None:
    """Thousands separators and percents on ticks; a long label wraps on characters, never wider than asked."""
    assert tick_label(19000) == "19,000" and tick_label(0.25, percent=True) == "25%" and tick_label(2.5) == "2.5"
    label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    lines = wrap(label, 120, 12)
    assert "".join(lines) == label and all(len(x) <= 10 for x in lines)
    english = wrap("Requests received this year", 90, 12)
    assert len(english) > 1 and all(w in ["Requests", "received", "this", "year"] for x in english for w in x.split())


def _gapped_trend() -> str:
    """A line of 2016, 2019 and 2024 with 2017–2018 and 2020–2023 not loaded, drawn as SVG."""
    gaps = YearMarks(gaps=(Gap(2017, 2018, "2017—2018年未导入", "2017—2018年：未导入，无数据"),
                           Gap(2020, 2023, "2020—2023年未导入", "2020—2023年：未导入，无数据；其间报表格式改变")),
                     gap_name="未导入的年度")
    records = [{"category": y, "series": "申请", "value": v, "display": str(v), "approximate": False,
                "blank": False} for y, v in ((2016, 3.0), (2019, 859.0), (2024, 70.0))]
    return chart_svg(trend_chart(chart_frame(records), Axes("", "年度", "件"), marks=gaps), "g1", "t", "d")


def test_a_light_page_line_never_crosses_a_year_not_loaded() -> None:
    """Each loaded year is a point of its own (a new M, never an L across a gap); every year of the axis keeps its
    label, the missing ones under a grey band with its words upright and its hover as the band's <title>."""
    svg = _gapped_trend()
    (path,) = re.findall(r'<path d="([^"]+)" fill="none"', svg)
    assert path.count("M") == 3 and "L" not in path
    assert all(f">{year}<" in svg for year in range(2016, 2025))
    bands = re.findall(r'<rect [^>]*fill="#EFEFEF"><title>([^<]+)</title></rect>', svg)
    assert bands == ["2017—2018年：未导入，无数据", "2020—2023年：未导入，无数据；其间报表格式改变"]
    assert svg.count("rotate(-90)") == 2 and ">2020—2023年未导入<" in svg
    assert "未导入的年度" not in svg  # the dashboard's hover dashes are not drawn as a series


def test_stacked_bars_keep_the_slot_of_a_year_not_loaded() -> None:
    """Bars of 2016 and 2018 with 2017 missing: the 2017 slot stays, empty under its band, labelled on the axis."""
    gaps = YearMarks(gaps=(Gap(2017, 2017, "2017年未导入", "2017年：未导入，无数据"),), gap_name="未导入的年度")
    records = [{"category": y, "series": s, "value": 2.0, "display": "2", "approximate": False, "blank": False}
               for s in ("a", "b") for y in (2016, 2018)]
    svg = chart_svg(bar_chart(chart_frame(records), Axes("", "年度", "件", "类"), stacked=True, marks=gaps),
                    "g2", "t", "d")
    xs = sorted({float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="[\d.]+" '
                                              rf'fill="{OKABE_ITO[0]}"', svg)})
    band = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#EFEFEF">', svg)
    assert band is not None and len(xs) == 2
    left, width = float(band.group(1)), float(band.group(2))
    assert xs[0] < left and xs[1] > left + width  # 2016's bar before the band, 2018's after: the slot is kept
    assert ">2017<" in svg and "2017年：未导入，无数据" in svg
