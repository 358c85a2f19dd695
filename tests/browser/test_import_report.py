"""Browser test of 导入年度报告: staff drop a saved web page on 数据管理, see the report's preview (its title, body and
year read from the page) and publish it; the public pages of the deployment then show the new year."""

from __future__ import annotations

import pytest

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store.layout import BASE
from gjj_dash.store.versions import Store
from tests.browser.tab import Tab
from tests.support import reports

NAME, PASSWORD = "导入测试员", "browser-import-7"


@pytest.fixture
def staff_account(staff_server) -> str:
    """A local staff account in the staff server's data directory."""
    auth.add_user(auth.accounts_path(staff_server.data_dir), NAME, PASSWORD, replace=True)
    return NAME


def test_drop_a_saved_web_page_publish_it_and_the_public_pages_show_the_year(staff, staff_server, staff_account,
                                                                               browser) -> None:
    """Log in, drop the page, the preview names the report and 2021, publish, a new visitor sees 2021's figures."""
    page = staff.page
    staff.open("/admin", expect=t("admin.login_required"))
    page.get_by_label(t("admin.login_name")).fill(NAME)
    page.get_by_label(t("admin.login_password")).fill(PASSWORD)
    page.get_by_role("button", name=t("admin.login"), exact=True).click()
    staff.settle(expect=t("admin.logged_in_as", name=NAME))
    try:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": "平潭年报.html", "mimeType": "text/html", "buffer": reports.web_page("gbk")}])
        staff.settle(expect="发布机关：平潭综合实验区")
        shown = staff.main_text()
        assert f"报告：《{reports.TITLE}》（网页）" in shown and "年度：2021" in shown
        assert "GBK/GB2312" in shown and "--year" not in shown and "--reason" not in shown
        page.get_by_role("button", name=t("admin.publish", year=2021)).click()
        staff.settle(expect="已发布 2021 年度第 1 版")
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        try:
            visitor = Tab(context.new_page(), staff.base)
            visitor.open("/tables?year=2021", expect="(2021年度)")
            assert "填报单位(盖章)：平潭综合实验区" in visitor.main_text()
            visitor.open("/?year=2021", expect="2021 年度主要数据一览")
            visitor.assert_clean()
        finally:
            context.close()
        staff.assert_clean()
    finally:  # the staff server is shared by the other browser tests: leave its years as they were
        store = Store(staff_server.data_dir)
        if store.current(2021) != BASE:
            store.rollback(2021, BASE, NAME, "浏览器测试结束")
