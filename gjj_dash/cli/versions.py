"""CLI: the versions of each year — `history` (当前/第N版 marked) and `rollback` (journaled; nothing deleted)."""

from __future__ import annotations

import argparse
import re
import sys

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, UsageError, data_dir, year_arg
from gjj_dash.cli.imports import by
from gjj_dash.i18n import t


def _version(text: str) -> int:
    match = re.fullmatch(r"\s*(?:v|第)?(\d{1,6})版?\s*", text, flags=re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"版本“{text}”无效，应为版本号，如 2 或 v2（0 表示基础数据）")
    return int(match.group(1))


def cmd_history(args: argparse.Namespace) -> int:
    from gjj_dash.store.dataset import year_dirs  # start-up time: the store loads pandas
    from gjj_dash.store.history import history_frame, version_name
    from gjj_dash.store.versions import Store

    store = Store(data_dir(args))
    years = sorted(set(year_dirs(store.root)) | set(store.years()))
    if args.year is not None:
        years = [args.year]
    for year in years:
        current, versions = store.current(year), store.versions(year)
        if not versions and store.base_dir(year) is None:
            print(t("admin.cli_no_year", "zh", year=year))
            continue
        print(t("admin.current_is", "zh", year=year, version=version_name(current)).replace("**", ""))
        frame = history_frame(versions, current, store.journal(year))
        if frame.empty:
            print("  " + t("admin.no_versions", "zh", year=year))
            continue
        print("\t".join(frame.columns))
        for row in frame.itertuples(index=False):
            print("\t".join(str(v) for v in row))
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    from gjj_dash.store.history import version_name  # start-up time: the store loads pandas
    from gjj_dash.store.versions import ReadOnlyStore, Store, StoreError

    store = Store(data_dir(args))
    try:
        previous = store.current(args.year)
        store.rollback(args.year, args.to, by(args), args.reason or "", expected_version=args.expect)
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_rolled_back", "zh", year=args.year, version=version_name(args.to),
            previous=version_name(previous)))
    return EXIT_OK


def _history_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, help="只列出这一年度")


def _rollback_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, required=True, help="年度")
    sub.add_argument("--to", type=_version, required=True, metavar="VERSION", help="回退到的版本号（0 为基础数据）")
    sub.add_argument(
        "--expect", type=_version, metavar="VERSION",
        help="您在 history 中看到的当前版本号：此后有人发布或回退则不回退（与数据管理页的确认相同）",
    )
    sub.add_argument("--by", metavar="NAME", help="记入审计日志的操作人")
    sub.add_argument("--reason", metavar="TEXT", help="回退理由（记入审计日志）")


COMMANDS = [
    Command("history", "列出各年度的版本历史", cmd_history, _history_arguments),
    Command("rollback", "把某年度回退到以前的版本（记入审计日志，不删除任何版本）", cmd_rollback, _rollback_arguments),
]
