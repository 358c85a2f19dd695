"""CLI: `gjj-dash draft` — a year's 政府信息公开工作年度报告 drafted from its published figures, as Word or a web page.

The preflight's findings are printed (and listed at the top of the draft); they never stop the draft: the file is
written and the command exits 0. A year the data does not hold, or a file that cannot be written, exits 1.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, load, write, year_arg

KINDS = ("docx", "html")
REASONS = {
    errno.ENOENT: "所在目录不存在", errno.EISDIR: "这是一个目录，请给出文件名", errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限", errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足",
}


def kind_of(args: argparse.Namespace) -> str:
    """--format, else the output's suffix (.html/.htm: a web page), else Word."""
    if args.format:
        return args.format
    return "html" if Path(args.output).suffix.lower() in (".html", ".htm") else "docx"


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft the year, print the preflight, write the file; exit 1 only for a missing year or an unwritable file."""
    from gjj_dash.publish.annual_report import preflight as checks  # start-up time: pandas and python-docx
    from gjj_dash.publish.annual_report.report import ReportError, build_report, write_report  # start-up time: same

    try:
        report = build_report(load(args), args.year)
    except ReportError as exc:
        print(f"gjj-dash：{exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write(write_report(report, kind_of(args)), args.output)
    except OSError as exc:
        print(f"gjj-dash：无法写入 {args.output}：{REASONS.get(exc.errno, '写入失败')}；文稿未保存", file=sys.stderr)
        return EXIT_PROBLEMS
    for line in checks.lines(report.preflight, report.places):
        print(line)
    return EXIT_OK


def _draft_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, required=True, help="起草哪一年度的报告，如 2024")
    sub.add_argument("--format", choices=KINDS, help="docx（Word）或 html（网页）；默认按 -o 的扩展名")
    sub.add_argument("-o", "--output", metavar="FILE", required=True, help="输出文件，如 2024年度报告.docx")


DRAFT_HELP = "根据已发布数据起草年度报告（Word 或网页）：官方统计表、正文数字句子、待填写处，开头列出数据核对发现"
COMMANDS = [Command("draft", DRAFT_HELP, cmd_draft, _draft_arguments)]
