"""Browser tests of the public deployment: every page, the URL state, the language switch and the server-side gating."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from gjj_dash.i18n import t
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store.dataset import load_dataset
from tests.browser import sitemap
from tests.browser.tab import YEAR_SELECTOR

NAV_LINK = '[data-testid="stSidebarNavLink"]'
BUNDLED_YEARS = load_dataset(BUNDLED_DATA).years


def tab_title(spec: sitemap.Spec, lang: str = "zh") -> str:
    """The browser-tab title app.py gives a page: page title · app title."""
    return f"{t(spec.title_key, lang)} · {t('app.title', lang)}"


def test_chinese_text_is_drawn_with_a_cjk_font(public) -> None:
    """The page title 总览 is real text in the DOM and Chromium draws its glyphs with a CJK font, not tofu."""
    public.open("/")
    heading = public.page.locator('[data-testid="stMain"] h1').first
    assert heading.inner_text().strip() == "总览"
    fonts = public.platform_fonts('[data-testid="stMain"] h1')
    assert any("CJK" in name for name in fonts), f"CJK glyphs drawn with {fonts}"


@pytest.mark.parametrize("year", BUNDLED_YEARS)
def test_year_in_the_url_selects_that_year(public, year: int) -> None:
    """Opening ?year=Y shows Y in the year selector and in the overview's heading line."""
    public.open(f"/?year={year}", expect=f"{year} 年度主要数据一览")
    selector = public.page.locator(YEAR_SELECTOR.format(label=t("widget.year")))
    assert selector.input_value() == str(year)


def test_english_switch_changes_the_ui_text(public) -> None:
    """Clicking English in the sidebar turns navigation, title, figure labels and `<html lang>` English and puts lang
    in the URL."""
    public.open("/?year=2016", expect="主动公开政府信息数")
    assert "总览" in public.nav_text()
    assert public.page.evaluate("document.documentElement.lang") == "zh-CN"  # Streamlit's own page says "en"
    public.page.get_by_role("radio", name="English").click()
    public.settle(expect="Items proactively disclosed")
    assert public.page.evaluate("document.documentElement.lang") == "en"
    nav = public.nav_text()
    assert "Overview" in nav and "Official tables" in nav and "总览" not in nav
    assert public.page.title() == tab_title(sitemap.PUBLIC[0], "en")
    assert "Key figures of 2016" in public.main_text()
    assert parse_qs(urlsplit(public.page.url).query).get("lang") == ["English"]
    public.assert_clean()


def test_a_copied_link_reproduces_the_view(public, browser) -> None:
    """The URL after choosing English and a page, opened in a fresh browser, shows the same page, year and language."""
    public.open("/?year=2016", expect="主动公开政府信息数")
    public.page.get_by_role("radio", name="English").click()
    public.settle(expect="Items proactively disclosed")
    copied = public.page.url
    # The year is in the URL even when it is the latest (the only bundled one): a link copied today must not show
    # another year once a newer one is published.
    assert parse_qs(urlsplit(copied).query) == {"lang": ["English"], "year": ["2016"]}
    original = public.main_text()

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        from tests.browser.tab import Tab

        fresh = Tab(context.new_page(), public.base)
        fresh.open(copied.removeprefix(public.base), expect="Items proactively disclosed")
        assert fresh.main_text() == original
        assert fresh.page.title() == public.page.title()
        fresh.assert_clean()
    finally:
        context.close()


def test_no_staff_page_in_the_public_navigation(public) -> None:
    """The public navigation lists the eight public pages and neither 数据管理 nor its section."""
    public.open("/")
    links = public.page.locator(NAV_LINK).all_inner_texts()
    titles = [t(spec.title_key) for spec in sitemap.PUBLIC]
    assert [next(x for x in titles if x in link) for link in links] == titles
    nav = public.nav_text()
    assert t("page.admin") not in nav and t("nav.staff") not in nav


@pytest.mark.parametrize("path", ["/admin", "/" + quote(t("page.admin")), "/admin?year=2016"])
def test_staff_urls_answer_page_not_found(public, path: str) -> None:
    """The staff page's URLs answer Streamlit's "Page not found" on the public server and show the overview instead."""
    public.open(path)
    dialog = public.page.get_by_role("dialog")
    dialog.wait_for(timeout=10_000)
    assert "Page not found" in dialog.inner_text()
    assert urlsplit(public.page.url).path == "/"
    assert public.page.title() == tab_title(sitemap.PUBLIC[0])


