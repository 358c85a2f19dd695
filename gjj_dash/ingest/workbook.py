"""Ingest: an uploaded XLSX workbook or zip of section CSVs read safely — zip sizes and ratio checked first (declared,
then as each member inflates: gjj_dash.ingest.inflate), formulas refused, cells as text."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from gjj_dash.ingest.decode import TEXT_SUFFIXES, Limits, Row, clean_name, clip_rows, in_sheet, mb
from gjj_dash.ingest.inflate import member, verify
from gjj_dash.ingest.messages import Refusal, column_letter, problem, refuse
from gjj_dash.model.problems import Problem

_BIG_MEMBER = 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    """One worksheet as rows of cell texts (trailing empty cells dropped), and its merged ranges (first row, first
    column, last row, last column; 1-based) where it has any."""

    title: str
    rows: tuple[Row, ...]
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def printed(self) -> list[list[str]]:
        """The rows as a person reads them: a merged range's text once, in its first cell; the cells it covers gone
        (a table pasted from a web page keeps its row-spanning labels only in the first row of the merge)."""
        covered = {(r, c) for r0, c0, r1, c1 in self.merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                   if (r, c) != (r0, c0)}
        return [[text for col, text in enumerate(row.cells, start=1) if (row.number, col) not in covered]
                for row in self.rows]


def check_zip(payload: bytes, lim: Limits, workbook: bool = True) -> list[zipfile.ZipInfo]:
    """Refuse a broken, encrypted, macro-carrying or oversized zip — before any member is read; its members."""
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise refuse("bad_xlsx" if workbook else "bad_zip") from None
    if len(infos) > lim.max_members:
        raise refuse("zip_members", count=len(infos), cap=lim.max_members)
    names = {info.filename for info in infos}
    if any(info.flag_bits & 0x1 for info in infos):
        raise refuse("encrypted")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise refuse("macro")
    if workbook and "xl/workbook.xml" not in names:
        raise refuse("not_workbook")
    total = sum(info.file_size for info in infos)
    if total > lim.max_unzipped:
        raise refuse("zip_bomb", size=f"{total / 1024 / 1024:.0f} MB", cap=f"{lim.max_unzipped / 1024 / 1024:.0f} MB")
    ratios = [info.file_size / max(info.compress_size, 1) for info in infos if info.file_size > _BIG_MEMBER]
    ratio = max([total / max(len(payload), 1), *ratios])
    if ratio > lim.max_ratio:
        raise refuse("zip_ratio", ratio=f"{ratio:.0f}", cap=lim.max_ratio)
    verify(payload, infos, lim)  # the sizes above are what the zip declares: inflate each to see what it holds
    _intact(payload, workbook)  # then each member's CRC, so a damaged one is named
    return infos


def _intact(payload: bytes, workbook: bool) -> None:
    """Refuse a zip whose directory reads but whose members do not: each member is unpacked and its CRC checked
    (sizes and ratio are already known to be safe), so a damaged member is named in Chinese, never met later; a
    damaged workbook is told as a workbook that cannot be read."""
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        for info in archive.infolist():
            try:
                with archive.open(info) as member:
                    while member.read(1 << 20):
                        pass
            except NotImplementedError:
                raise refuse("zip_method", name=clean_name(info.filename)) from None
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError):
                raise (refuse("bad_xlsx") if workbook else refuse("zip_damaged", name=clean_name(info.filename))) \
                    from None


def _ignored(name: str) -> bool:
    """Folders and what archivers add on their own (macOS resource forks, hidden files)."""
    name = name.replace("\\", "/")  # older Windows archivers write backslashes
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith("/") or name.startswith("__MACOSX/") or base.startswith(".") or not base


def read_zip(payload: bytes, lim: Limits) -> list[tuple[str, bytes]]:
    """The text members of a zip of section files, in archive order (cleaned name, bytes); any other member is
    refused by name. Sizes, ratio and member count are checked first; each member is held to the upload cap."""
    members = [info for info in check_zip(payload, lim, workbook=False) if not _ignored(info.filename)]
    if not members:
        raise refuse("zip_empty")
    for info in members:
        name = clean_name(info.filename)
        if not name.lower().endswith(TEXT_SUFFIXES):
            raise refuse("zip_member", name=name)
        if info.file_size > lim.max_bytes:
            too_big = problem("too_big", size=mb(info.file_size), cap=mb(lim.max_bytes))
            raise Refusal(*in_sheet([too_big], name))
    return [(clean_name(info.filename), member(payload, info, lim)) for info in members]


def member_bytes(payload: bytes, names: list[str], lim: Limits) -> list[tuple[str, bytes]]:
    """Named members of an already checked zip (several reports in one archive), each held to the upload cap."""
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        out = []
        for name in names:
            info = archive.getinfo(name)
            if info.file_size > lim.max_bytes:
                raise Refusal(*in_sheet([problem("too_big", size=mb(info.file_size), cap=mb(lim.max_bytes))],
                                        clean_name(name)))
            out.append((clean_name(name), member(payload, info, lim)))
        return out


def read_workbook(payload: bytes, lim: Limits) -> tuple[list[Sheet], list[Problem]]:
    """Every worksheet's rows as text, with formula cells reported (row, column letter) and left empty."""
    check_zip(payload, lim)
    import openpyxl  # imported here: only XLSX uploads pay for it; defusedxml is installed, so openpyxl uses it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it ignores; nothing for staff to fix
            book = openpyxl.load_workbook(io.BytesIO(payload), read_only=True, data_only=False, keep_links=False)
    except Exception:  # noqa: BLE001 — a third-party parser on untrusted bytes: any failure means “not a readable xlsx”
        raise refuse("bad_xlsx") from None
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    try:
        merges = _merges(payload) if _has_merges(payload) else {}
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet, lim, problems)
            clipped, more = clip_rows(rows, 1, lim)
            problems += in_sheet(more, str(sheet.title))
            sheets.append(Sheet(str(sheet.title), tuple(clipped), merges.get(str(sheet.title), ())))
    except Exception:  # noqa: BLE001 — malformed sheet XML surfaces only while iterating; same answer as above
        raise refuse("bad_xlsx") from None
    finally:
        book.close()
    return sheets, problems


