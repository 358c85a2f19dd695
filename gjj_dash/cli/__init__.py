"""CLI layer: the `gjj-dash` command line, one module per command group, over the same package code the pages call.

May import every layer below (intake, publish, figures, store, ingest, quality, model); never gjj_dash.ui or Streamlit.
Commands import pandas-heavy modules inside their function so that `gjj-dash serve` starts fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from gjj_dash.cli import accounts, check, draft, imports, leadership, peers, serve, site, tables, versions
from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser, UsageError
from gjj_dash.i18n import t

COMMANDS = [*tables.COMMANDS[:2], *serve.COMMANDS, *imports.COMMANDS[:1], tables.COMMANDS[2], *imports.COMMANDS[1:],
            *versions.COMMANDS, *accounts.COMMANDS, *check.COMMANDS, *site.COMMANDS,
            *leadership.COMMANDS, *peers.COMMANDS, *draft.COMMANDS]


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


# A command is one short process (`serve` replaces itself with Streamlit's): the cycle collector runs every 100,000
# new objects instead of every 700, which spares it tracing pandas' and pyarrow's modules again and again while they
# load and work (about 0.25 s of an import) and still bounds what cycles can hold.
CLI_GC_THRESHOLDS = (100_000, 50, 100)


def run() -> None:
    """The `gjj-dash` console script and `python -m gjj_dash`: `main()` with the collector tuned for one short
    process, then exit without the interpreter's last sweep for reference cycles among everything pandas and pyarrow
    loaded (0.2–0.4 s of every command, a third of an export). Frozen objects are not swept: an object kept only by a
    cycle gets no `__del__` at exit, so commands close what they write themselves (`with` blocks, atomic writes;
    tests/cli/test_startup.py compares the files with `main()`'s). The output is flushed first. Not in `main()`,
    which tests call in their own long process."""
    gc.set_threshold(*CLI_GC_THRESHOLDS)
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    raise SystemExit(code)