def test_public_server_refuses_uploads_with_403(public, staff) -> None:
    """A well-formed upload with a live session and XSRF token gets 403 from the public server's upload guard (204
    from staff)."""
    assert public.upload_status() == 403
    assert staff.upload_status() == 204  # the same request is valid: only the public setting refuses it


def test_every_public_page_by_its_link_shows_its_figures_and_stays_on_this_machine(public) -> None:
    """Each public page on 2016, reached by its sidebar link from the overview and then back to it: tab title, URL,
    the year kept, key figures, charts with alt text and table, the keyboard path to the year selector; nothing
    fetched from outside 127.0.0.1 and no error. (Each page is opened at its own URL elsewhere: test_overview,
    test_gaps, test_proxy and this module's year and copied-link tests.)"""
    public.open("/?year=2016", expect="主动公开政府信息数")
    for spec in sitemap.PUBLIC[1:] + sitemap.PUBLIC[:1]:
        # By the link's words, not Tab.go's address: the walk checks that each name in the sidebar leads to its page.
        public.page.locator(NAV_LINK, has_text=t(spec.title_key)).first.click()
        public.page.wait_for_function("title => document.title === title", arg=tab_title(spec))
        public.settle(expect=spec.shows[-1])  # the last (often a download button) drawn
        assert re.search(rf"/{spec.url}(\?|$)", public.page.url), public.page.url
        assert public.page.locator(YEAR_SELECTOR.format(label=t("widget.year"))).input_value() == "2016"
        shown = public.main_text()
        for text in spec.shows:
            assert text in shown, f"{text!r} not on /{spec.url}"
        # Accessibility: every chart has a text alternative (caption) and its numbers as a table.
        assert not public.charts_without_alt_or_table(), spec.url
        # Keyboard path: Tab reaches the year selector on every page (from the link just clicked; the walk from the
        # top of a freshly opened page is test_keyboard_reaches_every_navigation_link_and_opens_a_page's).
        public.tab_to(f"el.matches('{YEAR_SELECTOR.format(label=t('widget.year'))}')")
        public.assert_clean(f"/{spec.url}")
    assert len(public.requests) > 10


def test_keyboard_reaches_every_navigation_link_and_opens_a_page(public) -> None:
    """Tab from the top visits skip link, every navigation link, language and year; Enter on a link opens that page."""
    public.open("/")
    path = public.tab_to(f"el.matches('{YEAR_SELECTOR.format(label=t('widget.year'))}')")
    visited = "\n".join(path)
    assert "stSkipToContent" in path[0]
    for spec in sitemap.PUBLIC:
        assert t(spec.title_key) in visited
    assert "中文" in visited  # the language switch is a keyboard-reachable radio group

    target = sitemap.PUBLIC[5]  # 官方统计表
    public.tab_to(f"el.matches('{NAV_LINK}') && el.innerText.includes('{t(target.title_key)}')")
    public.page.keyboard.press("Enter")
    public.page.wait_for_function("title => document.title === title", arg=tab_title(target))
    public.assert_clean()


def test_public_server_wrote_nothing_in_its_data_directory(public, public_server) -> None:
    """After every page, download and refused upload so far, the public data directory is byte for byte unchanged."""
    public.open("/tables?year=2016", expect=t("tables.downloads"))
    assert public_server.files() == public_server.files_at_start
    assert not (public_server.data_dir / ".publish.lock").exists()


def test_first_request_after_start_goes_through_the_router(browser, tmp_path) -> None:
    """On a freshly started public server the very first request for /admin answers "Page not found" too."""
    from tests.browser import servers
    from tests.browser.tab import Tab

    server = servers.start(tmp_path, "public")
    context = browser.new_context(locale="zh-CN")
    try:
        tab = Tab(context.new_page(), server.url)
        tab.open("/admin")
        assert t("page.admin") not in tab.main_text()
        assert "Page not found" in tab.page.get_by_role("dialog").inner_text(timeout=10_000)
        assert t("page.admin") not in tab.nav_text()
    finally:
        context.close()
        server.stop()


def test_the_url_always_names_the_year_shown(public) -> None:
    """Opened without ?year= the newest year is shown and written into the URL; a sidebar link keeps it; a year that
    is not published falls back to the newest and the URL says so."""
    public.open("/", expect="主动公开政府信息数")
    assert parse_qs(urlsplit(public.page.url).query) == {"year": ["2016"]}
    public.go("halls", expect="窗口")
    assert urlsplit(public.page.url).path == "/halls"
    assert parse_qs(urlsplit(public.page.url).query) == {"year": ["2016"]}
    public.open("/portal?year=1999", expect="13,810")
    assert parse_qs(urlsplit(public.page.url).query) == {"year": ["2016"]}
    public.assert_clean()
