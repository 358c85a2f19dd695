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


@pytest.mark.parametrize("page", sorted(VIEWS))
def test_every_section_across_years_is_a_click_away(browser, trend_server, page: str) -> None:
    """The tabs name every section across years; clicking one draws its chart (with alt text and numbers) or its
    table, and the other sections are not on the page."""
    from tests.browser.tab import Tab

    data = load_dataset(trend_server.data_dir)
    sections = VIEWS[page](data, harmonised_series(data), 2018, "zh").trends
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        tab = Tab(context.new_page(), trend_server.url)
        tab.open(f"/{page}?year=2018", expect=t("pub.across_years"))
        tabs = tab.page.get_by_role("tab")
        assert tabs.all_inner_texts() == [s.title for s in sections]
        for n, chosen in enumerate(sections):
            tabs.nth(n).click()
            tab.page.locator(f".st-key-section_{chosen.key}").wait_for(timeout=30_000)
            tab.settle()
            for other in sections:
                if other is not chosen:
                    assert tab.page.locator(f".st-key-section_{other.key}").count() == 0, other.key
            shown = tab.page.locator(f".st-key-section_{chosen.key}")
            assert shown.locator('[data-testid="stDataFrame"]').count() == 1
            assert tab.charts_without_alt_or_table() == []
        tab.assert_clean()
    finally:
        context.close()
