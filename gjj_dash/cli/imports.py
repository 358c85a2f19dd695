"""CLI: reading files in — `validate` (nothing published) and `import` (validated, then published as a version)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from gjj_dash.cli.common import EXIT_OK, EXIT_PROBLEMS, Command, UsageError, data_dir, year_arg
from gjj_dash.i18n import t


def by(args: argparse.Namespace) -> str:
    """Who the journal names: --by, else the system user (marked as the command line)."""
    if args.by:
        return args.by.strip()[:64]
    try:
        return f"{getpass.getuser()}（命令行）"
    except (OSError, KeyError):
        return "命令行"


def read_file(path: str, cap: int, unreadable: str) -> bytes:
    """A file's bytes up to one past the upload cap (enough to refuse it); a missing or unreadable file is a usage
    error in Chinese."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(cap + 1)
    except OSError as exc:
        raise UsageError(t(unreadable, "zh", path=path, error=exc.strerror or type(exc).__name__)) from None


def cmd_validate(args: argparse.Namespace) -> int:
    from gjj_dash.ingest.decode import ENCODING_NAMES, limits  # start-up time: the readers load pandas
    from gjj_dash.ingest.readers import read_upload

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(t("upload.cli.no_file", "zh", path=args.file))
    payload = read_file(args.file, limits().max_bytes, "upload.cli.unreadable")
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


def cmd_import(args: argparse.Namespace) -> int:
    from gjj_dash.ingest.decode import limits  # start-up time: the readers and the store load pandas
    from gjj_dash.intake.staging import section_messages, stage
    from gjj_dash.model.catalogue import load_catalogue
    from gjj_dash.store.versions import ReadOnlyStore, Store, StoreError

    payload = read_file(args.file, limits().max_bytes, "admin.cli_unreadable")
    store = Store(data_dir(args))
    staged = stage(store, payload, Path(args.file).name, args.year)
    prefix = {"error": "", "warning": t("admin.cli_warning", "zh"), "note": t("imports.cli_note", "zh")}
    for found in staged.upload.problems:
        print(prefix.get(found.severity, "") + found.line())
    for severity, text in section_messages(staged, load_catalogue()):  # tables kept, and still missing for the year
        print(prefix[severity] + text)
    for finding in staged.errors:
        print(t("admin.cli_quality", "zh") + finding.message)
    try:
        version = store.publish(staged.upload, payload, staged.filename, by(args), force_reason=args.reason or "")
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(t("admin.cli_not_published", "zh", error=exc), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_published", "zh", year=version.year, n=version.number, rows=version.uploaded_rows,
            changed=len(staged.changes), sha=version.sha256[:12]))
    return EXIT_OK


def _validate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", metavar="FILE", help="CSV、XLSX 或报告文字（.txt）文件")
    sub.add_argument("--year", type=year_arg, help="年度，如 2017（文件中写有“(YYYY年度)”时可省略）")


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", metavar="FILE", help="CSV、TXT、XLSX 文件，或各节 CSV 打包的 ZIP")
    sub.add_argument("--year", type=year_arg, help="年度（默认取文件中的“(YYYY年度)”）")
    sub.add_argument("--by", metavar="NAME", help="记入审计日志的发布人（默认为当前系统用户）")
    sub.add_argument("--reason", metavar="TEXT", help="数据质量检查有错误时仍要发布的理由（记入审计日志）")


COMMANDS = [
    Command("validate", "检查一个上传文件（不发布）：有问题时逐行列出", cmd_validate, _validate_arguments),
    Command("import", "检查并发布一个数据文件（有任何问题则不发布）", cmd_import, _import_arguments),
]
