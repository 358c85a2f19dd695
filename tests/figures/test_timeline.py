"""What the loaded years can truthfully say, one parametrized table per rule: a report-format change told by the years
loaded ("X年起" only when the year before X is loaded), what a change is compared with (the year before, or the
latest loaded year with the gap named), the line naming the missing years, and the chart marks of each — across every
kind of gap: none, one year, several years, and before the first loaded year."""

from __future__ import annotations

import pytest

from gjj_dash.figures import timeline
from gjj_dash.model.values import Dataset, empty_values

NONE, ONE, SEVERAL, BEFORE_FIRST = "no gap", "one year missing", "several years missing", "before the first year"


def loaded(**formats: str) -> Dataset:
    """A dataset of the given years (y2016="old", …) in their formats, with no figures: only the years matter here."""
    return Dataset(empty_values(), {int(y.removeprefix("y")): {"format": f} for y, f in formats.items()})


@pytest.mark.parametrize(
    ("kind", "dataset", "lang", "said", "marks", "hovers"),
    [
        (NONE, loaded(y2018="old", y2019="new2019"), "zh",
         ["2019年起为2019年版（国办公开办函〔2019〕60号）"], ((2019, "起：2019年版"),), []),
        (NONE, loaded(y2018="old", y2019="new2019"), "en",
         ["from 2019 the 2019 version (国办公开办函〔2019〕60号)"], ((2019, "From here: 2019 version"),), []),
        (ONE, loaded(y2018="old", y2020="new2019"), "zh",
         ["2018年为旧版统计表，2020年为2019年版（国办公开办函〔2019〕60号）；2019年未导入"], (),
         [(2019, 2019, "2019年：未导入，无数据；其间报表格式改变")]),
        (SEVERAL, loaded(y2016="old", y2024="new2021"), "zh",
         ["2016年为旧版统计表，2024年为2021年版（国办公开办函〔2021〕30号）；2017—2023年未导入"], (),
         [(2017, 2023, "2017—2023年：未导入，无数据；其间报表格式改变")]),
        (SEVERAL, loaded(y2016="old", y2024="new2021"), "en",
         ["2016 in the old table, 2024 in the 2021 version (国办公开办函〔2021〕30号); 2017–2023 not loaded"], (),
         [(2017, 2023, "2017–2023: not loaded — no data; the report format changed in between")]),
        (SEVERAL, loaded(y2016="old", y2019="new2019", y2024="new2021"), "zh",
         ["2016年为旧版统计表，2019年为2019年版（国办公开办函〔2019〕60号）；2017—2018年未导入",
          "2019年为2019年版，2024年为2021年版（国办公开办函〔2021〕30号）；2020—2023年未导入"], (),
         [(2017, 2018, "2017—2018年：未导入，无数据；其间报表格式改变"),
          (2020, 2023, "2020—2023年：未导入，无数据；其间报表格式改变")]),
        (SEVERAL, loaded(y2019="new2019", y2020="new2019", y2024="new2019"), "zh", [], (),
         [(2021, 2023, "2021—2023年：未导入，无数据")]),
        (BEFORE_FIRST, loaded(y2021="new2021", y2022="new2021"), "zh", [], (), []),
        (BEFORE_FIRST, loaded(y2019="new2019", y2021="new2021"), "zh",
         ["2019年为2019年版，2021年为2021年版（国办公开办函〔2021〕30号）；2020年未导入"], (),
         [(2020, 2020, "2020年：未导入，无数据；其间报表格式改变")]),
    ],
)
def test_a_format_change_is_told_by_the_years_loaded(kind, dataset, lang, said, marks, hovers) -> None:
    """"X年起" and a dotted line only when the year before X is loaded; across a gap, each side's year and format and
    the years not loaded, the band's hover saying the format changed inside it; a format that began before the first
    loaded year is not dated at all."""
    assert [timeline.change_text(dataset, c, lang) for c in timeline.changes(dataset)] == said, kind
    drawn = timeline.year_marks(dataset, lang)
    assert drawn.changes == marks
    assert [(g.first, g.last, g.hover) for g in drawn.gaps] == hovers
    if not any(c.known for c in timeline.changes(dataset)):
        assert not any("年起" in text for text in said)


