"""CLI: reading files in — `validate` (nothing published) and `import` (validated, then published as a version),
each taking one file or several (reports in any form, a zip of them): every file is read for the year it states."""

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


def read_files(paths: list[str], missing: str, unreadable: str) -> list[tuple[str, bytes]]:
    """Each file named on the command line, by name and bytes (a missing or unreadable one: a usage error)."""
    from gjj_dash.ingest.decode import limits  # start-up time: the readers load pandas

    cap = limits().max_bytes
    for path in paths:
        if not Path(path).is_file():
            raise UsageError(t(missing, "zh", path=path))
    return [(Path(p).name, read_file(p, cap, unreadable)) for p in paths]


def cmd_validate(args: argparse.Namespace) -> int:
    from gjj_dash.ingest.decode import ENCODING_NAMES  # start-up time: the readers load pandas
    from gjj_dash.ingest.readers import read_upload
    from gjj_dash.intake.batch import expand

    items = expand(read_files(args.file, "upload.cli.no_file", "upload.cli.unreadable"))
    worst = EXIT_OK
    for item in items:
        upload = read_upload(item.payload, item.name, args.year)
        lead = f"{item.shown}：" if len(items) > 1 else ""
        if upload.ok:
            kind = t(f"upload.kind.{upload.kind}", "zh")
            encoding = ENCODING_NAMES.get(upload.encoding, upload.encoding)
            summary = t("upload.cli.valid", "zh", year=upload.year, format=kind, encoding=encoding,
                        count=len(upload.frame))
        else:
            summary = t("upload.cli.invalid", "zh", count=len(upload.errors))
            worst = EXIT_PROBLEMS
        print(lead + summary, file=sys.stderr)  # stdout holds only the problems, one per line
        for found in upload.problems:
            prefix = "" if found.severity == "error" else t("upload.cli.warning", "zh") + "："
            print(lead + prefix + found.line())
        for message in _audit(upload):  # listed, never counted: the exit code says only whether it can be accepted
            print(lead + t("upload.cli.finding", "zh", message=message))
        if _needs_year(upload):
            print(lead + t("imports.cli_year_hint", "zh"), file=sys.stderr)
    return worst


def cmd_import(args: argparse.Namespace) -> int:
    from gjj_dash.intake.batch import expand, stage_file  # start-up time: the readers and the store load pandas
    from gjj_dash.model.catalogue import load_catalogue
    from gjj_dash.store.versions import Store

    items = expand(read_files(args.file, "upload.cli.no_file", "admin.cli_unreadable"))
    store, catalogue = Store(data_dir(args)), load_catalogue()
    worst = EXIT_OK
    for item in items:
        if len(items) > 1:
            print(t("imports.cli_file", "zh", name=item.shown))
        staged = stage_file(store, item, args.year, catalogue)
        code = _publish(store, staged, item, args)
        worst = max(worst, code)
    return worst


def _publish(store, staged, item, args: argparse.Namespace) -> int:
    """Print what was read and publish it (or say why not); the exit code of this file."""
    from gjj_dash.intake.batch import unchanged  # start-up time: the store loads pandas
    from gjj_dash.intake.preview import describe
    from gjj_dash.intake.staging import section_messages
    from gjj_dash.model.catalogue import load_catalogue
    from gjj_dash.store.versions import ReadOnlyStore, Refused, StoreError

    prefix = {"error": "", "warning": t("admin.cli_warning", "zh"), "note": t("imports.cli_note", "zh")}
    for line in describe(staged.upload, load_catalogue()):
        print(t("imports.cli_note", "zh") + line)
    for found in staged.upload.problems:
        print(prefix.get(found.severity, "") + found.line())
    for severity, text in section_messages(staged, load_catalogue()):  # tables kept, and still missing for the year
        print(prefix[severity] + text)
    for finding in staged.errors:
        print(t("admin.cli_quality", "zh") + finding.message)
    if (same := unchanged(store, staged)) is not None:
        print(t("imports.cli_unchanged", "zh", year=staged.upload.year, n=same))
        return EXIT_OK
    try:
        version = store.publish(staged.upload, staged.payload, staged.filename, by(args),
                                force_reason=args.reason or "")
    except ReadOnlyStore as exc:
        raise UsageError(str(exc)) from exc
    except StoreError as exc:
        print(t("admin.cli_not_published", "zh", error=exc), file=sys.stderr)
        if _needs_year(staged.upload):
            print(t("imports.cli_year_hint", "zh"), file=sys.stderr)
        if isinstance(exc, Refused) and staged.errors and staged.upload.ok:
            print(t("imports.cli_reason_hint", "zh"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("admin.cli_published", "zh", year=version.year, n=version.number, rows=version.uploaded_rows,
            changed=len(staged.changes), sha=version.sha256[:12]))
    return EXIT_OK


def _audit(upload) -> list[str]:
    """The quality audit of an accepted file on its own (identities, the report's sentences against its table): each
    finding's sentence not already among the reader's own problems."""
    if not upload.ok or upload.year is None:
        return []
    from gjj_dash.intake.preview import narrative_checks  # start-up time: the checks load pandas
    from gjj_dash.model.catalogue import load_catalogue
    from gjj_dash.quality.checks import check_values

    catalogue = load_catalogue()
    said = [p.message for p in upload.problems]
    found = check_values(upload.frame, catalogue, {upload.year: upload.report})
    lines = [f.message for f in found if not any(f.message in message for message in said)]
    differs = t("preview.differs", "zh")
    return lines + [t("upload.cli.narrative", "zh", measure=measure, text=text, table=table, same=same)
                    for measure, text, table, same in narrative_checks(upload, catalogue).itertuples(index=False)
                    if same == differs]


def _needs_year(upload) -> bool:
    """Whether a file was refused only for want of a year (the command line then says how to give one)."""
    return any(p.message == t("upload.no_year", "zh") for p in upload.errors)


def _validate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", metavar="FILE", nargs="+",
                     help="CSV、XLSX、报告文字（.txt），或发布的报告：网页（.html）、Word（.docx/.doc/.wps）、PDF；可以多个")
    sub.add_argument("--year", type=year_arg, help="年度，如 2017（文件中写明年度时可省略；与文件不一致时报错）")


def _import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", metavar="FILE", nargs="+", help="CSV、TXT、XLSX、各节 CSV 打包的 ZIP，或发布的报告"
                     "（网页、Word、PDF，可打包成 ZIP）；可以多个，各按其年度导入")
    sub.add_argument("--year", type=year_arg, help="年度（默认取报告标题、统计期限或“(YYYY年度)”；与文件不一致时报错）")
    sub.add_argument("--by", metavar="NAME", help="记入审计日志的发布人（默认为当前系统用户）")
    sub.add_argument("--reason", metavar="TEXT", help="数据质量检查有错误时仍要发布的理由（记入审计日志）")


COMMANDS = [
    Command("validate", "检查上传文件（不发布）：有问题时逐行列出", cmd_validate, _validate_arguments),
    Command("import", "检查并发布数据文件或年度报告（各按其年度；有错误的文件不发布）", cmd_import, _import_arguments),
]
