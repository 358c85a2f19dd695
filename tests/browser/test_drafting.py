"""Browser test of 起草年度报告 on 数据管理 (staff deployment): log in, open the tab, press 起草年度报告, see the
preflight's findings of 2016, download the draft as Word and as a web page — each the report the package writes from
the server's data, byte for byte, under its title's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.i18n import t
from gjj_dash.publish.annual_report.report import build_report, report_name, write_report
from gjj_dash.store import accounts as auth
from gjj_dash.store.dataset import data_version, load_dataset

NAME, PASSWORD = "起草测试员", "browser-draft-7"


@pytest.fixture(scope="module")
def account(staff_server) -> str:
    """A local staff account in the staff server's data directory."""
    auth.add_user(auth.accounts_path(staff_server.data_dir), NAME, PASSWORD, replace=True)
    return NAME


def test_staff_download_the_drafted_report_as_word_and_web_page(staff, staff_server, account) -> None:
    """Log in, open 起草年度报告 and press it: 2016's error (204 > 191) is on the page; both downloads are 2016's."""
    page = staff.page
    staff.open("/admin", expect=t("admin.login_required"))
    page.get_by_label(t("admin.login_name")).fill(NAME)
    page.get_by_label(t("admin.login_password")).fill(PASSWORD)
    page.get_by_role("button", name=t("admin.login"), exact=True).click()
    staff.settle(expect=t("admin.logged_in_as", name=NAME))
    page.get_by_role("tab", name=t("drafting.tab")).click()
    staff.settle(expect=t("drafting.press"))
    page.get_by_role("button", name=t("drafting.start"), exact=True).click()
    staff.settle(expect="起草检查发现 3 项")
    assert "错误 1、警告 0、提示 2" in staff.main_text()

    dataset = load_dataset(staff_server.data_dir)
    report = build_report(dataset, 2016)
    version = data_version(staff_server.data_dir)
    for kind in ("docx", "html"):
        if kind == "html":
            page.get_by_text(t("drafting.kind_html"), exact=True).click()
            staff.settle()
        label = t("drafting.download", kind=t(f"drafting.short_{kind}"))
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).click()
        assert info.value.suggested_filename == report_name(report, kind, version)
        assert Path(info.value.path()).read_bytes() == write_report(report, kind)
    staff.assert_clean()
