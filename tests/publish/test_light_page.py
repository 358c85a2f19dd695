"""publish/light_page: a year's light page holds every figure of the year's CSV where it belongs (official table
cell by cell, report-text figures by label), with unit, source and quality markers that lead to their findings;
no script anywhere; Chinese and English; parts with their years across; within 300 KB at twenty years."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import synth
from gjj_dash.publish.light_page import Links
from gjj_dash.publish.site import Site
from gjj_dash.store.dataset import load_dataset
from tests.support.light import missing_figures, parse, scripts
from tests.support.years import data_dir

BUDGET = 300 * 1024  # bytes: the page and everything it loads (it loads nothing else)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """2016 (old table), 2019 and 2021 (other bodies' real tables) with a dashboard at https://dash.example/."""
    return Site(load_dataset(data_dir(tmp_path_factory.mktemp("formats"), "formats")),
                links=Links("https://dash.example/"))


def _html(site: Site, path: str) -> str:
    doc = site.get(path)
    assert doc is not None, path
    return doc.body.decode("utf-8")


@pytest.mark.parametrize("year", [2016, 2019, 2021])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_year_page_shows_every_figure_of_the_years_csv(site: Site, year: int, lang: str) -> None:
    """Each row of /data/<year>.csv: a table cell in its printed row and column, or a report-text figure beside its
    label (19000余 as 19,000+, a blank cell as —)."""
    html = _html(site, f"report/{year}/" + ("en/" if lang == "en" else ""))
    assert missing_figures(html, site.get(f"data/{year}.csv").body, site.dataset.catalogue, lang) == []


def test_the_check_of_every_figure_can_fail(site: Site) -> None:
    """A page with one official figure changed, or a report-text figure dropped, is caught."""
    html = _html(site, "report/2016/")
    payload = site.get("data/2016.csv").body
    changed = re.sub(r'(id="row-old\.s1\.disclosed".*?<td class="num">)204<', r"\g<1>205<", html, count=1)
    assert changed != html and any("old.s1.disclosed" in m for m in missing_figures(changed, payload,
                                                                                    site.dataset.catalogue))
    dropped = re.sub(r"<tr><th scope=\"row\">门户网站公众浏览</th>.*?</tr>", "", html)
    assert dropped != html and missing_figures(dropped, payload, site.dataset.catalogue)


def test_no_page_of_the_site_holds_a_script_or_fetches_anything(site: Site) -> None:
    """Every HTML document: no <script> of any kind, no src=, no stylesheet or font from elsewhere."""
    pages = [p for p in site.paths() if p.endswith("/")]
    assert len(pages) == 2 + 3 * 2 * 9 + 2
    for path in pages:
        html = _html(site, path)
        assert scripts(html) == [], path
        assert " src=" not in html and "@import" not in html and "url(http" not in html, path


def test_figures_carry_unit_source_and_quality_markers_that_lead_to_their_findings(site: Site) -> None:
    """2016: the card 204 条 with its source; 204 > 94 + 91 + 6 is marked; every marker's link names a finding
    of the year's page."""
    html = _html(site, "report/2016/")
    assert "<p class=\"value\">204 条</p>" in html and "来源：政府信息公开情况统计表「(一)主动公开政府信息数」" in html
    page = parse(html)
    anchors = [link for link in page.links if "#q-" in link]
    assert anchors and all(link.split("#", 1)[1] in page.ids for link in anchors if link.startswith("./#"))
    findings = [i for i in page.ids if i.startswith("q-")]
    assert len(findings) == len(site.content(2016, "zh").findings) > 0
    section = _html(site, "report/2016/disclosure/")
    assert any(link.startswith("../#q-") for link in parse(section).links)


def test_official_tables_are_real_tables_with_header_scopes(site: Site) -> None:
    """2021's table 三: merged header cells with scope col/colgroup, each printed row a row header, — for blanks."""
    html = _html(site, "report/2021/tables/")
    assert 'scope="colgroup"' in html
    assert '<th scope="row" class="l0"><span lang="zh-CN">一、本年新收政府信息公开申请数量' in html
    assert html.count('scope="col"') >= 7 and "<table lang=\"zh-CN\">" in html


def test_the_english_page_is_english_with_the_official_chinese_labels_marked(site: Site) -> None:
    """<html lang="en">, English headings and figure labels, official labels kept in Chinese and marked zh-CN."""
    html = _html(site, "report/2016/en/")
    assert '<html lang="en">' in html and "Overview" in html and "Official tables" in html
    assert '<span lang="zh-CN">(一)主动公开政府信息数</span>' in html and 'hreflang="zh-CN"' in html


def test_a_part_page_adds_the_years_across_and_the_year_page_does_not(site: Site) -> None:
    """disclosure/ has the section across years (a trend chart); the year page shows only the year's sections."""
    part, year = _html(site, "report/2021/disclosure/"), _html(site, "report/2021/")
    assert "历年变化" in part and 'id="disclosure_trend"' in part
    assert 'id="disclosure_trend"' not in year


def test_dashboard_links_name_the_page_year_and_language(site: Site, tmp_path: Path) -> None:
    """With a dashboard URL each part links to its page of the year; without one no page links to a dashboard."""
    html = _html(site, "report/2019/en/")
    assert 'href="https://dash.example/disclosure?year=2019&amp;lang=English"' in html
    bare = Site(site.dataset)
    assert "dash.example" not in bare.get("report/2019/").body.decode() and "?year=" not in bare.get(
        "report/2019/").body.decode()


def test_the_page_prints_on_a4_with_breaks_before_parts_and_official_tables(site: Site) -> None:
    """The print rules: A4 pages, each part and each official table on a new page, rows never split."""
    html = _html(site, "report/2016/")
    assert "@page { size: A4;" in html and "section.part { break-before: page; }" in html
    assert ".official .scroll { break-before: page; }" in html and "tr, .card, figure, .finding" in html


def test_twenty_years_stay_within_the_page_budget(tmp_path: Path) -> None:
    """The synthetic twenty-year store: the newest year's page (the largest: 2021 format, branches, every chart) and
    its heaviest part page are under 300 KB in either language."""
    store = Site(load_dataset(synth.build(tmp_path / "synthetic")))
    for path in ("report/2025/", "report/2025/en/", "report/2025/requests/en/", "report/2016/portal/"):
        size = len(store.get(path).body)
        assert 20_000 < size <= BUDGET, (path, size)
