"""CLI layer: the `gjj-dash` command line, one module per command group, over the same package code the pages call.

May import every layer below (intake, publish, figures, store, ingest, quality, model); never gjj_dash.ui or Streamlit.
Commands import pandas-heavy modules inside their function so that `gjj-dash serve` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gjj_dash.cli import accounts, check, draft, imports, leadership, serve, site, tables, versions
from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser, UsageError
from gjj_dash.i18n import t

COMMANDS = [*tables.COMMANDS[:2], *serve.COMMANDS, *imports.COMMANDS[:1], tables.COMMANDS[2], *imports.COMMANDS[1:],
            *versions.COMMANDS, *accounts.COMMANDS, *check.COMMANDS, *site.COMMANDS,
            *leadership.COMMANDS, *draft.COMMANDS]


def build_parser() -> Parser:
    """The parser of every subcommand; each takes --data-dir after its name."""
    parser = Parser(prog="gjj-dash", description="博州住房公积金管理中心政府信息公开数据看板的命令行工具")
    subs = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for command in COMMANDS:
        sub = subs.add_parser(command.name, help=command.help, description=command.help)
        sub.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：$GJJ_DASH_DATA_DIR，否则为内置 data/）")
        sub.set_defaults(func=command.run)
        command.arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command: its exit code (0 success, 1 problems, 2 usage error); never a traceback."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        return args.func(args)
    except UsageError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — the CLI never shows a traceback; the message says what failed
        print(f"gjj-dash：{t('cli.unexpected', 'zh', error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
        return EXIT_PROBLEMS
