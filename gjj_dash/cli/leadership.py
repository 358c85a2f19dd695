"""CLI: the leadership view — `indicators` (the year's indicators as CSV or JSON) and `brief` (the one-page brief
as PDF or HTML), from the code the overview page uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, UsageError, data_dir, load, write, year_arg
from gjj_dash.i18n import t

if TYPE_CHECKING:  # pandas is imported only when a command runs, so `gjj-dash serve` starts fast
    from gjj_dash.figures.rules import Rules
    from gjj_dash.model.problems import Finding
    from gjj_dash.model.values import Dataset

BRIEF_KINDS = (".pdf", ".html")


def _loaded(args: argparse.Namespace) -> tuple[Dataset, Rules, list[Finding]] | None:
    """The data, the rules in force and the findings; None (after a Chinese line) when the year is not loaded."""
    from gjj_dash.figures.rules import load_rules  # start-up time: the rules read the indicator catalogue
    from gjj_dash.quality.checks import check_dataset  # start-up time: the audit loads pandas

    dataset = load(args)
    if args.year not in dataset.years:
        held = "、".join(map(str, dataset.years)) or "无"
        print(f"gjj-dash：{t('lead.cli_no_year', 'zh', year=args.year, years=held)}", file=sys.stderr)
        return None
    state = load_rules(data_dir(args))
    for problem in state.problems:
        print(f"gjj-dash：{problem}", file=sys.stderr)
    if state.problems:
        source = state.rules.source or t("lead.rules_none", "zh")
        print(f"gjj-dash：{t('lead.rules_refused_cli', 'zh', source=source)}", file=sys.stderr)
    return dataset, state.rules, check_dataset(dataset)


def cmd_indicators(args: argparse.Namespace) -> int:
    """Print (or write) the year's indicator rows; exit 1 when the year is not loaded."""
    from gjj_dash.figures.board import build_board, indicator_rows  # start-up time: pandas
    from gjj_dash.publish.indicator_files import indicator_bytes

    loaded = _loaded(args)
    if loaded is None:
        return EXIT_PROBLEMS
    dataset, rules, findings = loaded
    board = build_board(dataset, args.year, rules, findings)
    write(indicator_bytes(indicator_rows(dataset, board), args.format), args.output)
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    """Write the one-page brief (.pdf or .html); exit 1 when the year is not loaded or no Chinese font is found."""
    from gjj_dash.publish.brief import FONT_STACK, brief_html, brief_parts  # start-up time: pandas, plotly
    from gjj_dash.publish.brief_pdf import BriefError, brief_pdf

    kind = Path(args.output).suffix.lower()
    if kind not in BRIEF_KINDS:
        raise UsageError(f"-o 的文件名应以 {' 或 '.join(BRIEF_KINDS)} 结尾，如 简报.pdf")
    loaded = _loaded(args)
    if loaded is None:
        return EXIT_PROBLEMS
    dataset, rules, findings = loaded
    parts = brief_parts(dataset, args.year, data_dir(args), rules, findings)
    if kind == ".html":
        write(brief_html(parts).encode("utf-8"), args.output)
        return EXIT_OK
    try:
        payload = brief_pdf(lambda fonts, size, limit: brief_html(parts, fonts=fonts, size=size, flag_limit=limit),
                            FONT_STACK)
    except BriefError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    write(payload, args.output)
    return EXIT_OK


def _indicators_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, required=True, help="年度")
    sub.add_argument("--format", default="csv", choices=["csv", "json"], help="输出格式（默认 csv）")
    sub.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到屏幕）")


def _brief_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, required=True, help="年度")
    sub.add_argument("-o", "--output", metavar="FILE", required=True, help="输出文件：.pdf（一页 A4）或 .html")


INDICATORS_HELP = "领导看板指标：实质公开率、复议纠错率等的分子、分母、数值、样本与提示（CSV 或 JSON）"
BRIEF_HELP = "一页领导简报（A4，PDF 或 HTML）：主要数字、指标、需关注事项与数据状态"
COMMANDS = [
    Command("indicators", INDICATORS_HELP, cmd_indicators, _indicators_arguments),
    Command("brief", BRIEF_HELP, cmd_brief, _brief_arguments),
]
