"""AppTest of the comparison bodies: every public page reads exactly as before (element by element, byte for byte)
after a body is added, in the public deployment and in the staff one for a reader not logged in, until staff switch
the public comparison on; staff add a report on 数据管理 → 对比机关 (body, year, kind and figures shown, confirmed)
and see it beside the centre on the overview; a report stating neither body nor year asks for both in the page's own
words; removing and switching are journaled; a body's name from staff is shown as text, never as Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.cli import main
from gjj_dash.paths import ENV_MODE
from gjj_dash.store import accounts as auth
from gjj_dash.store.peers import PeerStore
from tests.support import reports
from tests.support.pages import NAME, PASSWORD, elements, log_in, open_admin, open_page, texts
from tests.support.pages import shown as unescaped
from tests.support.years import data_dir

PUBLIC = ["views/overview.py", "views/disclosure.py", "views/halls.py", "views/portal.py", "views/requests.py",
          "views/tables.py", "views/dictionary.py", "views/quality.py"]
OVERVIEW = "views/overview.py"
TITLE = "与其他机关对比（2021年）"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The formats set (2016, 2019, 2021 as the centre's years) and one staff account."""
    folder = data_dir(tmp_path, "formats")
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(folder / "accounts.json", NAME, PASSWORD)
    return folder


