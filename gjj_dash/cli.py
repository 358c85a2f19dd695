"""I/O: the `gjj-dash` command line — the same package code the pages call, with Chinese messages and exit codes."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gjj_dash.i18n import t
from gjj_dash.paths import resolve_data_dir

if TYPE_CHECKING:  # pandas is imported only by the subcommands that read data, so `serve` starts fast
    from gjj_dash.dataset import Dataset

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_ARGPARSE_ZH: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", r"缺少必需参数：\1"),
    (r"argument (\S+): invalid choice: '?([^'(]*)'? \(choose from (.+)\)", r"参数 \1 的取值“\2”无效，可选：\3"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?", r"参数 \1 的取值“\3”无效"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个取值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),
)


class UsageError(Exception):
    """A command used wrongly: printed as one Chinese line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line Chinese usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, repl in _ARGPARSE_ZH:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, repl, message)
                break
        else:
            message = f"参数错误：{message}"
        raise UsageError(f"{message}（运行 {self.prog} --help 查看用法）")


def _year(text: str) -> int:
    if not re.fullmatch(r"(19|20)\d\d", text.strip()):
        raise argparse.ArgumentTypeError(f"年度“{text}”无效，应为四位数年份，如 2016")
    return int(text)


def _dataset(args: argparse.Namespace) -> Dataset:
    from gjj_dash.dataset import load_dataset

    return load_dataset(resolve_data_dir(args.data_dir))


def _require_year(dataset: Dataset, year: int) -> None:
    if year not in dataset.years:
        raise UsageError(t("cli.no_year", "zh", year=year, years="、".join(map(str, dataset.years)) or "无"))


