"""Browser tests on a store with gaps (2016, 2019, 2024 loaded): no line of any chart across the years crosses a missing
year (plotly's own trace data in the page, and the light page's SVG), every page with a year names the missing years
(with the import link for staff only), no "起" and no "上一年" across a gap, "本年度报表无此项" against "未填报" on the
right rows, derived totals marked, and 总计 on screen at 1280 px and at 390 px."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator

import pytest

from gjj_dash.i18n import t
from tests.browser import servers
from tests.support.years import gap_years

MISSING = (2017, 2018, 2020, 2021, 2022, 2023)
LINE = "2017—2018年、2020—2023年的报告未导入"
PAGES = ("/overview", "/disclosure", "/halls", "/portal", "/requests", "/tables", "/quality", "/dictionary")
CLAIMED_START = re.compile(r"\d{4} ?年起|本年起|起：")
# Every chart of the open tab of the sections across years, as plotly holds it: each trace's points, the layout's
# bands.
CHARTS_JS = """() => [...document.querySelectorAll('[role="tabpanel"] .js-plotly-plot')].map(gd => ({
  traces: gd.data.map(tr => ({type: tr.type, mode: tr.mode || '', name: tr.name, meta: tr.meta || '',
                              x: [...(tr.x || [])], y: [...(tr.y || [])], hover: [...(tr.customdata || [])]})),
  bands: (gd.layout.shapes || []).filter(s => s.type === 'rect').map(s => [s.x0, s.x1]),
}))"""


def _deployment(browser, tmp_path_factory, kind: str) -> Iterator[servers.Server]:
    server = servers.start(tmp_path_factory.mktemp(f"gaps-{kind}"), kind)
    try:
        shutil.rmtree(server.data_dir / "years")
        shutil.copytree(gap_years(tmp_path_factory.mktemp(f"gap-years-{kind}")) / "years", server.data_dir / "years")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def gap_public(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """The public deployment on 2016, 2019 and 2024 (copied; the server only reads them)."""
    yield from _deployment(browser, tmp_path_factory, "public")


@pytest.fixture(scope="module")
def gap_staff(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """The staff deployment on the same three years."""
    yield from _deployment(browser, tmp_path_factory, "staff")


def _tab(browser, server: servers.Server, width: int = 1400):
    from tests.browser.tab import Tab  # Playwright is imported by the browser fixture, not at collection

    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 1000})
    return context, Tab(context.new_page(), server.url)


@pytest.fixture
def reader(browser, gap_public: servers.Server):
    """A fresh tab on the public deployment with gaps."""
    context, tab = _tab(browser, gap_public)
    yield tab
    context.close()


def _crossing(trace: dict) -> list[tuple[float, float]]:
    """The segments a line draws (two neighbouring points, both with a figure) that span a missing year."""
    points = list(zip(trace["x"], trace["y"], strict=True))
    return [(a, b) for (a, ya), (b, yb) in zip(points, points[1:], strict=False)
            if ya is not None and yb is not None and any(a < m < b for m in MISSING)]


def _every_section(tab) -> list[tuple[dict, str]]:
    """Each tab of the page's sections across years clicked in turn; the charts each one draws, each with the page's
    text as it shows that chart (its caption, the text alternative)."""
    charts = []
    tabs = tab.page.get_by_role("tab")
    for n in range(tabs.count()):
        tabs.nth(n).click()
        tab.settle()
        shown = tab.main_text()
        charts += [(chart, shown) for chart in tab.page.evaluate(CHARTS_JS)]
    return charts


def test_no_line_crosses_a_gap_and_each_gap_is_marked(reader) -> None:
    """Every chart across years of 主动公开, 依申请公开, 服务大厅 and 门户与查询 (2024, each tab opened; the first page
    opened at its URL, the others by the sidebar): no line joins two years across a missing one; each gap is a band
    over 2016.5–2018.5 and 2019.5–2023.5; a dash on the axis at each missing year hovers “未导入，无数据”."""
    reader.open("/halls?year=2024", expect=t("pub.across_years"))
    for page in ("halls", "disclosure", "requests", "portal"):
        if page != "halls":
            reader.go(page, expect=t("pub.across_years"))
        charts = _every_section(reader)
        lines = [tr for c, _ in charts for tr in c["traces"] if tr["type"] == "scatter" and "lines" in tr["mode"]]
        assert lines or page in ("halls", "portal"), page  # halls and portal have one year of figures: no chart
        assert [(tr["name"], _crossing(tr)) for tr in lines if _crossing(tr)] == [], page
        for chart, shown in charts:
            assert chart["bands"] == [[2016.5, 2018.5], [2019.5, 2023.5]], page
            (dashes,) = [tr for tr in chart["traces"] if tr["meta"] == "gaps"]
            assert dashes["x"] == list(MISSING) and all("未导入，无数据" in h for h in dashes["hover"]), page
            assert "2017—2018年、2020—2023年未导入：图中以灰色区域标出" in shown, page  # the chart's text alternative
        reader.assert_clean(page)


def test_the_light_page_draws_no_line_across_a_gap(browser, gap_public) -> None:
    """The light page of 依申请公开 (2024), as Chromium shows it: each line of its SVG charts is points apart (one M
    per loaded year, no L), each band carries its hover as a <title>, every year of the axis is labelled, the page
    names the missing years, and axe-core (WCAG 2.x A/AA) finds nothing wrong with the bands."""
    from axe_playwright_python.sync_playwright import Axe  # the light-site tests' accessibility check

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(gap_public.url + "/report/2024/requests/", wait_until="load")
        svg = page.locator("#chart-requests_trend-t").locator("xpath=..")
        paths = svg.locator('path[fill="none"]').evaluate_all("els => els.map(e => e.getAttribute('d'))")
        assert paths and all("L" not in d for d in paths)
        titles = svg.locator("rect > title").all_text_contents()
        assert titles == ["2017—2018年：未导入，无数据；其间报表格式改变",
                          "2020—2023年：未导入，无数据；其间报表格式改变"]
        axis = svg.locator("text").all_text_contents()
        assert all(str(year) in axis for year in range(2016, 2025))
        assert LINE in page.locator("body").inner_text()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
        assert results.violations_count == 0, results.generate_snapshot()
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["public", "staff"])
def test_every_page_with_a_year_names_the_missing_years(browser, request, kind: str) -> None:
    """Public and staff alike show the line on every page with a year (the first opened at its URL — 数据说明 for the
    public, 数据质量 for staff, pages no other browser test opens by URL — the others by the sidebar, as a reader
    goes); only staff get the link to 数据管理, and it leads there."""
    server = request.getfixturevalue(f"gap_{kind}")
    first = "/dictionary" if kind == "public" else "/quality"
    context, tab = _tab(browser, server)
    try:
        tab.open(f"{first}?year=2019", expect=LINE)
        for page in (first, *(p for p in PAGES if p != first)):
            if page != first:
                tab.go(page, expect=LINE)
            notice = tab.page.locator(".st-key-missing_years")
            assert LINE in notice.inner_text(), page
            link = notice.get_by_role("link", name=t("gaps.staff_link"))
            if kind == "public":
                assert link.count() == 0, page
            else:
                assert link.get_attribute("href").rstrip("/").split("/")[-1] == "admin", page
            tab.assert_clean(page)
        if kind == "staff":
            link.click()
            tab.settle(expect=t("page.admin"))
            assert tab.page.url.split("?")[0].rstrip("/").endswith("/admin")
            tab.assert_clean()
    finally:
        context.close()


def test_no_start_claim_and_no_previous_year_across_a_gap(reader) -> None:
    """依申请公开 2024: no "X年起" anywhere (the years before 2019 and 2024 are missing); the comparison tab is named
    after 2019 and the gap, never 与上一年度比较; the cards say their change is against 2019."""
    reader.open("/requests?year=2024", expect=t("pub.across_years"))
    shown = reader.main_text()
    assert CLAIMED_START.findall(shown) == []
    assert "变化：与2019年相比（2020—2023年缺数据）" in shown
    assert "2023年未导入：本页的变化是与2019年相比（2020—2023年缺数据），不是同比。" in shown
    tabs = reader.page.get_by_role("tab")
    labels = tabs.all_inner_texts()
    assert "与2019年相比（2020—2023年缺数据）" in labels and t("pub.delta_title") not in labels
    tabs.nth(labels.index("与2019年相比（2020—2023年缺数据）")).click()
    reader.settle()
    compared = reader.text(".st-key-section_requests_delta")
    assert "上一年" not in compared and CLAIMED_START.findall(reader.main_text()) == []
    assert "变化 = 2024年 − 2019年；其间2020—2023年缺数据，这不是同比变化" in compared
    reader.assert_clean()


def _cells(tab, key: str) -> str:
    """The text of a section's table cells as the grid puts them in the page (label, then each visible column)."""
    grid = tab.page.locator(f".st-key-section_{key} [data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    grid.locator("td").first.wait_for(state="attached", timeout=10_000)
    rows = grid.locator("tr").evaluate_all("rs => rs.map(r => [...r.children].map(c => c.innerText).join('|'))")
    return "\n".join(rows)


def test_not_in_the_format_against_left_blank_and_derived_totals(reader) -> None:
    """Across the years of 依申请公开: 2016's 收到申请 (the old table has it, left blank) “— 未填报”, its 上年结转
    (no such row in the old table) “本年度报表无此项”, the years not loaded “未导入”; 2019's blank 总计 counted as its
    row's sum “272（看板计算）”; the overview's 2024 card of a row the 2021 format lacks “本年度报表无此项”."""
    reader.open("/requests?year=2024", expect=t("pub.across_years"))
    rows = _cells(reader, "requests_trend")
    assert "2016|政府信息公开情况统计表(旧版全国统一格式)|— 未填报|本年度报表无此项" in rows
    assert "2017—2018年|未导入|未导入|未导入" in rows
    tabs = reader.page.get_by_role("tab")
    tabs.nth(tabs.all_inner_texts().index(t("requests.outcome_trend_title"))).click()
    reader.settle()
    assert "2019|政府信息公开工作年度报告格式(2019年试行版)|272（看板计算）|3（看板计算）|35（含看板计算）" in \
        _cells(reader, "requests_outcome_trend")
    assert "“看板计算”：该年统计表的“总计”栏未填报" in reader.main_text()
    reader.go("overview", expect="2024 年度主要数据一览")  # the year chosen stays with the reader
    card = reader.page.locator(".st-key-kpi_overview_0")
    card.get_by_text("主动公开政府信息数").first.wait_for(timeout=30_000)  # drawn after the card's caption
    assert "主动公开政府信息数" in card.inner_text() and "本年度报表无此项" in card.inner_text()
    assert "未填报" not in card.inner_text()
    reader.assert_clean()


# The grid's top brought 120 px below the top of the page's own scrolling box, clear of Streamlit's fixed header bar.
_GRID_TOP = """grid => { grid.scrollIntoView({block: 'start'});
  let box = grid.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement; }
  (box || document.scrollingElement).scrollBy(0, -120); }"""


def _header_edges(tab, grid) -> tuple[list[int], dict]:
    """The x of each column border the grid draws in its header rows (its own pixels, as the screen shows them: the
    grid is a canvas), and the grid's box."""
    from PIL import Image  # Pillow comes with Streamlit; only this check reads pixels

    grid.evaluate(_GRID_TOP)
    tab.wait_quiet()
    box = grid.bounding_box()
    assert box is not None
    shot = tab.page.screenshot(clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": 70})
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    edges = set()
    for top in (4, 38):  # a grouped header's group row, then its column row (or the first data row)
        for x in range(2, image.width - 2):
            seen = {image.getpixel((x, y)) for y in range(top, top + 26)}
            if len(seen) == 1 and sum(next(iter(seen))) < 700:  # one colour top to bottom, darker than the fill
                edges.add(x)
    return sorted(edges), box


def _totals_on_screen(tab, where: str, count: int, width: int) -> None:
    """At `width` px: the `count` grids at `where` have 总计 second and pinned, its right edge drawn inside the grid."""
    tab.page.set_viewport_size({"width": width, "height": 1000})
    tab.wait_quiet()
    grids = tab.page.locator(where)
    grids.first.wait_for(state="attached", timeout=30_000)
    assert grids.count() == count, (width, where)
    for n in range(count):
        grid = grids.nth(n)
        grid.locator("th").nth(1).wait_for(state="attached", timeout=30_000)  # the grid draws its heads late
        heads = grid.locator("th").all_inner_texts()
        assert heads[1] == "总计", (width, heads)
        edges, box = _header_edges(tab, grid)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        assert len(edges) >= 2 and edges[1] - edges[0] >= 30 and edges[1] < box["width"] - 2, (width, edges, box)


def test_the_total_stays_on_screen(browser, gap_public) -> None:
    """The official tables with a 总计 column (官方统计表 2024: 三 and 四) opened on a 390 px phone, then on a 1280 px
    screen, then the applicant table (依申请公开, reached by the sidebar) at 1280 px and at 390 px: each grid's first
    two columns are the label and 总计 (pinned), and the header's second border — the right edge of 总计 — is drawn
    inside the grid as the screen shows it."""
    context, tab = _tab(browser, gap_public, 390)
    try:
        tab.open("/tables?year=2024")
        for width in (390, 1280):
            _totals_on_screen(tab, "[data-testid='stDataFrame']:has(th:text-is('总计'))", 2, width)
        tab.assert_clean("/tables")
        tab.go("requests", expect=t("pub.across_years"))
        for width in (1280, 390):
            _totals_on_screen(tab, ".st-key-section_requests_applicants [data-testid='stDataFrame']", 1, width)
        tab.assert_clean("/requests")
    finally:
        context.close()
