"""Browser test of 导入年度报告: staff drop a saved web page on 数据管理, see the report's preview (its title, body and
year read from the page) and publish it; the public pages of the deployment then show the new year."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from tests.browser import servers
from tests.browser.tab import Tab
from tests.support import reports

NAME, PASSWORD = "导入测试员", "browser-import-7"


@pytest.fixture(scope="module")
def import_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """A staff deployment of its own (the bundled years and one account): what this test publishes stays here."""
    try:
        server = servers.start(tmp_path_factory.mktemp("imports"), "staff")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    auth.add_user(auth.accounts_path(server.data_dir), NAME, PASSWORD, replace=True)
    try:
        yield server
    finally:
        server.stop()


def _tab(browser, base: str) -> tuple[object, Tab]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    return context, Tab(context.new_page(), base)


def test_drop_a_saved_web_page_publish_it_and_the_public_pages_show_the_year(browser, import_server) -> None:
    """Log in, drop the page, the preview names the report and 2021, publish, a new visitor sees 2021's figures."""
    context, staff = _tab(browser, import_server.url)
    try:
        page = staff.page
        staff.open("/admin", expect=t("admin.login_required"))
        page.get_by_label(t("admin.login_name")).fill(NAME)
        page.get_by_label(t("admin.login_password")).fill(PASSWORD)
        page.get_by_role("button", name=t("admin.login"), exact=True).click()
        staff.settle(expect=t("admin.logged_in_as", name=NAME))
        uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=t("admin.file"))
        uploader.locator('input[type="file"]').set_input_files(
            files=[{"name": "平潭年报.html", "mimeType": "text/html", "buffer": reports.web_page("gbk")}])
        staff.settle(expect="发布机关：平潭综合实验区")
        shown = staff.main_text()
        assert f"报告：《{reports.TITLE}》（网页）" in shown and "年度：2021" in shown
        assert "GBK/GB2312" in shown and "--year" not in shown and "--reason" not in shown
        page.get_by_role("button", name=t("admin.publish", year=2021)).click()
        staff.settle(expect="已发布 2021 年度第 1 版")
        staff.assert_clean()
    finally:
        context.close()
    context, visitor = _tab(browser, import_server.url)
    try:
        visitor.open("/tables?year=2021", expect="(2021年度)")
        assert "填报单位(盖章)：平潭综合实验区" in visitor.main_text()
        visitor.open("/?year=2021", expect="2021 年度主要数据一览")
        visitor.assert_clean()
    finally:
        context.close()
