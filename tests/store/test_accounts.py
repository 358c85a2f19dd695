"""Local staff accounts: scrypt records, the accounts file, the growing delay, and `gjj-dash user add`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store import accounts as auth
from gjj_dash.store import sessions


def test_a_password_is_stored_only_as_a_salted_scrypt_hash() -> None:
    """The record verifies the password, refuses another, holds no plain text, and two records differ by salt."""
    first, second = auth.hash_password("正确的密码123"), auth.hash_password("正确的密码123")
    assert auth.verify_password("正确的密码123", first)
    assert not auth.verify_password("正确的密码124", first)
    assert first["salt"] != second["salt"] and first["hash"] != second["hash"]
    assert "正确的密码123" not in json.dumps(first, ensure_ascii=False)
    assert first["scrypt"] == {"n": 16384, "r": 8, "p": 1}


@pytest.mark.parametrize(
    "record", [{}, {"scrypt": {"n": 2}, "salt": "!!", "hash": "x"}, {"salt": "AA==", "hash": "AA=="}]
)
def test_a_broken_record_never_verifies(record: dict) -> None:
    """A missing or malformed record is a failed login, not an exception."""
    assert not auth.verify_password("anything", record)


def test_add_user_writes_an_owner_only_file_and_refuses_duplicates(tmp_path: Path) -> None:
    """The file is 0600 JSON with one scrypt record; adding the name again needs replace=True."""
    path = tmp_path / "store" / "accounts.json"
    auth.add_user(path, "张薇", "password-1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    users = auth.load_accounts(path)
    assert list(users) == ["张薇"] and auth.verify_password("password-1", users["张薇"])
    with pytest.raises(auth.AuthError, match="账户“张薇”已存在；要重设密码请加 --replace"):
        auth.add_user(path, "张薇", "password-2")
    auth.add_user(path, "张薇", "password-2", replace=True)
    assert auth.verify_password("password-2", auth.load_accounts(path)["张薇"])


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("张 薇", "password-1", "账户名“张 薇”无效"),
        ("../etc", "password-1", "无效"),
        ("mayi", "short", "密码太短：至少 8 个字符"),
    ],
)
def test_add_user_refuses_bad_names_and_short_passwords(tmp_path: Path, name: str, password: str, message: str) -> None:
    """A Chinese message and no file written."""
    path = tmp_path / "accounts.json"
    with pytest.raises(auth.AuthError, match=message):
        auth.add_user(path, name, password)
    assert not path.exists()


def test_accounts_are_never_written_into_the_checkout_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled data/ is refused as the accounts' home."""
    with pytest.raises(auth.AuthError, match="账户文件不能放在程序自带的 data/ 目录中"):
        auth.add_user(BUNDLED_DATA / "accounts.json", "zhangwei", "password-1")
    assert not (BUNDLED_DATA / "accounts.json").exists()


def test_accounts_path_is_in_the_data_dir_unless_the_variable_says_otherwise(tmp_path, monkeypatch) -> None:
    """DATA_DIR/accounts.json by default; $GJJ_DASH_ACCOUNTS wins."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    assert auth.accounts_path(tmp_path) == tmp_path / "accounts.json"
    monkeypatch.setenv(auth.ENV_ACCOUNTS, str(tmp_path / "elsewhere.json"))
    assert auth.accounts_path(tmp_path / "x") == tmp_path / "elsewhere.json"


def test_an_unreadable_accounts_file_is_a_chinese_error(tmp_path: Path) -> None:
    """Garbage in accounts.json: AuthError naming the file, not a traceback."""
    path = tmp_path / "accounts.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(auth.AuthError, match="账户文件 .* 无法读取"):
        auth.load_accounts(path)
    assert auth.load_accounts(tmp_path / "missing.json") == {}


def test_cli_user_add_asks_twice_and_stores_the_hash_in_the_data_dir(tmp_path: Path, monkeypatch, capsys) -> None:
    """`gjj-dash user add 张薇 --data-dir D` writes D/accounts.json; the password itself is nowhere in it."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    answers = iter(["password-1", "password-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "张薇", "--data-dir", str(tmp_path)]) == 0
    assert "已保存账户 张薇（加盐 scrypt 散列）" in capsys.readouterr().out
    saved = (tmp_path / "accounts.json").read_text(encoding="utf-8")
    assert "password-1" not in saved and auth.verify_password("password-1", json.loads(saved)["users"]["张薇"])


def test_cli_resetting_a_password_logs_that_account_out_everywhere(tmp_path: Path, monkeypatch) -> None:
    """`user add 张薇 --replace`: every session and pending grant of 张薇 ends; another account's session stays."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    answers = iter(["password-1", "password-1", "password-2", "password-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "张薇", "--data-dir", str(tmp_path)]) == 0
    store = sessions.Sessions(sessions.sessions_path(tmp_path))
    mine, theirs = store.redeem(store.grant("张薇"))[0], store.redeem(store.grant("李明"))[0]
    pending = store.grant("张薇")
    assert store.user(mine) == "张薇"
    assert main(["user", "add", "张薇", "--replace", "--data-dir", str(tmp_path)]) == 0
    assert store.user(mine) is None and store.redeem(pending) is None and store.user(theirs) == "李明"


def test_cli_user_add_refuses_two_different_passwords(tmp_path: Path, monkeypatch, capsys) -> None:
    """Mismatch: exit 1, a Chinese line, no file."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    answers = iter(["password-1", "password-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "zhangwei", "--data-dir", str(tmp_path)]) == 1
    assert "两次输入的密码不一致" in capsys.readouterr().err
    assert not (tmp_path / "accounts.json").exists()


def test_cli_user_add_without_a_data_dir_is_a_usage_error(monkeypatch, capsys) -> None:
    """With the bundled data/ as the data directory: exit 2 before any password is asked."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    monkeypatch.delenv("GJJ_DASH_DATA_DIR", raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("no password should be asked"))
    assert main(["user", "add", "zhangwei"]) == 2
    assert "账户文件不能放在程序自带的 data/ 目录中" in capsys.readouterr().err
