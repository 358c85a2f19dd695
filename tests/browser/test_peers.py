"""Browser test of the comparison bodies: staff log in on 数据管理, drop another body's report on 对比机关, see its
body, year and kind, confirm and add it, then open 总览 in the same session and see the body beside the centre;
a new visitor (not logged in) sees no comparison."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from tests.browser import servers
from tests.browser.tab import Tab
from tests.support import reports
from tests.support.years import YEARS

NAME, PASSWORD = "对比测试员", "browser-peers-5"
TITLE = "与其他机关对比（2021年）"


@pytest.fixture(scope="module")
def peers_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """A staff deployment of its own: the bundled 2016, a 2021-format year for the centre, one account."""
    try:
        server = servers.start(tmp_path_factory.mktemp("peers"), "staff")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    shutil.copytree(YEARS / "formats" / "years" / "2021", server.data_dir / "years" / "2021")
    auth.add_user(auth.accounts_path(server.data_dir), NAME, PASSWORD, replace=True)
    try:
        yield server
    finally:
        server.stop()


def _tab(browser, base: str) -> tuple[object, Tab]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    return context, Tab(context.new_page(), base)


def test_staff_add_a_report_and_see_it_beside_the_centre(browser, peers_server) -> None:
    """Log in, 对比机关, drop the page: 平潭综合实验区 2021 named from the report; confirm, add; 总览 shows the
    comparison section with the body's row beside the centre's."""
    context, staff = _tab(browser, peers_server.url)
    try:
        page = staff.page
        staff.open("/admin", expect=t("admin.login_required"))
        page.get_by_label(t("admin.login_name")).fill(NAME)
        page.get_by_label(t("admin.login_password")).fill(PASSWORD)
        page.get_by_role("button", name=t("admin.login"), exact=True).click()
        staff.settle(expect=t("admin.logged_in_as", name=NAME))
        page.get_by_role("tab", name=t("peers.tab")).click()
        staff.settle(expect=t("peers.page_add"))
        uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=t("peers.page_files"))
        uploader.locator('input[type="file"]').set_input_files(
            files=[{"name": "平潭年报.html", "mimeType": "text/html", "buffer": reports.web_page()}])
        staff.settle(expect="机关：平潭综合实验区")
        shown = staff.main_text()
        assert "机关：平潭综合实验区（报告写明） · 年度：2021 · 类型：另一类机关：人民政府（全辖区）" in shown
        assert "--body" not in shown and "--year" not in shown
        page.get_by_text(t("peers.page_confirm", body="平潭综合实验区", year=2021)).click()
        staff.settle()
        page.get_by_role("button", name=t("peers.page_go"), exact=True).click()
        staff.settle(expect="已加入对比：平潭综合实验区 2021 年度")
        staff.go("overview", expect=TITLE)
        table = page.locator('[data-testid="stDataFrame"]').filter(has_text="平潭综合实验区").first
        table.scroll_into_view_if_needed()
        table.locator("td", has_text="平潭综合实验区").first.wait_for(state="attached", timeout=10_000)
        cells = table.text_content() or ""
        assert "博州住房公积金管理中心" in cells and "平潭综合实验区" in cells and "50.7%" in cells
        staff.assert_clean()
    finally:
        context.close()
    context, visitor = _tab(browser, peers_server.url)
    try:
        visitor.open("/?year=2021", expect="2021 年度主要数据一览")
        assert TITLE not in visitor.main_text()
        visitor.assert_clean()
    finally:
        context.close()