@pytest.mark.parametrize(
    ("kind", "dataset", "year", "before", "title", "note", "card"),
    [
        (NONE, loaded(y2018="old", y2019="new2019"), 2019, 2018, "与上一年度比较", "", ""),
        (ONE, loaded(y2018="old", y2020="new2019"), 2020, 2018, "与2018年相比（2019年缺数据）",
         "2019年未导入：本页的变化是与2018年相比（2019年缺数据），不是同比。", "与2018年相比（2019年缺数据）"),
        (SEVERAL, loaded(y2016="old", y2024="new2021"), 2024, 2016, "与2016年相比（2017—2023年缺数据）",
         "2023年未导入：本页的变化是与2016年相比（2017—2023年缺数据），不是同比。",
         "与2016年相比（2017—2023年缺数据）"),
        (SEVERAL, loaded(y2016="old", y2019="new2019", y2024="new2021"), 2019, 2016,
         "与2016年相比（2017—2018年缺数据）", "2018年未导入：本页的变化是与2016年相比（2017—2018年缺数据），不是同比。",
         "与2016年相比（2017—2018年缺数据）"),
        (BEFORE_FIRST, loaded(y2016="old", y2024="new2021"), 2016, None, "与上一年度比较",
         "未载入 2015 年数据，无法计算同比。", ""),
        (BEFORE_FIRST, loaded(y2016="old"), 2016, None, "与上一年度比较",
         "目前只载入了 2016 年一个年度，暂无同比变化；载入更多年度后这里将显示逐年变化。", ""),
    ],
)
def test_a_comparison_names_both_years_and_the_gap(kind, dataset, year, before, title, note, card) -> None:
    """Year-on-year wording only when the year before is loaded; otherwise the latest loaded year, named with the
    years missing between; before the first loaded year, no comparison at all."""
    assert timeline.compared_year(dataset, year) == before, kind
    assert timeline.delta_title(dataset, year, "zh") == title
    assert timeline.year_note(dataset, year, "zh") == note
    assert timeline.compared_text(dataset, year, "zh") == card
    if card:
        assert "上一年" not in title + note + timeline.delta_note(dataset, year, "zh")


@pytest.mark.parametrize(
    ("dataset", "year", "expected"),
    [
        (loaded(y2018="old", y2019="new2019"), 2019,
         "变化 = 本年度 − 上一年度；任一年度为“—”时不计算；带“约”的变化涉及约数。"),
        (loaded(y2016="old", y2024="new2021"), 2024,
         "变化 = 2024年 − 2016年；其间2017—2023年缺数据，这不是同比变化；"
         "任一年度为“—”时不计算；带“约”的变化涉及约数。"),
    ],
)
def test_the_change_column_says_what_it_subtracts(dataset: Dataset, year: int, expected: str) -> None:
    """The note under a comparison table: this year − the year before, or − the year named across the gap."""
    assert timeline.delta_note(dataset, year, "zh") == expected


@pytest.mark.parametrize(
    ("years", "lang", "expected"),
    [
        ([2016, 2017, 2018], "zh", ""),
        ([2016], "zh", ""),
        ([2018, 2020], "zh", "2019年的报告未导入：跨年图表在这些年度处断开，所有比较都注明所比的两个年度。"),
        ([2016, 2019, 2024], "zh",
         "2017—2018年、2020—2023年的报告未导入：跨年图表在这些年度处断开，所有比较都注明所比的两个年度。"),
        ([2016, 2019, 2024], "en", "No report is loaded for 2017–2018, 2020–2023: charts across years break there, "
                                   "and every comparison names the two years compared."),
    ],
)
def test_the_missing_years_line_names_every_run(years: list[int], lang: str, expected: str) -> None:
    """One line naming each run of missing years; nothing when none is missing (or one year is loaded)."""
    assert timeline.missing_notice(years, lang) == expected


def test_the_chart_marks_say_what_they_mark() -> None:
    """A band's hover and the legend name say the years are not loaded; the summary goes into the alt text."""
    marks = timeline.year_marks(loaded(y2016="old", y2019="old", y2024="old"), "zh")
    assert [(g.first, g.last, g.label, g.hover) for g in marks.gaps] == [
        (2017, 2018, "2017—2018年未导入", "2017—2018年：未导入，无数据"),
        (2020, 2023, "2020—2023年未导入", "2020—2023年：未导入，无数据")]
    assert marks.missing == [2017, 2018, 2020, 2021, 2022, 2023]
    assert marks.gap_name == "未导入的年度"
    assert marks.summary == ("2017—2018年、2020—2023年未导入：图中以灰色区域标出，折线不跨越这些年度，"
                             "柱形留空（不按 0 计）。")
