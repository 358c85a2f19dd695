"""CLI: the published tables — `years`, `export` and the blank `template`s staff fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from gjj_dash.cli.common import EXIT_OK, Command, UsageError, load, require_year, write, year_arg
from gjj_dash.i18n import t
from gjj_dash.model.years import missing_years


def cmd_years(args: argparse.Namespace) -> int:
    dataset = load(args)
    if not dataset.years:
        print(t("common.no_data"))
    for year in dataset.years:
        fmt = dataset.format_of(year)
        body = dataset.reports[year].get("reporting_unit", "")
        print(f"{year}\t{fmt}\t{dataset.catalogue.formats[fmt].label}" + (f"\t{body}" if body else ""))
    if dataset.years:  # what still needs importing
        missing = missing_years(dataset.years)
        print(t("imports.cli_missing", "zh", years="、".join(map(str, missing))) if missing
              else t("imports.cli_none_missing", "zh"))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from gjj_dash.publish import export  # start-up time: pandas, pyarrow and the writers only when exporting

    if args.all:  # the whole dataset as one tidy table
        if args.year is not None:
            raise UsageError("--all 导出全部年度，不能同时指定 --year")
        if args.format not in export.DATASET_KINDS:
            raise UsageError(f"--all 只支持 --format {' 或 '.join(export.DATASET_KINDS)}，不支持 {args.format}")
        write(export.dataset_export(load(args), args.format)[0], args.output)
        return EXIT_OK
    if args.year is None:
        raise UsageError("请用 --year 指定年度（或用 --all 导出全部年度）")
    if args.format not in export.TABLE_KINDS:
        raise UsageError(f"按年度导出支持 --format {'、'.join(export.TABLE_KINDS)}；{args.format} 只用于 --all")
    dataset = load(args)
    require_year(dataset, args.year)
    write(export.table_export(dataset, args.year, args.format)[0], args.output)
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from gjj_dash.publish import templates  # start-up time: pandas and the XLSX writer only for templates

    output = args.output or ""
    if args.split or output.endswith(("/", "\\")) or (output and Path(output).is_dir()):
        folder = Path(output or ".")
        if folder.suffix.lower() == ".xlsx":
            raise UsageError("按表分别输出时 -o 应为目录，不能是 .xlsx 文件")
        if args.format in templates.NEW:
            files = templates.section_files(args.format)
        else:
            files = [(templates.template_name(args.format, "csv"), templates.template_bytes(args.format, "csv"))]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, payload in files:
                write(payload, str(folder / name))
        except OSError as exc:
            raise UsageError(f"无法写入目录 {folder}：{exc.strerror or exc}") from None
        return EXIT_OK
    kind = "xlsx" if output.lower().endswith(".xlsx") else "csv"
    write(templates.template_bytes(args.format, kind), args.output)
    return EXIT_OK


def _export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=year_arg, help="年度，如 2016")
    sub.add_argument(
        "--format", default="csv", choices=["csv", "xlsx", "html", "json", "parquet"],
        help="导出格式：按年度为 csv、xlsx、html、json；--all 为 csv、parquet（默认 csv）",
    )
    sub.add_argument("--all", action="store_true", help="导出全部年度的全部数据（一张长表）")
    sub.add_argument("-o", "--output", metavar="PATH", help="输出文件（默认写到标准输出）")


def _template_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--format", required=True, choices=["old", "measures", "2019", "2021"], help="模板格式")
    sub.add_argument(
        "-o", "--output", metavar="PATH", help="输出文件（.xlsx 结尾为 XLSX）；目录（已存在或以 / 结尾）则每表一个 CSV"
    )
    sub.add_argument("--split", action="store_true", help="2019/2021 格式每张表一个 CSV（写入 -o 目录）")


COMMANDS = [
    Command("years", "列出已有年度及其报表格式，以及其间缺少的年度", cmd_years, lambda sub: None),
    Command("export", "导出某年度的官方统计表（或用 --all 导出全部数据）", cmd_export, _export_arguments),
    Command("template", "下载空白填报模板（CSV；-o 以 .xlsx 结尾时为 XLSX）", cmd_template, _template_arguments),
]
