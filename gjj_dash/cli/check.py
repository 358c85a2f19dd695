"""CLI: `gjj-dash check` — the data-quality findings, one per line or as JSON, from the code the page uses."""

from __future__ import annotations

import argparse
import sys

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, load, require_year, year_arg
from gjj_dash.i18n import t


def cmd_check(args: argparse.Namespace) -> int:
    """Print every finding (of one year with --year, cross-year ones included); exit 1 on an error with --strict."""
    from gjj_dash.quality.checks import check_dataset  # start-up time: the audit loads pandas
    from gjj_dash.quality.findings import counts, finding_line, findings_json

    dataset = load(args)
    if args.year is not None:
        require_year(dataset, args.year)
    findings = [f for f in check_dataset(dataset) if args.year is None or f.year == args.year]
    if args.format == "json":
        print(findings_json(findings))
    else:
        for finding in findings:
            print(finding_line(finding))
    tally = counts(findings)
    summary = t("quality.summary", "zh", n=len(findings), **tally) if findings else t("quality.none", "zh")
    print(summary, file=sys.stderr)  # stdout holds only the findings
    return EXIT_PROBLEMS if args.strict and tally["error"] else EXIT_OK


def _check_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, help="只列出这一年度的发现（含与上一年度的跨年度核对）")
    sub.add_argument("--format", default="text", choices=["text", "json"], help="输出格式（默认 text）")
    sub.add_argument("--strict", action="store_true", help="有“错误”级发现时以退出码 1 结束")


CHECK_HELP = "核对数据质量：表内勾稽关系、跨年度衔接、正文与统计表是否一致（只报告，不修改数据）"
COMMANDS = [Command("check", CHECK_HELP, cmd_check, _check_arguments)]
