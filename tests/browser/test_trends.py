"""Browser tests of the sections across years: each is a tab, and clicking it draws that section (and only it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from gjj_dash.figures.pages import VIEWS
from gjj_dash.i18n import t
from gjj_dash.model.series import harmonised_series
from gjj_dash.store.dataset import load_dataset
from tests.browser import servers
from tests.support.years import YEARS


@pytest.fixture(scope="module")
def trend_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """The public deployment on the three fixture years 2016–2018 (copied; the server only reads them)."""
    server = servers.start(tmp_path_factory.mktemp("trends"), "public")
    try:
        shutil.rmtree(server.data_dir / "years")
        shutil.copytree(YEARS / "trend" / "years", server.data_dir / "years")
        yield server
    finally:
        server.stop()


def test_every_section_across_years_is_a_click_away(browser, trend_server) -> None:
    """On every page with sections across years (the first opened at its URL, the others by the sidebar): the tabs
    name every section; clicking one draws its chart (with alt text and numbers) or its table, and the other
    sections are not on the page."""
    from tests.browser.tab import Tab

    data = load_dataset(trend_server.data_dir)
    series = harmonised_series(data)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        tab = Tab(context.new_page(), trend_server.url)
        for n, page in enumerate(sorted(VIEWS)):
            if n == 0:
                tab.open(f"/{page}?year=2018", expect=t("pub.across_years"))
            else:
                tab.go(page, expect=t("pub.across_years"))
            sections = VIEWS[page](data, series, 2018, "zh").trends
            tabs = tab.page.get_by_role("tab")
            assert tabs.all_inner_texts() == [s.title for s in sections], page
            for m, chosen in enumerate(sections):
                tabs.nth(m).click()
                tab.page.locator(f".st-key-section_{chosen.key}").wait_for(timeout=30_000)
                tab.settle()
                for other in sections:
                    if other is not chosen:
                        assert tab.page.locator(f".st-key-section_{other.key}").count() == 0, (page, other.key)
                shown = tab.page.locator(f".st-key-section_{chosen.key}")
                assert shown.locator('[data-testid="stDataFrame"]').count() == 1, (page, chosen.key)
                assert tab.charts_without_alt_or_table() == [], (page, chosen.key)
            tab.assert_clean(page)
    finally:
        context.close()
