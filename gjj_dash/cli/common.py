"""CLI: what every command shares — exit codes, Chinese usage errors, the year argument, the data, writing out."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gjj_dash.i18n import t
from gjj_dash.paths import resolve_data_dir

if TYPE_CHECKING:  # pandas is imported only by the commands that read data, so `serve` starts fast
    from gjj_dash.model.values import Dataset

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


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one line of help, what it runs and the arguments it takes."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None]


def year_arg(text: str) -> int:
    """A four-digit year given on the command line (argparse type)."""
    if not re.fullmatch(r"(19|20)\d\d", text.strip()):
        raise argparse.ArgumentTypeError(f"年度“{text}”无效，应为四位数年份，如 2016")
    return int(text)


def data_dir(args: argparse.Namespace) -> Path:
    """The data directory a command reads: --data-dir, else $GJJ_DASH_DATA_DIR, else the bundled data/."""
    return resolve_data_dir(args.data_dir)


def load(args: argparse.Namespace) -> Dataset:
    """Every published year of the command's data directory."""
    from gjj_dash.store.dataset import load_dataset  # start-up time: pandas only for commands that read data

    return load_dataset(data_dir(args))


def require_year(dataset: Dataset, year: int) -> None:
    """Refuse (exit 2, in Chinese) a year the data directory does not hold."""
    if year not in dataset.years:
        raise UsageError(t("cli.no_year", "zh", year=year, years="、".join(map(str, dataset.years)) or "无"))


def write(payload: bytes, output: str | None) -> None:
    """Bytes to a file (saying so on stderr) or to stdout."""
    if output:
        Path(output).write_bytes(payload)
        print(f"已写入 {output}（{len(payload)} 字节）", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
