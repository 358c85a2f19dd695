"""AppTest of 数据管理: login (local accounts and OIDC), upload → preview → diff → publish, history, rollback, audit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.cli import main
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store import accounts as auth
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.versions import Store
from tests.support.pages import NAME, PASSWORD, log_in, open_admin, texts, upload

PAGE = "views/admin.py"


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with one local account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def export_2016(tmp_path: Path, **rows: str) -> bytes:
    """The bundled 2016 export as GBK, with some rows' figures replaced (label → value)."""
    target = tmp_path / "bundled.csv"
    main(["export", "--year", "2016", "--data-dir", str(BUNDLED_DATA), "-o", str(target)])
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    for label, value in rows.items():
        lines = [f"{label},条,{value}" if line.startswith(f"{label},") else line for line in lines]
    return "\n".join(lines).encode("gbk")


def listing(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def test_without_an_account_the_page_says_who_creates_one_and_writes_nothing(app, data_copy, monkeypatch) -> None:
    """No accounts file: the page names the administrator's step (never a command or flag), no login form, no upload
    widget, no file written."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    before = listing(data_copy)
    at = open_admin(app, data_copy)
    assert "还没有配置任何员工账户" in texts(at)
    assert "由系统管理员在服务器上创建" in texts(at) and "The first staff account" in texts(at)
    assert not at.code and "gjj-dash" not in texts(at) and "--" not in texts(at)
    assert not at.text_input and not at.file_uploader
    assert listing(data_copy) == before


def test_the_bundled_data_dir_is_read_only_on_the_page(app) -> None:
    """Served on the checkout's data/, the page says so and offers nothing to write."""
    at = open_admin(app, BUNDLED_DATA)
    assert "程序自带的 data/，只读" in texts(at)
    assert not at.file_uploader and not at.text_input


def test_a_wrong_password_is_refused_and_shows_no_upload(app, staff) -> None:
    """Wrong password: a Chinese error, still the login form, no upload widget."""
    at = log_in(open_admin(app, staff), password="wrong-password")
    assert "账户名或密码错误" in texts(at)
    assert not at.file_uploader and at.text_input(key="admin_login_name")


def test_repeated_failures_make_the_next_attempt_wait(app, staff) -> None:
    """After three wrong passwords even the right one is refused until the delay has passed."""
    at = open_admin(app, staff)
    for _ in range(3):
        log_in(at, password="wrong-password")
    log_in(at)
    assert re.search(r"尝试次数过多：请于 \d\d:\d\d:\d\d 之后再试（1 秒后；本次未检查密码）", texts(at))
    assert not at.file_uploader
    assert (staff / "logins.sqlite3").is_file()  # counted in the data folder, not in a Streamlit cache


def test_a_broken_throttle_setting_or_file_refuses_even_the_right_password(app, staff, monkeypatch) -> None:
    """A typo in GJJ_DASH_TRUSTED_PROXIES, or a throttle file that cannot be opened: a Chinese error, no login."""
    monkeypatch.setenv("GJJ_DASH_TRUSTED_PROXIES", "127.0.0.1 nginx")
    at = log_in(open_admin(app, staff))
    assert "GJJ_DASH_TRUSTED_PROXIES 中的“nginx”不是 IP 地址或网段" in texts(at) and not at.file_uploader
    monkeypatch.delenv("GJJ_DASH_TRUSTED_PROXIES")
    (staff / "logins.sqlite3").mkdir()
    at = log_in(open_admin(app, staff))
    assert "无法读写" in texts(at) and not at.file_uploader


def test_upload_preview_diff_confirm_publishes_and_every_page_shows_it(app, staff, tmp_path) -> None:
    """GBK file of 2017 → preview with its warning → diff 204→250 (new year: added) → publish → overview shows 250."""
    at = log_in(open_admin(app, staff))
    assert "已登录：张薇" in texts(at)
    upload(at, export_2016(tmp_path, **{"(一)主动公开政府信息数": "250", "2.政府网站公开政府信息数": "153"}), year=2017)
    shown = texts(at)
    assert "类型：统计表" in shown and "编码：GB18030/GBK" in shown and "读取 58 个数值" in shown
    assert "不大于各渠道之和" not in shown and not [t for t in at.text_input if t.key == "admin_reason"]
    diff = at.dataframe[-1].value
    row = diff[diff["指标"] == "(一)主动公开政府信息数"].iloc[0]
    assert (row["原值"], row["新值"], row["变化"]) == ("", "250", "新增")
    assert Store(staff).years() == []  # nothing is published before the confirmation
    at.button(key="admin_publish").click().run()
    assert not at.exception, at.exception
    assert "已发布 2017 年度第 1 版" in texts(at)
    at.run()
    assert "此文件已发布" in texts(at) and not [b for b in at.button if b.key == "admin_publish"]
    assert load_dataset(staff).cell(2017, "old.s1.disclosed").value == 250
    at.session_state["year"] = 2017
    at.switch_page("views/overview.py").run()
    assert {m.label: m.value for m in at.metric}["主动公开政府信息数"] == "250 条"
    fresh = app(staff, query={"year": "2017"}).run()  # a new visitor, same server process and caches
    assert fresh.selectbox(key="year").options == ["2017", "2016"]
    assert {m.label: m.value for m in fresh.metric}["主动公开政府信息数"] == "250 条"


def test_a_year_failing_a_quality_check_needs_a_reason_to_publish(app, staff, tmp_path) -> None:
    """The 2016 table as printed: the failed check is shown; without a reason publishing is refused, with one done."""
    at = log_in(open_admin(app, staff))
    upload(at, export_2016(tmp_path, **{"(一)主动公开政府信息数": "205"}), year=2016)
    assert "205 条，大于各渠道之和：205 > 94 + 91 + 6 = 191 条" in texts(at)
    at.button(key="admin_publish").click().run()
    assert "数据质量检查发现 1 个错误：如仍要发布，必须填写理由" in texts(at)
    assert Store(staff).current(2016) == 0
    at.text_input(key="admin_reason").input("统计表原文如此")
    at.button(key="admin_publish").click().run()
    assert "已发布 2016 年度第 1 版" in texts(at)
    assert Store(staff).journal()[-1]["reason"] == "统计表原文如此"


def test_a_file_with_errors_shows_row_and_column_and_cannot_be_published(app, staff, tmp_path) -> None:
    """“abc” as a figure: the problem table names row 3, column 统计数; no publish button; nothing published."""
    at = log_in(open_admin(app, staff))
    upload(at, export_2016(tmp_path, **{"(一)主动公开政府信息数": "abc"}), year=2016)
    problems = at.dataframe[0].value
    bad = problems[problems["级别"] == "错误"].iloc[0]
    assert (bad["行"], bad["列"]) == ("3", "统计数") and "abc" in bad["说明"]
    assert "不能发布" in texts(at)
    assert not [b for b in at.button if b.key == "admin_publish"]
    assert Store(staff).current(2016) == 0
    at.run()  # a rerun shows the same preview without logging the attempt twice
    [entry] = Store(staff).journal()
    assert (entry["action"], entry["user"], entry["filename"]) == ("reject", NAME, "2017年统计表.csv")
    assert entry["problems"][0].startswith("第3行“统计数”列：")


def test_publishing_after_someone_else_published_is_refused_with_a_message(app, staff, tmp_path) -> None:
    """Preview built on version 0; a colleague publishes; confirming says so in Chinese and changes nothing."""
    at = log_in(open_admin(app, staff))
    upload(at, export_2016(tmp_path, **{"(一)主动公开政府信息数": "205"}), year=2016)
    assert Store(staff).current(2016) == 0
    assert main(["import", "--data-dir", str(staff), "--by", "马莹", "--year", "2016", "--reason", "原文",
                 str(_write(tmp_path, export_2016(tmp_path, **{"(一)主动公开政府信息数": "206"})))]) == 0
    at.button(key="admin_publish").click().run()
    assert "您预览时 2016 年度的当前版本是第0版，现在已是第1版" in texts(at)
    assert load_dataset(staff).cell(2016, "old.s1.disclosed").value == 206
    assert [e["action"] for e in Store(staff).journal()] == ["publish", "conflict"]


def _write(tmp_path: Path, payload: bytes) -> Path:
    path = tmp_path / "colleague.csv"
    path.write_bytes(payload)
    return path


def test_history_download_and_rollback_with_confirmation(app, staff, tmp_path) -> None:
    """Two versions listed with who and hash; the original downloads byte for byte; rollback needs the checkbox."""
    first = export_2016(tmp_path, **{"(一)主动公开政府信息数": "205"})
    second = export_2016(tmp_path, **{"(一)主动公开政府信息数": "206"})
    for n, payload in enumerate((first, second)):
        path = tmp_path / f"v{n}.csv"
        path.write_bytes(payload)
        args = ["import", str(path), "--year", "2016", "--by", "马莹", "--reason", "原文", "--data-dir", str(staff)]
        assert main(args) == 0
    at = log_in(open_admin(app, staff))
    at.selectbox(key="admin_hist_year").select(2016).run()
    history = next(d.value for d in at.dataframe if "版本" in d.value.columns)
    assert list(history["版本"]) == ["第2版", "第1版"] and list(history["状态"]) == ["当前发布", "曾发布"]
    assert list(history["发布人"]) == ["马莹", "马莹"]
    assert "2016 年度当前发布：**第2版**" in texts(at)
    at.selectbox(key="admin_dl_version").select(1).run()
    assert Store(staff).original(Store(staff).versions(2016)[1].sha256) == first
    assert at.button(key="admin_rb_go").disabled  # nothing happens before the confirmation is ticked
    at.selectbox(key="admin_rb_to").select(1)
    at.text_input(key="admin_rb_reason").input("206 填错")
    at.checkbox(key="admin_rb_confirm").check().run()
    at.button(key="admin_rb_go").click().run()
    assert not at.exception, at.exception
    assert "已把 2016 年度回退到第1版" in texts(at)
    assert load_dataset(staff).cell(2016, "old.s1.disclosed").value == 205
    audit = Store(staff).journal()[-1]
    assert (audit["action"], audit["user"], audit["reason"]) == ("rollback", NAME, "206 填错")



def test_rollback_is_refused_when_someone_published_after_the_page_showed_the_history(app, staff, tmp_path) -> None:
    """The page offers rollback from version 2; another staff member publishes version 3 before the click: nothing is
    rolled back and the page says why in Chinese."""
    for n, figure in enumerate(("205", "206", "207")):
        path = tmp_path / f"v{n}.csv"
        path.write_bytes(export_2016(tmp_path, **{"(一)主动公开政府信息数": figure}))
        if n == 2:
            at = log_in(open_admin(app, staff))
            at.selectbox(key="admin_hist_year").select(2016).run()
            at.selectbox(key="admin_rb_to").select(1)
            at.checkbox(key="admin_rb_confirm").check().run()
        args = ["import", str(path), "--year", "2016", "--by", "马莹", "--reason", "原文", "--data-dir", str(staff)]
        assert main(args) == 0
    at.button(key="admin_rb_go").click().run()
    assert not at.exception, at.exception
    assert "未回退：您查看时 2016 年度的当前版本是第2版，现在已是第3版" in texts(at)
    assert Store(staff).current(2016) == 3 and load_dataset(staff).cell(2016, "old.s1.disclosed").value == 207

def test_the_audit_tab_lists_publishes_and_refused_attempts(app, staff, tmp_path) -> None:
    """A refused import and a publish appear newest first, with the problem text of the refused one."""
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_bytes(export_2016(tmp_path, **{"(一)主动公开政府信息数": "abc"}))
    good.write_bytes(export_2016(tmp_path, **{"(一)主动公开政府信息数": "205"}))
    assert main(["import", str(bad), "--year", "2016", "--data-dir", str(staff)]) == 1
    args = ["import", str(good), "--year", "2016", "--by", "马莹", "--reason", "原文", "--data-dir", str(staff)]
    assert main(args) == 0
    at = log_in(open_admin(app, staff))
    audit = next(d.value for d in at.dataframe if "操作" in d.value.columns)
    assert list(audit["操作"]) == ["发布", "拒绝"]
    assert "“统计数”列" in audit["理由或问题"].iloc[1]


def test_templates_download_from_the_page(app, staff) -> None:
    """Both templates are offered as CSV and XLSX."""
    at = log_in(open_admin(app, staff))
    keys = {b.key for b in at.get("download_button")}
    assert {"admin_template_old_csv", "admin_template_old_xlsx", "admin_template_measures_csv"} <= keys


def _oidc(app, staff: Path) -> AppTest:
    at = app(staff)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                          "client_id": "gjj", "client_secret": "s", "server_metadata_url": "http://idp/.well-known"}
    at.user = {"is_logged_in": False}
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_oidc_without_authlib_says_what_to_install(app, staff, monkeypatch) -> None:
    """An [auth] block but no Authlib: a Chinese message naming the package; no login, no upload."""
    monkeypatch.setattr("gjj_dash.ui.auth.authlib_installed", lambda: False)
    at = _oidc(app, staff)
    assert "服务器未安装 Authlib" in texts(at)
    assert not at.file_uploader and not [b for b in at.button if b.key == "admin_oidc_login"]


