"""AppTest of the data-quality markers on the public pages: which sections and cards carry one, and where it goes."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support.pages import open_page
from tests.support.years import data_dir


def _marks(at: AppTest, key: str) -> list[tuple[str, str, str]]:
    """The quality links inside one keyed container (a section or a KPI card)."""
    return [(link.value, link.proto.page, link.proto.query_string) for link in at.get_by_key(key).get("page_link")]


def test_disclosure_marks_the_channel_gap_the_normative_blank_and_their_cards(app) -> None:
    """2016: 204 > 94 + 91 + 6 (error) and 9 vs blank (note) mark the channel and text sections and both cards."""
    at = open_page(app, "views/disclosure.py")
    assert _marks(at, "section_disclosure_channels") == [("⚠ 数据质量（2）", "quality", "year=2016")]
    assert _marks(at, "section_disclosure_text") == [("⚠ 数据质量（2）", "quality", "year=2016")]
    assert _marks(at, "section_disclosure_responses") == []
    assert _marks(at, "kpi_disclosure_0") == [("⚠ 数据质量（1）", "quality", "year=2016")]  # 主动公开政府信息数
    assert _marks(at, "kpi_disclosure_1") == [("⚠ 数据质量（1）", "quality", "year=2016")]  # 规范性文件
    assert _marks(at, "kpi_disclosure_2") == []


def test_portal_marks_the_reading_points_only(app) -> None:
    """2016: the text's 17 查阅点 against the table's 3 marks the 查阅点 section and nothing else on the page."""
    at = open_page(app, "views/portal.py")
    assert _marks(at, "section_portal_reading") == [("⚠ 数据质量（1）", "quality", "year=2016")]
    assert len(at.page_link) == 1


def test_halls_mark_a_jump_in_windows_and_nothing_without_findings(app, tmp_path: Path) -> None:
    """Bundled 2016 halls break no check (no marker); a fixture 2018 of 80 windows after 17 marks the section."""
    assert _marks(open_page(app, "views/halls.py"), "section_halls_branches") == []
    data = data_dir(tmp_path, "trend")
    values = data / "years" / "2018" / "values.csv"
    text = values.read_text(encoding="utf-8")
    assert "2018,centre,measure,halls.windows,value,20,20," in text
    values.write_text(text.replace("halls.windows,value,20,20,", "halls.windows,value,80,80,"), encoding="utf-8")
    at = open_page(app, "views/halls.py", data, year="2018")
    assert _marks(at, "section_halls_branches") == [("⚠ 数据质量（1）", "quality", "year=2018")]
    assert _marks(at, "section_halls_facilities") == []


def test_sections_across_years_carry_the_marker_of_the_shown_year(app, tmp_path: Path) -> None:
    """A jump of the portal visits from 2017 to 2018 marks the open trend section of 2018, not of 2017."""
    data = data_dir(tmp_path, "trend")
    values = data / "years" / "2018" / "values.csv"
    rows = values.read_text(encoding="utf-8").splitlines()
    [visits] = [n for n, row in enumerate(rows) if row.startswith("2018,centre,measure,portal.visits,")]
    cells = rows[visits].split(",")
    cells[5] = cells[6] = "999999"
    rows[visits] = ",".join(cells)
    values.write_text("\n".join(rows) + "\n", encoding="utf-8")
    at = open_page(app, "views/portal.py", data, year="2018")
    assert _marks(at, "section_portal_trend") == [("⚠ 数据质量（1）", "quality", "year=2018")]
    assert _marks(at, "kpi_portal_0") == [("⚠ 数据质量（1）", "quality", "year=2018")]
    assert _marks(open_page(app, "views/portal.py", data, year="2017"), "section_portal_trend") == []


def test_every_year_on_year_section_names_the_figures_it_compares(tmp_path) -> None:
    """“与上一年度比较” on each public page lists its figures as items (so it carries a marker when one of them has a
    finding): the headline series of 主动公开, 服务大厅 and 门户与查询 had none."""
    from gjj_dash.figures.pages import VIEWS
    from gjj_dash.model.series import harmonised_series
    from gjj_dash.store.dataset import load_dataset

    data = load_dataset(data_dir(tmp_path, "trend"))
    series = harmonised_series(data)
    for page, build in VIEWS.items():
        [delta] = [b for b in build(data, series, 2018, "zh").trends if b.key == f"{page}_delta"]
        shown = set(delta.table.iloc[:, 0])
        assert delta.items and len(delta.items) == len(shown), (page, delta.items)
    requests = next(b for b in VIEWS["requests"](data, series, 2018, "zh").trends if b.key == "requests_delta")
    assert requests.items[:2] == ("requests_received", "requests_completed") and requests.items[-1] == "fees"
