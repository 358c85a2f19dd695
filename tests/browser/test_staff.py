"""Browser tests of the staff deployment: 数据管理 in the navigation, login, GBK upload, diff, publish, rollback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gjj_dash.i18n import t
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.publish import export, templates
from gjj_dash.store import accounts as auth
from gjj_dash.store.dataset import load_dataset
from tests.browser import sitemap
from tests.browser.tab import YEAR_SELECTOR

NAME, PASSWORD = "测试员", "browser-test-9"


def gbk_table(**rows: str) -> bytes:
    """The bundled 2016 table as Chinese Excel saves a CSV (GBK, no BOM), some rows' figures replaced."""
    text = export.table_csv(load_dataset(BUNDLED_DATA), 2016).decode("utf-8-sig")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text)):
        if row and row[0] in rows:
            row[2] = rows[row[0]]
        writer.writerow(row)
    return out.getvalue().encode("gbk")


@pytest.fixture(scope="module")
def account(staff_server) -> str:
    """A local staff account in the staff server's own data directory, made with the package's `user add` code."""
    auth.add_user(auth.accounts_path(staff_server.data_dir), NAME, PASSWORD, replace=True)
    return NAME


def log_in(tab, password: str) -> None:
    """Fill the login form of 数据管理 and submit it."""
    tab.page.get_by_label(t("admin.login_name")).fill(NAME)
    tab.page.get_by_label(t("admin.login_password")).fill(password)
    tab.page.get_by_role("button", name=t("admin.login"), exact=True).click()


def years_offered(tab) -> list[str]:
    """The options of the sidebar's year selector."""
    tab.page.locator(YEAR_SELECTOR.format(label=t("widget.year"))).click()
    options = tab.page.get_by_role("option").all_inner_texts()
    tab.page.keyboard.press("Escape")
    return [o.strip() for o in options]


def test_staff_navigation_lists_every_page_and_data_management(staff) -> None:
    """The staff deployment adds 数据管理 under 内部管理 to the eight public pages; each staff title is in the nav."""
    staff.open("/")
    nav = staff.nav_text()
    for spec in sitemap.STAFF:
        assert t(spec.title_key) in nav
    assert t("nav.staff") in nav
    staff.assert_clean()


def test_wrong_password_is_refused(staff, account) -> None:
    """A wrong password shows 账户名或密码错误 and no upload panel."""
    staff.open("/admin", expect=t("admin.login_required"))
    assert staff.page.title().startswith(t("page.admin"))
    log_in(staff, "not-the-password")
    staff.settle(expect=t("admin.login_wrong"))
    assert staff.page.get_by_role("tab", name=t("admin.tab_upload")).count() == 0
    staff.assert_clean()


