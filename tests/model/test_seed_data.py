"""The bundled 2016 data holds every figure of the seed report, table and narrative, with its provenance."""

from __future__ import annotations

import pytest

from gjj_dash.model.values import Dataset
from tests.support.seed import annex_rows

TABLE = {
    "old.s1.disclosed": 204,
    "old.s1.ch_website": 94,
    "old.s1.ch_weibo": 91,
    "old.s1.ch_other": 6,
    "old.s2.responses": 4,
    "old.s2.other_responses": 4,
    "old.s8.reading_points": 3,
    "old.s8.staff": 2,
    "old.s8.staff_parttime": 2,
    "old.s9.meetings": 2,
    "old.s9.trainees": 4,
}


def test_year_2016_is_in_the_old_format_with_its_footer(bundled: Dataset) -> None:
    """The report's footer is kept exactly as printed."""
    assert bundled.years == [2016]
    report = bundled.reports[2016]
    assert report["format"] == "old"
    assert report["footer"] == {
        "填报单位": "博州住房公积金管理中心",
        "单位负责人": "郭成秀",
        "审核人": "马莹",
        "填报人": "张薇",
        "联系电话": "0909-2235500",
    }


def test_every_table_cell_matches_the_annex(bundled: Dataset) -> None:
    """Each of the 65 rows: filled cells hold the annex figure, blank cells stay blank (not 0)."""
    cat = bundled.catalogue
    rows = [i for i in cat.rows("old") if i.level != "N"]
    for ind, (label, _unit, value) in zip(rows, annex_rows(), strict=True):
        assert ind.label == label
        cell = bundled.cell(2016, ind.id)
        if not ind.has_value:
            assert cell is None, ind.id
        elif value:
            assert (cell.value, cell.blank, cell.qualifier) == (float(value), False, ""), ind.id
            assert cell.value == TABLE[ind.id]
        else:
            assert cell.blank and cell.value is None, ind.id
    filled = {k: v for k, v in TABLE.items() if bundled.cell(2016, k) and not bundled.cell(2016, k).blank}
    assert filled == TABLE


@pytest.mark.parametrize(
    ("measure", "value", "qualifier", "shown"),
    [
        ("portal.visits", 13810, "", "13,810"),
        ("queries.personal", 19000, "余", "19,000+"),
        ("halls.count", 3, "", "3"),
        ("halls.windows", 19, "", "19"),
        ("halls.window_staff", 25, "", "25"),
        ("service.home_visits", 30, "余", "30+"),
        ("outreach.tv_interviews", 2, "", "2"),
        ("outreach.hotline_programmes", 2, "", "2"),
        ("outreach.articles_submitted", 100, "余", "100+"),
        ("outreach.articles_published", 50, "余", "50+"),
        ("outreach.expo_consultations", 300, "余", "300+"),
        ("outreach.expo_leaflets", 500, "余", "500+"),
        ("org.office_staff", 2, "", "2"),
        ("narrative.disclosed", 204, "", "204"),
        ("narrative.normative_docs", 9, "", "9"),
        ("narrative.ch_website", 94, "", "94"),
        ("narrative.ch_weibo", 91, "", "91"),
        ("narrative.ch_other", 6, "", "6"),
        ("narrative.responses", 4, "", "4"),
        ("narrative.reading_points", 17, "", "17"),
        ("narrative.requests_received", 0, "", "0"),
        ("narrative.reviews", 0, "", "0"),
        ("narrative.lawsuits", 0, "", "0"),
    ],
)
def test_narrative_figures(bundled: Dataset, measure: str, value: int, qualifier: str, shown: str) -> None:
    """Every figure of the narrative, with its 余 qualifier kept and shown as “at least”."""
    cell = bundled.cell(2016, measure)
    assert (cell.value, cell.qualifier, cell.blank) == (value, qualifier, False)
    assert cell.display() == shown
    assert cell.source


def test_halls_are_centre_totals_only(bundled: Dataset) -> None:
    """19 windows and 25 staff are reported for the centre; no branch figure is invented."""
    for measure in ("halls.count", "halls.windows", "halls.window_staff"):
        assert bundled.units_reporting(2016, measure) == ["centre"]


def test_facilities_keep_what_the_report_says_per_hall(bundled: Dataset) -> None:
    """均实行/配备 facilities are per hall; the others are listed for the halls as a whole."""
    for facility in ("front_back_split", "low_counter", "open_office", "cctv", "fire"):
        assert bundled.units_reporting(2016, f"facility.{facility}") == ["bole", "jinghe", "wenquan"]
    for facility in ("big_screen", "info_board", "promo_board", "touch_kiosk", "seating", "writing_desk",
                     "water", "reading_glasses", "suggestion_box"):
        assert bundled.units_reporting(2016, f"facility.{facility}") == ["centre"]


def test_lists_from_the_narrative(bundled: Dataset) -> None:
    """Query channels, leaflet scripts and the website's columns are kept as reported."""
    assert bundled.cell(2016, "query_channel.wechat").text == "博州零距离微信平台"
    assert bundled.cell(2016, "leaflet.uyghur").value == 1
    columns = bundled.cell(2016, "website.columns").text.split("、")
    assert columns[0] == "机构介绍" and columns[-1] == "涉及机构" and len(columns) == 10
    assert "9 + 94 + 91 + 6 + 4" in bundled.cell(2016, "narrative.disclosed").text
