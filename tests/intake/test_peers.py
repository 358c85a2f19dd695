"""A report read as a comparison body's year: the body and year the report states (the real published reports of
洪泽区人民政府 2023 and 平潭综合实验区 2021, and the project's own test report), a fuller name given for the same
body, a different body refused, a report stating neither body nor year refused with both reasons (and accepted once
both are given), the centre's own report refused, the kind from the name or chosen, the report's own identity
failures counted."""

from __future__ import annotations

import pytest

from gjj_dash.intake.batch import Incoming
from gjj_dash.intake.peers import MISSING_BODY, MISSING_YEAR, read_peer
from gjj_dash.model.catalogue import Catalogue
from tests.support import reports

PUBLISHED = reports.shared_published()


def published(name: str) -> Incoming:
    if PUBLISHED is None or not (PUBLISHED / name).is_file():
        pytest.skip(f"../shared/reference/published/{name} is not on this machine (real published reports)")
    return Incoming(name, (PUBLISHED / name).read_bytes())


@pytest.mark.parametrize(("name", "body", "year", "figures", "failures"), [
    ("2023_hongze.pdf", "洪泽区人民政府", 2023, 186, 2),  # table 四 prints two totals of 0 (kept as printed)
    ("2021_pingtan.html", "平潭综合实验区", 2021, 200, 0),
])
def test_body_and_year_are_read_from_a_real_report(catalogue: Catalogue, name: str, body: str, year: int,
                                                   figures: int, failures: int) -> None:
    """The published report names its body in its title and its year; both are taken, nothing asked."""
    found = read_peer(published(name), catalogue=catalogue)
    assert found.ok, found.refusals
    assert (found.body, found.stated, found.upload.year, found.kind.id, found.kind_by) == (
        body, body, year, "government", "words")
    tables = found.upload.frame[found.upload.frame["format"] != "measure"]
    assert len(tables) == figures and len(found.errors) == failures


def test_a_fuller_name_of_the_same_body_is_taken(catalogue: Catalogue) -> None:
    """--body 淮安市洪泽区人民政府 for a report naming itself 洪泽区人民政府: the fuller name, still read from it."""
    found = read_peer(published("2023_hongze.pdf"), body="淮安市洪泽区人民政府", catalogue=catalogue)
    assert found.ok and (found.body, found.stated) == ("淮安市洪泽区人民政府", "洪泽区人民政府")


def test_the_project_s_own_report_names_body_and_year(catalogue: Catalogue) -> None:
    """The test web page (平潭 2021 figures) renamed for a fund centre: a body of the centre's own kind."""
    page = reports.web_page().replace("平潭综合实验区".encode(), "某市住房公积金管理中心".encode())
    found = read_peer(Incoming("report.html", page), catalogue=catalogue)
    assert found.ok
    assert (found.body, found.upload.year, found.kind.id) == ("某市住房公积金管理中心", 2021, "fund_centre")


def test_a_report_stating_neither_is_refused_with_both_reasons(catalogue: Catalogue) -> None:
    """A table pasted into a spreadsheet, under a name without a year: no year and no body, each said in Chinese;
    what staff may give is named; given both, it is read."""
    item = Incoming("统计表.xlsx", reports.pasted_workbook())
    found = read_peer(item, catalogue=catalogue)
    assert not found.ok and found.missing == (MISSING_YEAR, MISSING_BODY)
    assert found.refusals == (
        "无法确定年度：请指定这份文件的年度（文件中没有写明年度，如标题“2024年度…”、统计期限或“(2024年度)”）",
        "报告没有写明发布机关（标题中的机关名称或“填报单位”），无法确定是哪个机关的报告")
    given = read_peer(item, body="平潭综合实验区", year=2021, catalogue=catalogue)
    assert given.ok and (given.body, given.stated, given.upload.year) == ("平潭综合实验区", "", 2021)


def test_the_same_name_typed_with_spaces_is_the_report_s(catalogue: Catalogue) -> None:
    """Staff typing the report's own name with a space get the name as the report prints it."""
    found = read_peer(Incoming("report.html", reports.web_page()), body="平潭 综合实验区", catalogue=catalogue)
    assert found.ok and found.body == "平潭综合实验区"


def test_a_body_other_than_the_report_s_is_refused(catalogue: Catalogue) -> None:
    """The report says 平潭综合实验区; staff typed another body: refused, both named."""
    found = read_peer(Incoming("report.html", reports.web_page()), body="洪泽区人民政府", catalogue=catalogue)
    assert found.refusals == (
        "报告写明的机关是“平潭综合实验区”，与指定的“洪泽区人民政府”不一致：请确认是哪个机关的报告",)


def test_the_centre_s_own_report_is_not_a_comparison_body(catalogue: Catalogue) -> None:
    """A report of 博州住房公积金管理中心 (or of the name staff set for the centre) is refused."""
    page = reports.web_page().replace("平潭综合实验区".encode(), "博州住房公积金管理中心".encode())
    found = read_peer(Incoming("report.html", page), catalogue=catalogue)
    assert found.refusals[-1].startswith("这份报告是本中心（博州住房公积金管理中心）自己的，不能作为对比机关加入")
    renamed = read_peer(Incoming("report.html", reports.web_page()), centre_name="平潭综合实验区", catalogue=catalogue)
    assert not renamed.ok


def test_the_kind_chosen_by_staff_wins(catalogue: Catalogue) -> None:
    """A kind chosen on adding is kept as chosen by staff; an unknown kind id falls back to the name's words."""
    item = Incoming("report.html", reports.web_page())
    assert (read_peer(item, kind="department", catalogue=catalogue).kind.id,
            read_peer(item, kind="department", catalogue=catalogue).kind_by) == ("department", "staff")
    assert read_peer(item, kind="nonsense", catalogue=catalogue).kind.id == "government"