def test_upload_publish_and_roll_back_a_gbk_year(staff, account, browser) -> None:
    """Log in, upload a GBK CSV for 2017, see preview and diff, publish, see 2017 on the overview, roll back, gone."""
    page = staff.page
    staff.open("/admin", expect=t("admin.login_required"))
    log_in(staff, PASSWORD)
    staff.settle(expect=t("admin.logged_in_as", name=NAME))

    # Upload: the year, then the file as Chinese Excel saves it.
    year_box = page.get_by_label(t("admin.year_input"))
    year_box.fill("2017")
    year_box.press("Enter")
    staff.settle()
    payload = gbk_table(**{"(一)主动公开政府信息数": "250", "2.政府网站公开政府信息数": "153"})
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=t("admin.file"))
    uploader.locator('input[type="file"]').set_input_files(
        files=[{"name": "2017年统计表.csv", "mimeType": "text/csv", "buffer": payload}]
    )
    staff.settle(expect=t("admin.preview"))
    shown = staff.main_text()
    assert "编码：GB18030/GBK" in shown and "年度：2017" in shown and "2017年统计表.csv" in shown
    assert t("admin.diff", year=2017, base=t("admin.base_version")) in shown
    diff = page.locator('[data-testid="stDataFrame"]').last
    diff.scroll_into_view_if_needed()  # the grid puts its cells in the DOM once it is drawn
    diff.locator("td", has_text="(一)主动公开政府信息数").first.wait_for(state="attached", timeout=10_000)
    cells = diff.text_content() or ""
    assert "(一)主动公开政府信息数统计数条250新增" in cells  # label, column, unit, new value, change
    assert "2.政府网站公开政府信息数统计数条153新增" in cells

    page.get_by_role("button", name=t("admin.publish", year=2017)).click()
    staff.settle(expect="已发布 2017 年度第 1 版")
    assert years_offered(staff) == ["2017", "2016"]

    # The overview of the same deployment, in a new visitor's browser, shows the published year.
    _see_overview(browser, staff.base, 2017, "250 条")

    # Roll back to version 0: nothing of 2017 remains published.
    page.get_by_role("tab", name=t("admin.tab_history")).click()
    staff.settle()
    page.locator(f'[data-testid="stMain"] input[role="combobox"][aria-label="{t("admin.hist_year")}"]').click()
    page.get_by_role("option", name="2017", exact=True).click()
    staff.settle()
    # The flash message above the tabs is gone in this rerun, so Streamlit redraws the tabs on the first one.
    page.get_by_role("tab", name=t("admin.tab_history")).click()
    staff.settle(expect="2017 年度当前发布")
    assert "2017 年度当前发布：第1版" in staff.main_text()
    with page.expect_download(timeout=30_000) as info:  # the stored original, read only when clicked
        page.get_by_role("button", name=t("admin.download_original")).click()
    assert Path(info.value.path()).read_bytes() == payload
    page.get_by_label(t("admin.rb_reason")).fill("浏览器测试回退")
    page.get_by_label(t("admin.rb_reason")).press("Enter")
    staff.settle()
    page.get_by_text(t("admin.rb_confirm", year=2017, version=t("admin.base_version"))).click()
    staff.settle()
    page.get_by_role("button", name=t("admin.rb_go"), exact=True).click()
    staff.settle(expect=t("admin.rolled_back", year=2017, version=t("admin.base_version")))
    assert years_offered(staff) == ["2016"]
    _see_overview(browser, staff.base, 2016, "204 条", asked=2017)
    staff.assert_clean()


def _see_overview(browser, base: str, year: int, figure: str, asked: int | None = None) -> None:
    """A fresh browser on /?year=<asked or year> shows <year>'s overview with the figure."""
    from tests.browser.tab import Tab

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    try:
        tab = Tab(context.new_page(), base)
        # Waits for the figure itself: on a loaded machine a fresh browser may still be fetching the cards' code when
        # the heading is drawn (seen once in a full run), and the page counts as drawn after IN_FLIGHT_S.
        tab.open(f"/?year={asked or year}", expect=figure)
        assert f"{year} 年度主要数据一览" in tab.main_text()
        tab.assert_clean()
    finally:
        context.close()


def test_templates_are_built_when_clicked_and_arrive_whole(staff, account) -> None:
    """填报模板: the 2021 workbook and the zip of its section CSVs, built only when clicked, are the templates."""
    staff.open("/admin", expect=t("admin.login_required"))
    log_in(staff, PASSWORD)
    staff.settle(expect=t("admin.logged_in_as", name=NAME))
    staff.page.get_by_role("tab", name=t("admin.tab_templates")).click()
    staff.settle()
    for name, label, expected in [
        (templates.template_name("2021", "xlsx"), "admin.template", templates.template_bytes("2021", "xlsx")),
        (templates.template_name("2021-sections", "zip"), "imports.zip", templates.sections_zip("2021")),
    ]:
        with staff.page.expect_download(timeout=30_000) as info:
            staff.page.get_by_role("button", name=t(label, name=name)).click()
        assert info.value.suggested_filename == name
        assert Path(info.value.path()).read_bytes() == expected
    staff.assert_clean()