def staff_command(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    """A `gjj-dash` command run as staff run it (the page under test may have been the public deployment's)."""
    monkeypatch.setenv(ENV_MODE, "staff")
    assert main(list(args)) == 0


def add_body(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test report (平潭综合实验区 2021) added as a comparison body with the command line."""
    page = tmp_path / "平潭2021.html"
    page.write_bytes(reports.web_page())
    staff_command(monkeypatch, "peers", "add", str(page), "--data-dir", str(data))


def read(app, script: str, data: Path, public: bool) -> list[bytes]:
    return elements(open_page(app, script, data, public=public, year="2021"))


def test_every_public_page_is_byte_identical_after_a_body_is_added(app, data: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Public deployment: all eight pages element for element the same before and after; once staff switch the
    comparison on, the overview (only) gains it — so the comparison of bytes can tell."""
    before = {script: read(app, script, data, True) for script in PUBLIC}
    add_body(data, tmp_path, monkeypatch)
    after = {script: read(app, script, data, True) for script in PUBLIC}
    assert after == before
    staff_command(monkeypatch, "peers", "settings", "--public", "on", "--data-dir", str(data))
    shown = open_page(app, OVERVIEW, data, public=True, year="2021")
    assert elements(shown) != before[OVERVIEW] and TITLE in texts(shown) and "平潭综合实验区" in texts(shown)
    assert read(app, "views/halls.py", data, True) == before["views/halls.py"]


def test_a_reader_not_logged_in_on_the_staff_deployment_sees_nothing_new(app, data: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff deployment, nobody logged in: the overview reads exactly as before the body was added."""
    before = read(app, OVERVIEW, data, False)
    add_body(data, tmp_path, monkeypatch)
    assert read(app, OVERVIEW, data, False) == before


def compared(at: AppTest) -> list:
    """The overview's comparison tables (every indicator side by side, then the chosen one), the ones naming 机关."""
    return [frame.value for frame in at.dataframe if "机关" in frame.value.columns]


def peers_tab_upload(at: AppTest, name: str, payload: bytes) -> AppTest:
    at.file_uploader(key="peers_file").upload(name, payload, "text/html")
    at.run()
    assert not at.exception, at.exception
    return at


def test_staff_add_a_report_and_see_it_beside_the_centre(app, data: Path) -> None:
    """Log in, drop the report on 对比机关: body, year, kind and the 200 figures shown; nothing added until
    confirmed; added and journaled, then said to be in the comparison; the overview of the same session shows the
    body beside the centre."""
    at = log_in(open_admin(app, data))
    peers_tab_upload(at, "平潭2021.html", reports.web_page())
    shown = texts(at)
    assert ("机关：平潭综合实验区（报告写明） · 年度：2021 · 类型：另一类机关：人民政府（全辖区）（据机关名称判断）"
            in shown.replace("\\", ""))
    assert at.button(key="peers_go_0").disabled and PeerStore(data).listed() == []
    at.checkbox(key="peers_confirm_0").check().run()
    at.button(key="peers_go_0").click().run()
    assert not at.exception, at.exception
    assert "已加入对比：平潭综合实验区 2021 年度（第1版），已记入审计日志。" in [s.value for s in at.success]
    [listed] = PeerStore(data).listed()
    assert (listed.body, listed.year, listed.user) == ("平潭综合实验区", 2021, NAME)
    assert "这份报告已在对比中（第1版），没有需要加入的。" in [i.value for i in at.info]  # the file is still dropped
    assert [c for c in at.checkbox if c.key == "peers_confirm_0"] == []
    at.switch_page(OVERVIEW).run()
    assert not at.exception, at.exception
    page = texts(at)
    assert TITLE in page
    side, one = compared(at)
    assert list(side["机关"]) == ["博州住房公积金管理中心", "平潭综合实验区"]
    assert list(side["实质公开率"]) == ["50.7%", "50.7%"]
    assert list(side["复议纠错率"]) == ["3 件中 0 件（样本偏少）"] * 2
    assert list(one["机关"]) == ["博州住房公积金管理中心", "平潭综合实验区"]
    assert list(one["数值或件数"]) == ["50.7%", "50.7%"] and list(one["N"]) == ["69", "69"]
    assert list(one["类型"]) == ["本中心（住房公积金管理中心）", "另一类机关：人民政府（全辖区）"]
    at.selectbox(key="lead_cmp_indicator").set_value("review_correction_rate").run()
    small = compared(at)[1]
    assert list(small["排序"]) == ["样本偏少，不按比率排名"] * 2 and list(small["数值或件数"]) == ["3 件中 0 件"] * 2


def test_a_report_stating_neither_asks_for_both_on_the_page(app, data: Path) -> None:
    """A spreadsheet paste: both reasons, and where on the page to give them (never a command-line flag); with body
    and year typed in, it can be added — the typed name shown as text, not Markdown."""
    at = log_in(open_admin(app, data))
    at.file_uploader(key="peers_file").upload("统计表.xlsx", reports.pasted_workbook(), "application/octet-stream")
    at.run()
    shown = texts(at)
    assert "请在上面的“机关名称”中填写这份报告是哪个机关的。" in shown
    assert "请在上面的“报告年度”中填写这份报告的年度。" in shown
    assert "--body" not in shown and "--year" not in shown
    assert [c for c in at.checkbox if c.key == "peers_confirm_0"] == []  # nothing to confirm yet
    at.text_input(key="peers_body").input("**某**市[链接](http://x)局").run()
    at.number_input(key="peers_year").set_value(2021).run()
    assert not at.exception, at.exception
    summary = next(m.value for m in at.markdown if "年度：2021" in m.value)
    assert "**某**市[链接](http://x)局" in unescaped(summary) and "[链接](" not in summary and "**某**" not in summary
    at.checkbox(key="peers_confirm_0").check().run()
    at.button(key="peers_go_0").click().run()
    assert [v.body for v in PeerStore(data).listed()] == ["**某**市[链接](http://x)局"]
    flash = [m.value for m in at.success]
    assert [unescaped(f) for f in flash] == [
        "已加入对比：**某**市[链接](http://x)局 2021 年度（第1版），已记入审计日志。"]
    assert "[链接](" not in flash[0] and "://x" not in flash[0]
    journal = [json.loads(line)["action"] for line in (data / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert journal[0] == "peer_reject" and journal[-1] == "peer_add"


def test_removing_and_switching_on_the_page_are_journaled(app, data: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The listed report's original can be downloaded; remove needs a confirmation and unlists the body (files
    kept); the public switch writes one journal line."""
    add_body(data, tmp_path, monkeypatch)
    at = log_in(open_admin(app, data))
    downloads = [e.proto for e in at.get("download_button") if e.proto.id.endswith("-peers_download")]
    assert [d.label for d in downloads] == ["下载原始文件（与上传时逐字节相同）"]
    assert at.button(key="peers_remove_go").disabled
    at.text_input(key="peers_remove_reason").input("不再对比").run()
    at.checkbox(key="peers_remove_confirm").check().run()
    at.button(key="peers_remove_go").click().run()
    assert not at.exception, at.exception
    assert PeerStore(data).listed() == [] and any((data / "peers" / "uploads").iterdir())
    at.toggle(key="peers_public").set_value(True).run()
    assert not at.exception, at.exception
    entries = [json.loads(line) for line in (data / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["action"], e.get("reason", e.get("value"))) for e in entries[-2:]] == [
        ("peer_remove", "不再对比"), ("peer_setting", True)]
    assert PeerStore(data).settings().public