def _has_merges(payload: bytes) -> bool:
    """Whether any worksheet declares merged cells (read-only workbooks do not say; the sheets' XML does)."""
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        return any(b"<mergeCell " in archive.read(info) or b":mergeCell " in archive.read(info)
                   for info in archive.infolist() if info.filename.startswith("xl/worksheets/"))


def _merges(payload: bytes) -> dict[str, tuple[tuple[int, int, int, int], ...]]:
    """Each sheet's merged ranges, from a second, full (not read-only) reading of the already checked workbook."""
    import openpyxl  # imported here: only workbooks with merged cells pay for the second reading

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(payload), data_only=False, keep_links=False)
    try:
        return {str(ws.title): tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
                for ws in book.worksheets}
    finally:
        book.close()


def _sheet_rows(sheet, lim: Limits, problems: list[Problem]) -> list[list[str]]:
    rows: list[list[str]] = []
    for number, cells in enumerate(sheet.iter_rows(max_col=lim.max_columns), start=1):
        if number > lim.max_rows + 1:
            break
        texts = []
        for index, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                problems.append(problem("formula", row=number, column=column_letter(index), sheet=sheet.title))
                texts.append("")
            else:
                texts.append(cell_text(getattr(cell, "value", None)))
        while texts and not texts[-1].strip():
            texts.pop()
        rows.append(texts)
    return rows


def cell_text(value: object) -> str:
    """A cell's value as the text a person typed: 204 not 204.0, 24252.311082 not a float artefact."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
