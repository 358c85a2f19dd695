"""I/O: the store's `gjj-dash` subcommands — import, history, rollback, user add — over the staff page's code."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from gjj_dash.cli import EXIT_OK, EXIT_PROBLEMS, UsageError, _year
from gjj_dash.i18n import t
from gjj_dash.paths import resolve_data_dir


def _by(args: argparse.Namespace) -> str:
    if args.by:
        return args.by.strip()[:64]
    try:
        return f"{getpass.getuser()}（命令行）"
    except (OSError, KeyError):
        return "命令行"


def _store(args: argparse.Namespace):  # noqa: ANN202 — the store module (pandas) is imported only when needed
    from gjj_dash.store import Store

    return Store(resolve_data_dir(args.data_dir))


def _version(text: str) -> int:
    match = re.fullmatch(r"\s*(?:v|第)?(\d{1,6})版?\s*", text, flags=re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"版本“{text}”无效，应为版本号，如 2 或 v2（0 表示基础数据）")
    return int(match.group(1))


def cmd_import(args: argparse.Namespace) -> int:
    from gjj_dash.catalogue import load_catalogue
    from gjj_dash.decode import limits
    from gjj_dash.staging import section_messages, stage
    from gjj_dash.store import ReadOnlyStore, StoreError

    try:
        with Path(args.file).open("rb") as handle:
            payload = handle.read(limits().max_bytes + 1)  # one byte over the cap is enough to refuse it
    except OSError as exc:
        error = exc.strerror or type(exc).__name__
        raise UsageError(t("admin.cli_unreadable", "zh", path=args.file, error=error)) from None
    store = _store(args)
    staged = stage(store, payload, Path(args.file).name, args.year)
    prefix = {"error": "", "warning": t("admin.cli_warning", "zh"), "note": t("imports.cli_note", "zh")}
    for found in staged.upload.problems:
        print(prefix.get(found.severity, "") + found.line())
    for severity, text in section_messages(staged, load_catalogue()):  # tables kept, and still missing for the year
        print(prefix[severity] + text)
    for finding in staged.errors:
        print(t("admin.cli_quality", "zh") + finding.message)
    try:
        version = store.publish(staged.upload, payload, staged.filename, _by(args), force_reason=args.reason or "")
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(t("admin.cli_not_published", "zh", error=exc), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_published", "zh", year=version.year, n=version.number, rows=version.uploaded_rows,
            changed=len(staged.changes), sha=version.sha256[:12]))
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from gjj_dash.dataset import year_dirs
    from gjj_dash.history import history_frame, version_name

    store = _store(args)
    years = sorted(set(year_dirs(store.root)) | set(store.years()))
    if args.year is not None:
        years = [args.year]
    for year in years:
        current, versions = store.current(year), store.versions(year)
        if not versions and store.base_dir(year) is None:
            print(t("admin.cli_no_year", "zh", year=year))
            continue
        print(t("admin.current_is", "zh", year=year, version=version_name(current)).replace("**", ""))
        frame = history_frame(versions, current, store.audit(year))
        if frame.empty:
            print("  " + t("admin.no_versions", "zh", year=year))
            continue
        print("\t".join(frame.columns))
        for row in frame.itertuples(index=False):
            print("\t".join(str(v) for v in row))
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    from gjj_dash.history import version_name
    from gjj_dash.store import ReadOnlyStore, StoreError

    store = _store(args)
    try:
        previous = store.current(args.year)
        store.rollback(args.year, args.to, _by(args), args.reason or "", expected_version=args.expect)
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_rolled_back", "zh", year=args.year, version=version_name(args.to),
            previous=version_name(previous)))
    return EXIT_OK


def cmd_user(args: argparse.Namespace) -> int:
    from gjj_dash import auth

    path = auth.accounts_path(resolve_data_dir(args.data_dir))
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
    except auth.AuthError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except EOFError:
        print(t("admin.cli_no_password", "zh"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_user_added", "zh", name=name, path=path))
    return EXIT_OK


COMMANDS = [
    ("import", "检查并发布一个数据文件（有任何问题则不发布）", cmd_import),
    ("history", "列出各年度的版本历史", cmd_history),
    ("rollback", "把某年度回退到以前的版本（记入审计日志，不删除任何版本）", cmd_rollback),
    ("user", "管理数据管理页的本地账户", cmd_user),
]


def add_arguments(made: dict[str, argparse.ArgumentParser]) -> None:
    """The arguments of the store's subcommands."""
    made["import"].add_argument("file", metavar="FILE", help="CSV、TXT、XLSX 文件，或各节 CSV 打包的 ZIP")
    made["import"].add_argument("--year", type=_year, help="年度（默认取文件中的“(YYYY年度)”）")
    made["import"].add_argument("--by", metavar="NAME", help="记入审计日志的发布人（默认为当前系统用户）")
    made["import"].add_argument("--reason", metavar="TEXT", help="数据质量检查有错误时仍要发布的理由（记入审计日志）")
    made["history"].add_argument("--year", type=_year, help="只列出这一年度")
    made["rollback"].add_argument("--year", type=_year, required=True, help="年度")
    made["rollback"].add_argument(
        "--to", type=_version, required=True, metavar="VERSION", help="回退到的版本号（0 为基础数据）"
    )
    made["rollback"].add_argument(
        "--expect", type=_version, metavar="VERSION",
        help="您在 history 中看到的当前版本号：此后有人发布或回退则不回退（与数据管理页的确认相同）",
    )
    made["rollback"].add_argument("--by", metavar="NAME", help="记入审计日志的操作人")
    made["rollback"].add_argument("--reason", metavar="TEXT", help="回退理由（记入审计日志）")
    made["user"].add_argument("action", choices=["add"], help="add：新建账户（--replace 重设已有账户的密码）")
    made["user"].add_argument("name", metavar="NAME", help="账户名")
    made["user"].add_argument("--replace", action="store_true", help="账户已存在时重设其密码")
