"""CLI: `gjj-dash peers` — the comparison bodies: `add` (other bodies' published reports, each read for the body and
year it states), `list`, `remove` (journaled; every file stays) and `settings` (whether the public sees the
comparison; the name the centre's rows carry). The centre's own years are never touched."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, Parser, UsageError, data_dir, year_arg
from gjj_dash.cli.imports import by, read_files
from gjj_dash.i18n import t
from gjj_dash.model.bodies import load_body_kinds

if TYPE_CHECKING:  # the store and the readers load pandas: imported only when a command runs
    from gjj_dash.intake.peers import Candidate
    from gjj_dash.store.peer_layout import PeerVersion
    from gjj_dash.store.peers import PeerStore

SWITCH = {"on": True, "off": False}
T = TypeVar("T")


def _store(args: argparse.Namespace) -> PeerStore:
    from gjj_dash.store.peers import PeerStore  # start-up time: the store loads pandas

    return PeerStore(data_dir(args))


def _writing(action: Callable[[], T]) -> tuple[T | None, int]:
    """Run a store write; a read-only store is a usage error (exit 2), any other refusal exit 1 in Chinese."""
    from gjj_dash.store.versions import ReadOnlyStore, StoreError  # start-up time: the store loads pandas

    try:
        return action(), EXIT_OK
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return None, EXIT_PROBLEMS


def _refused(candidate: Candidate, lead: str) -> None:
    """Every reason a file is not added, on stderr, with how to give what it lacks on the command line."""
    from gjj_dash.intake.peers import MISSING_BODY, MISSING_YEAR  # start-up time: the readers load pandas

    print(lead + t("peers.cli_refused", "zh", name=candidate.item.shown), file=sys.stderr)
    for reason in candidate.refusals:
        print(f"  {reason}", file=sys.stderr)
    hints = {MISSING_BODY: "peers.cli_body_hint", MISSING_YEAR: "peers.cli_year_hint"}
    for missing in candidate.missing:
        print("  " + t(hints[missing], "zh"), file=sys.stderr)


def _added(candidate: Candidate, version: PeerVersion, added: bool) -> str:
    """The line saying what was added (or that the file was already listed)."""
    how = t(f"peers.kind_by_{version.kind_by}", "zh")
    if not added:
        return t("peers.cli_unchanged", "zh", body=version.body, year=version.year, n=version.number)
    return t("peers.cli_added", "zh", body=version.body, year=version.year, kind=candidate.kind.label, how=how,
             n=version.number, rows=version.rows, sha=version.sha256[:12])


def cmd_add(args: argparse.Namespace) -> int:
    """Read each file as a comparison body's year and list it; exit 1 when any file is refused."""
    from gjj_dash.intake.peers import add_peer, log_refusal, read_peers  # start-up time: the readers load pandas

    store = _store(args)
    items = read_files(args.file, "upload.cli.no_file", "admin.cli_unreadable")
    _writing(store.check_writable)  # before reading: a read-only store is refused at once
    candidates = read_peers(items, args.body or "", args.year, args.kind or "", store.settings().centre_name)
    worst = EXIT_OK
    for candidate in candidates:
        lead = f"{candidate.item.shown}：" if len(candidates) > 1 else ""
        if not candidate.ok:
            _writing(lambda c=candidate: log_refusal(store, c, by(args)))
            _refused(candidate, lead)
            worst = EXIT_PROBLEMS
            continue
        for finding in candidate.errors:  # kept as printed; said, never corrected
            print(lead + t("peers.cli_finding", "zh", message=finding.message))
        result, code = _writing(lambda c=candidate: add_peer(store, c, by(args)))
        if result is None:
            worst = max(worst, code)
            continue
        print(lead + _added(candidate, *result))
    return worst


def cmd_list(args: argparse.Namespace) -> int:
    """The bodies listed, one line per year, and whether the public sees the comparison."""
    store, kinds = _store(args), load_body_kinds()
    listed = store.listed()
    settings = store.settings()
    if not listed:
        print(t("peers.cli_none", "zh"))
    else:
        print("\t".join(t(f"peers.cli_h_{k}", "zh") for k in ("body", "kind", "year", "version", "file", "time",
                                                                "user")))
    for v in listed:
        kind = kinds[v.kind].label if v.kind in kinds else v.kind
        print("\t".join([v.body, kind, str(v.year), t("admin.version_n", "zh", n=v.number), v.filename, v.time,
                         v.user]))
    print(t("peers.cli_public_on" if settings.public else "peers.cli_public_off", "zh"))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    """Unlist a body (one year or all), journaled; exit 1 when it is not listed."""
    store = _store(args)
    removed, code = _writing(lambda: store.remove(args.body, args.year, by(args), args.reason or ""))
    for version in removed or []:
        print(t("peers.cli_removed", "zh", body=version.body, year=version.year, n=version.number))
    return code


