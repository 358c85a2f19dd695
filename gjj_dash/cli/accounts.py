"""CLI: local staff accounts for 数据管理 — `user add NAME` (scrypt hash, password asked twice, never echoed)."""

from __future__ import annotations

import argparse
import getpass
import sys

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, UsageError, data_dir
from gjj_dash.i18n import t
from gjj_dash.store import accounts as auth
from gjj_dash.store import sessions


def cmd_user(args: argparse.Namespace) -> int:
    path = auth.accounts_path(data_dir(args))
    try:
        name = auth.check_name(args.name)
        if auth.in_checkout_data(path):
            raise UsageError(t("admin.accounts_in_checkout", "zh", path=path))
        first = getpass.getpass(t("admin.cli_password", "zh", name=name))
        again = getpass.getpass(t("admin.cli_password_again", "zh"))
        if first != again:
            print(t("admin.cli_password_mismatch", "zh"), file=sys.stderr)
            return EXIT_PROBLEMS
        auth.add_user(path, name, first, replace=args.replace)
        if args.replace:  # whoever logged in with the old password is logged out
            sessions.Sessions(sessions.sessions_path(data_dir(args))).revoke_name(name)
    except auth.AuthError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except EOFError:
        print(t("admin.cli_no_password", "zh"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_user_added", "zh", name=name, path=path))
    return EXIT_OK


def _user_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("action", choices=["add"], help="add：新建账户（--replace 重设已有账户的密码）")
    sub.add_argument("name", metavar="NAME", help="账户名")
    sub.add_argument("--replace", action="store_true", help="账户已存在时重设其密码")


COMMANDS = [Command("user", "管理数据管理页的本地账户", cmd_user, _user_arguments)]
