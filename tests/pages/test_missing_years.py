"""AppTest of the missing-years line: on every page where a reader picks a year (the five public pages, 官方统计表,
数据质量 and 数据说明) it names the years not loaded in one line, with a link to the staff page's import only on the
staff deployment; with no gap there is no line; the official tables keep the label and 总计 pinned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gjj_dash.i18n import t
from tests.support.pages import open_page, texts
from tests.support.years import data_dir, gap_years

PAGES = ("overview", "disclosure", "halls", "portal", "requests", "tables", "quality", "dictionary")
LINE = "2017—2018年、2020—2023年的报告未导入：跨年图表在这些年度处断开，所有比较都注明所比的两个年度。"


@pytest.fixture(scope="module")
def gapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gap_years(tmp_path_factory.mktemp("gaps"))


def _line(at) -> list[str]:
    """The missing-years line as the page shows it (its icon name left out)."""
    return [c.value.removeprefix(":material/event_busy: ") for c in at.get_by_key("missing_years").caption]


def _links(at) -> list[tuple[str, str]]:
    return [(link.label, link.proto.page) for link in at.get("page_link")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_with_a_year_names_the_missing_years_and_staff_get_the_import_link(app, gapped, page) -> None:
    """Staff deployment: the line, then a link to 数据管理 (where the missing years are imported)."""
    at = open_page(app, f"views/{page}.py", gapped, year="2019")
    assert _line(at) == [LINE]
    assert (t("gaps.staff_link"), "admin") in _links(at)


@pytest.mark.parametrize("page", PAGES)
def test_the_public_deployment_names_them_without_a_staff_link(app, gapped, page) -> None:
    """Public deployment: the same line, and no link to a staff page it does not have."""
    at = open_page(app, f"views/{page}.py", gapped, public=True, year="2024")
    assert _line(at) == [LINE]
    assert all(target != "admin" for _, target in _links(at))


def test_the_line_is_english_on_the_english_page(app, gapped) -> None:
    """The line follows the language switch."""
    at = open_page(app, "views/requests.py", gapped, year="2024", lang="English")
    assert _line(at) == [
        "No report is loaded for 2017–2018, 2020–2023: charts across years break there, and every comparison "
        "names the two years compared."]


def test_no_line_when_no_year_is_missing(app, tmp_path: Path) -> None:
    """2016–2018 loaded: nothing is missing in between, so no line and no link."""
    at = open_page(app, "views/overview.py", data_dir(tmp_path, "trend"), year="2018")
    assert "未导入" not in texts(at) and t("gaps.staff_link") not in [label for label, _ in _links(at)]


def test_the_quality_page_says_which_cross_year_checks_a_gap_skips(app, gapped) -> None:
    """数据质量: cross-year checks compare neighbouring years only, and the page says which years that leaves out."""
    at = open_page(app, "views/quality.py", gapped, year="2024")
    assert ("跨年度核对只比较相邻两年都已载入的年度；2017—2018年、2020—2023年未导入，涉及这些年度的核对没有进行。"
            in [c.value for c in at.caption])


def test_the_official_table_pins_its_label_and_total(app, gapped) -> None:
    """官方统计表 2024, table 三: the official label (260 px) and 总计 are pinned (on screen at any width), the other
    columns are not; a note says so; the old table (no 总计 column) pins nothing."""
    at = open_page(app, "views/tables.py", gapped, year="2024")
    matrix = next(frame for frame in at.dataframe if ("申请人情况", "总计") in list(frame.value.columns))
    config = json.loads(matrix.proto.columns)
    total = 1 + list(matrix.value.columns).index(("申请人情况", "总计"))  # position 0 is the hidden index
    assert {key for key, column in config.items() if column.get("pinned")} == {"_pos:1", f"_pos:{total}"}
    assert config["_pos:1"]["width"] == 260
    assert t("tables.pinned_note") in [c.value for c in at.caption]
    old = open_page(app, "views/tables.py", gapped, year="2016")
    assert not any(c.get("pinned") for f in old.dataframe for c in json.loads(f.proto.columns).values())
