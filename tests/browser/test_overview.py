"""Browser tests of the overview: it answers at /overview as at /, and no KPI card cuts its label or figure short."""

from __future__ import annotations

import pytest

from gjj_dash.i18n import t
from tests.browser import sitemap
from tests.browser.tab import YEAR_SELECTOR


def test_overview_answers_at_its_own_url(public) -> None:
    """/overview (bookmarks, links, scripts) shows the overview's title and 2016 figures, no "page not found"."""
    public.open("/overview?year=2016", expect="2016 年度主要数据一览")
    assert public.page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == "总览"
    assert public.page.url.split("?")[0].endswith("/overview")
    shown = public.main_text()
    for figure in ("204 条", "13,810 次", "19,000+ 人次"):
        assert figure in shown
    assert public.page.locator('[role="dialog"]').count() == 0
    public.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "English"])
def test_no_card_is_cut_off_at_1280_px(public, lang: str) -> None:
    """At 1280 × 800 every KPI card of the public pages with cards in 2016 (the first opened at its URL, the others by
    the sidebar) shows its whole label and figure ("19,000+ 人次", not "19,000+ …")."""
    public.page.set_viewport_size({"width": 1280, "height": 800})
    query = "?year=2016" + ("&lang=English" if lang == "English" else "")
    for n, spec in enumerate(sitemap.PUBLIC[:4]):
        if n == 0:
            public.open(f"/{spec.url}{query}")
        else:
            public.go(spec.url)
        # Still the language and the year asked for (a link that lost either would test another page's cards).
        code = "en" if lang == "English" else "zh"
        assert public.page.title().startswith(t(spec.title_key, code)), spec.url
        assert public.page.locator(YEAR_SELECTOR.format(label=t("widget.year", code))).input_value() == "2016", spec.url
        assert public.page.locator('[data-testid="stMetricValue"]').count() > 0, spec.url
        assert public.cut_off() == [], spec.url