def test_oidc_login_when_secrets_configure_it(app, staff, monkeypatch) -> None:
    """With an [auth] block: logged out shows the login button; an OIDC user reaches the upload form."""
    monkeypatch.setattr("gjj_dash.ui.auth.authlib_installed", lambda: True)
    at = _oidc(app, staff)
    assert at.button(key="admin_oidc_login") and not at.file_uploader and not at.text_input
    at.user = {"is_logged_in": True, "email": "zhangwei@gjj.example", "name": "张薇"}
    at.run()
    assert not at.exception, at.exception
    assert at.file_uploader(key="admin_file") and "已登录：zhangwei@gjj.example" in texts(at)


def test_the_public_deployment_has_no_staff_page_and_its_store_refuses_writes(app, staff) -> None:
    """Public mode: admin is not registered, and the store a public process opens refuses to publish."""
    at = app(staff, public=True).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not registered in public mode
        at.switch_page(PAGE).run()
    assert Store(staff).public  # $GJJ_DASH_MODE=public is set by the fixture, as `gjj-dash serve --public` does
    assert main(["rollback", "--year", "2016", "--to", "0", "--data-dir", str(staff)]) == 2


def test_the_page_run_directly_in_public_mode_writes_nothing(staff, monkeypatch) -> None:
    """Defence in depth: run directly in public mode, the staff page shows a notice only and writes nothing."""
    monkeypatch.setenv("GJJ_DASH_DATA_DIR", str(staff))
    monkeypatch.setenv("GJJ_DASH_MODE", "public")
    before = listing(staff)
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent.parent / PAGE), default_timeout=60).run()
    assert not at.exception, at.exception
    assert "公众部署为只读：不能上传或修改数据。" in texts(at)
    assert not at.text_input and not at.file_uploader and not at.button
    assert listing(staff) == before