def cmd_settings(args: argparse.Namespace) -> int:
    """Show the settings, changing those given first (each change journaled)."""
    store = _store(args)
    settings = store.settings()
    if args.public is not None or args.centre_name is not None:
        settings, code = _writing(lambda: store.set_settings(by(args), public=SWITCH.get(args.public),
                                                             centre_name=args.centre_name))
        if settings is None:
            return code
    print(t("peers.cli_public_on" if settings.public else "peers.cli_public_off", "zh"))
    print(t("peers.cli_centre_name", "zh", name=settings.centre_name or t("peers.cli_centre_default", "zh")))
    return EXIT_OK


def kind_arg(text: str) -> str:
    """A kind of body as body_kinds.csv names it (argparse type): its id (fund_centre …) or its Chinese label."""
    kinds = load_body_kinds()
    found = next((k.id for k in kinds.values() if text.strip() in (k.id, k.label)), None)
    if found is None:
        names = "、".join(f"{k.id}（{k.label}）" for k in kinds.values())
        raise argparse.ArgumentTypeError(f"机关类型“{text}”无效，可选：{names}")
    return found


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                     help="数据目录（默认：$GJJ_DASH_DATA_DIR，否则为内置 data/）")


def _arguments(parser: argparse.ArgumentParser) -> None:
    subs = parser.add_subparsers(dest="peers_command", metavar="操作", parser_class=Parser, required=True)
    add = subs.add_parser("add", help="加入对比机关的年度报告（网页、Word、PDF、复制的文字……，可以多个）")
    add.add_argument("file", metavar="FILE", nargs="+", help="其他机关发布的年度报告（可打包成 ZIP）")
    add.add_argument("--body", metavar="NAME", help="机关名称（报告写明时可省略；与报告不符时报错）")
    add.add_argument("--year", type=year_arg, help="年度（报告写明时可省略；与报告不符时报错）")
    add.add_argument("--kind", metavar="KIND", type=kind_arg,
                     help="机关类型：编号或名称，如 fund_centre 或 住房公积金管理中心"
                          "（默认按机关名称判断；见 docs/peers.md）")
    add.add_argument("--by", metavar="NAME", help="记入审计日志的操作人")
    add.set_defaults(func=cmd_add)
    listing = subs.add_parser("list", help="列出对比机关及其年度")
    listing.set_defaults(func=cmd_list)
    remove = subs.add_parser("remove", help="移出对比机关（记入审计日志；文件保留）")
    remove.add_argument("body", metavar="BODY", help="机关名称，如 洪泽区人民政府")
    remove.add_argument("--year", type=year_arg, help="只移出这一年度（默认移出该机关的全部年度）")
    remove.add_argument("--by", metavar="NAME", help="记入审计日志的操作人")
    remove.add_argument("--reason", metavar="TEXT", help="移出理由（记入审计日志）")
    remove.set_defaults(func=cmd_remove)
    settings = subs.add_parser("settings", help="对比的设置：公众部署是否显示对比、本中心在对比中的名称")
    settings.add_argument("--public", choices=list(SWITCH),
                          help="on：公众也能看到对比；off：只有登录的工作人员（默认）")
    settings.add_argument("--centre-name", metavar="NAME",
                          help="本中心各行“机关”列的名称（空字符串：用 units.csv 的名称）")
    settings.add_argument("--by", metavar="NAME", help="记入审计日志的操作人")
    settings.set_defaults(func=cmd_settings)
    for sub in (add, listing, remove, settings):
        _common(sub)


def cmd_peers(args: argparse.Namespace) -> int:
    """`gjj-dash peers` needs one of its operations (argparse says so); each sets its own function."""
    return args.func(args)


HELP = "对比机关：其他机关公开的年度报告，与本中心的指标并列比较（不进入本中心的数据）"
COMMANDS = [Command("peers", HELP, cmd_peers, _arguments)]