def _write(payload: bytes, output: str | None) -> None:
    if output:
        Path(output).write_bytes(payload)
        print(f"已写入 {output}（{len(payload)} 字节）", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def cmd_years(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    if not dataset.years:
        print(t("common.no_data"))
    for year in dataset.years:
        fmt = dataset.format_of(year)
        print(f"{year}\t{fmt}\t{dataset.catalogue.formats[fmt].label}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from gjj_dash import export

    if args.all:  # the whole dataset as one tidy table
        if args.year is not None:
            raise UsageError("--all 导出全部年度，不能同时指定 --year")
        if args.format not in export.DATASET_KINDS:
            raise UsageError(f"--all 只支持 --format {' 或 '.join(export.DATASET_KINDS)}，不支持 {args.format}")
        _write(export.dataset_export(_dataset(args), args.format)[0], args.output)
        return EXIT_OK
    if args.year is None:
        raise UsageError("请用 --year 指定年度（或用 --all 导出全部年度）")
    if args.format not in export.TABLE_KINDS:
        raise UsageError(f"按年度导出支持 --format {'、'.join(export.TABLE_KINDS)}；{args.format} 只用于 --all")
    dataset = _dataset(args)
    _require_year(dataset, args.year)
    _write(export.table_export(dataset, args.year, args.format)[0], args.output)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from gjj_dash import server

    return server.serve(public=args.public, port=args.port, data_dir=args.data_dir, address=args.address)


def cmd_validate(args: argparse.Namespace) -> int:
    from gjj_dash.decode import ENCODING_NAMES, limits
    from gjj_dash.readers import read_upload

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(t("upload.cli.no_file", "zh", path=args.file))
    try:
        with path.open("rb") as handle:
            payload = handle.read(limits().max_bytes + 1)  # one byte over the cap is enough to refuse it
    except OSError as exc:
        raise UsageError(t("upload.cli.unreadable", "zh", path=args.file, error=exc.strerror or exc)) from None
    upload = read_upload(payload, path.name, args.year)
    if upload.ok:
        kind = t(f"upload.kind.{upload.kind}", "zh")
        encoding = ENCODING_NAMES.get(upload.encoding, upload.encoding)
        summary = t("upload.cli.valid", "zh", year=upload.year, format=kind, encoding=encoding, count=len(upload.frame))
    else:
        summary = t("upload.cli.invalid", "zh", count=len(upload.errors))
    print(summary, file=sys.stderr)  # stdout holds only the problems, one per line
    for found in upload.problems:
        prefix = "" if found.severity == "error" else t("upload.cli.warning", "zh") + "："
        print(prefix + found.line())
    return EXIT_OK if upload.ok else EXIT_PROBLEMS


def cmd_template(args: argparse.Namespace) -> int:
    from gjj_dash.templates import template_bytes

    output = args.output or ""
    if args.split or output.endswith(("/", "\\")) or (output and Path(output).is_dir()):
        return _template_sections(args.format, Path(output or "."))
    kind = "xlsx" if output.lower().endswith(".xlsx") else "csv"
    _write(template_bytes(args.format, kind), args.output)
    return EXIT_OK


def _template_sections(fmt: str, folder: Path) -> int:
    """One CSV per section of a 2019/2021 format (the old and measures templates: their one CSV) into a folder."""
    from gjj_dash.templates import NEW, section_files, template_bytes, template_name

    if folder.suffix.lower() == ".xlsx":
        raise UsageError("按表分别输出时 -o 应为目录，不能是 .xlsx 文件")
    files = section_files(fmt) if fmt in NEW else [(template_name(fmt, "csv"), template_bytes(fmt, "csv"))]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, payload in files:
            _write(payload, str(folder / name))
    except OSError as exc:
        raise UsageError(f"无法写入目录 {folder}：{exc.strerror or exc}") from None
    return EXIT_OK


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--data-dir", metavar="DIR", help="数据目录（默认：$GJJ_DASH_DATA_DIR，否则为内置 data/）")


def build_parser() -> Parser:
    parser = Parser(prog="gjj-dash", description="博州住房公积金管理中心政府信息公开数据看板的命令行工具")
    subs = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    commands: list[tuple[str, str, Callable[[argparse.Namespace], int]]] = [
        ("years", "列出已有年度及其报表格式", cmd_years),
        ("export", "导出某年度的官方统计表（或用 --all 导出全部数据）", cmd_export),
        ("serve", "启动看板服务", cmd_serve),
        ("validate", "检查一个上传文件（不发布）：有问题时逐行列出", cmd_validate),
        ("template", "下载空白填报模板（CSV；-o 以 .xlsx 结尾时为 XLSX）", cmd_template),
    ]
    from gjj_dash import cli_check, cli_store  # the store's and the audit's commands (imported late: cycle)

    commands += cli_store.COMMANDS + cli_check.COMMANDS
    made = {}
    for name, help_text, func in commands:
        sub = subs.add_parser(name, help=help_text, description=help_text)
        _common(sub)
        sub.set_defaults(func=func)
        made[name] = sub
    made["export"].add_argument("--year", type=_year, help="年度，如 2016")
    made["export"].add_argument(
        "--format", default="csv", choices=["csv", "xlsx", "html", "json", "parquet"],
        help="导出格式：按年度为 csv、xlsx、html、json；--all 为 csv、parquet（默认 csv）",
    )
    made["export"].add_argument("--all", action="store_true", help="导出全部年度的全部数据（一张长表）")
    made["export"].add_argument("-o", "--output", metavar="PATH", help="输出文件（默认写到标准输出）")
    made["serve"].add_argument("--public", action="store_true", help="公众只读部署（无数据管理页、不接受上传）")
    made["serve"].add_argument("--port", type=int, default=8501, help="端口（默认 8501）")
    made["serve"].add_argument("--address", default=None, help="监听地址（默认 Streamlit 的默认值）")
    made["validate"].add_argument("file", metavar="FILE", help="CSV、XLSX 或报告文字（.txt）文件")
    made["validate"].add_argument("--year", type=_year, help="年度，如 2017（文件中写有“(YYYY年度)”时可省略）")
    formats = ["old", "measures", "2019", "2021"]
    made["template"].add_argument("--format", required=True, choices=formats, help="模板格式")
    made["template"].add_argument(
        "-o", "--output", metavar="PATH", help="输出文件（.xlsx 结尾为 XLSX）；目录（已存在或以 / 结尾）则每表一个 CSV"
    )
    made["template"].add_argument("--split", action="store_true", help="2019/2021 格式每张表一个 CSV（写入 -o 目录）")
    cli_store.add_arguments(made)
    cli_check.add_arguments(made)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
