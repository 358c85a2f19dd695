"""Ingest: an uploaded file's bytes checked before reading — size, type sniffed from its bytes, encoding, CSV rows."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, replace

from gjj_dash.ingest.messages import column_letter, problem, refuse
from gjj_dash.model.problems import Problem

ENV_MAX_MB = "GJJ_DASH_MAX_UPLOAD_MB"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
# A report as published or as staff keep it: the saved web page, Word (.doc/.wps converted by LibreOffice), PDF.
DOCUMENT_SUFFIXES = (".html", ".htm", ".docx", ".doc", ".wps", ".pdf")
SUFFIXES = (*TEXT_SUFFIXES, ".xlsx", ".zip", *DOCUMENT_SUFFIXES)  # .zip: section CSVs or several reports
# What staff are told was read (Upload.encoding → name). Byte-order marks are sniffed first, then UTF-8, then
# GB18030: GB18030 would otherwise "decode" UTF-16 bytes into nonsense.
ENCODING_NAMES = {
    "utf-8-sig": "UTF-8（带 BOM）",
    "utf-16": "UTF-16（带 BOM）",
    "utf-8": "UTF-8",
    "gb18030": "GB18030/GBK",
    "xlsx": "XLSX 工作簿",
    "zip": "ZIP 压缩包（各节 CSV）",
}
_RTF = b"{\\rtf"
_MARKUP = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|table|div|p)[\s>/]", re.I | re.S)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OLE = "EncryptionInfo".encode("utf-16-le")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# Header words that tell a correct decoding from an accidental one (a short GBK file can be valid UTF-8 by chance).
_MARKERS = ("统计指标", "统 计 指 标", "指标编号", "政府信息公开", "年度", "信息内容", "申请人情况")


@dataclass(frozen=True)
class Limits:
    """What an upload may hold: bytes, rows, columns, characters per cell, and an XLSX's unpacked size and ratio."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 2000
    max_columns: int = 60
    max_cell: int = 1000
    max_unzipped: int = 50 * 1024 * 1024
    max_ratio: int = 100
    max_members: int = 200
    max_pages: int = 300


def limits() -> Limits:
    """The limits of this deployment: the upload cap from $GJJ_DASH_MAX_UPLOAD_MB (default 10 MB)."""
    raw = os.environ.get(ENV_MAX_MB, "").strip()
    try:
        megabytes = float(raw) if raw else 10.0
    except ValueError:
        megabytes = 10.0
    return Limits(max_bytes=int(max(megabytes, 0.001) * 1024 * 1024))


@dataclass(frozen=True)
class Row:
    """One row of a file as read: its 1-based row (line) number and its cells' texts; in a workbook or a report's
    document, the sheet or table it belongs to, and for a PDF the page it is printed on."""

    number: int
    cells: tuple[str, ...]
    sheet: str = ""
    page: int | None = None

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    @property
    def empty(self) -> bool:
        return not any(c.strip() for c in self.cells)


def clean_name(filename: str | None) -> str:
    """The client's file name reduced to a harmless label (last path part, no control characters, ≤ 100 chars).

    It is shown to people and kept as metadata only; it is never used to build a path.
    """
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return name[-100:] or "上传文件"


def suffix(name: str) -> str:
    """The lower-case extension of a cleaned name ('' when it has none)."""
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def sniff(payload: bytes, name: str, lim: Limits) -> str:
    """What the bytes are — 'xlsx', 'zip' (section CSVs or reports), 'docx', 'doc' (Word 97–2003/WPS/RTF, converted),
    'pdf', 'html' or 'text' — judged from the bytes (the name only has to agree); refuse the rest."""
    if len(payload) > lim.max_bytes:
        raise refuse("too_big", size=mb(len(payload)), cap=mb(lim.max_bytes))
    ext = suffix(name)
    if not payload.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise refuse("empty")
    if ext in (".xls", ".et"):
        raise refuse("xls")
    if ext == ".xlsm":
        raise refuse("macro")
    if payload.startswith(_OLE):
        if _ENCRYPTED_OLE in payload:
            raise refuse("encrypted")
        if ext in (".doc", ".wps", ".docx"):
            return "doc"
        raise refuse("xls")
    if payload.startswith(b"%PDF"):
        return "pdf"
    if ext and ext not in SUFFIXES:
        raise refuse("suffix", suffix=ext, allowed="、".join(SUFFIXES))
    if payload.startswith(_ZIP):
        if ext in TEXT_SUFFIXES:
            raise refuse("renamed_zip", suffix=ext)
        return {".zip": "zip", ".docx": "docx", ".doc": "docx", ".wps": "docx"}.get(ext, "xlsx")
    if ext in (".xlsx", ".zip", ".docx"):
        raise refuse("renamed_text" if ext == ".xlsx" else "renamed_not_zip")
    if ext == ".pdf":
        raise refuse("pdf_broken")
    if ext in (".doc", ".wps") and payload.lstrip()[:5].lower() == _RTF:
        return "doc"
    if ext in (".html", ".htm", ".doc", ".wps") or _MARKUP.match(payload[:2048]):
        return "html"  # Word and WPS save web pages as .doc too
    return "text"


def mb(size: int) -> str:
    """A size as people read it: 14.1 MB."""
    return f"{size / 1024 / 1024:.1f} MB"


def _line_of(payload: bytes, offset: int) -> int:
    return payload[:offset].count(b"\n") + 1


def decode_text(payload: bytes) -> tuple[str, str]:
    """The text of a file and the encoding read: BOMs first, then UTF-8, then GB18030 (what Chinese Excel writes)."""
    if b"\x00" in payload and not payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _nul_refusal(payload)
    if payload.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    decoded: list[tuple[str, str]] = []
    last_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            decoded.append((payload.decode(encoding), encoding))
        except UnicodeDecodeError as exc:
            last_error = exc  # GB18030's error is the one to report: a file that is not UTF-8 is most likely GBK
    if not decoded:
        assert last_error is not None
        row = _line_of(payload, last_error.start)
        if candidates == ["utf-16"]:
            raise refuse("bad_utf16", row=row)
        raise refuse("garbage_bytes", row=row, encodings="、".join(ENCODING_NAMES[c] for c in candidates))
    text, encoding = next((d for d in decoded if any(m in d[0][:4000] for m in _MARKERS)), decoded[0])
    text = text.removeprefix("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        row = text[: bad.start()].count("\n") + 1
        raise refuse("control", row=row, code=f"U+{ord(bad.group()):04X}")
    if not text.strip():
        raise refuse("empty")
    return text, encoding


def _nul_refusal(payload: bytes) -> Exception:
    """NULs never occur in CSV text: UTF-16 saved without its BOM (it decodes cleanly as UTF-16), or binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return refuse("utf16_no_bom")
    offset = payload.index(b"\x00")
    return refuse("control", row=_line_of(payload, offset), code="U+0000")


# A pasted report's rows put spaces around “|” (“label | unit | 3”), a Markdown table opens and closes its rows with
# it, the seed annex ends each line with it: a header line with none of these is a “|”-separated file.
_LOOSE_PIPE = re.compile(r"\s\||\|\s|^\||\|$")


def delimiter_of(text: str) -> str:
    """Tab for tab-separated text (Excel's “Unicode text”, pasted cells), “|” for a file whose header is separated
    by “|” alone (an export from another system), else comma."""
    first = next((line for line in text.splitlines() if line.strip()), "").strip()
    pipes = first.count("|")
    if pipes > max(first.count(","), first.count("\t")) and not _LOOSE_PIPE.search(first):
        return "|"
    return "\t" if first.count("\t") > first.count(",") else ","


def split_rows(text: str, lim: Limits, delimiter: str | None = None) -> tuple[list[Row], list[Problem]]:
    """Every row of a delimited text with the csv module, with its line number; limits enforced, problems listed."""
    delimiter = delimiter or delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    problems: list[Problem] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(problem("csv_syntax", row=reader.line_num or start, detail=str(exc)))
            break
        if len(rows) >= lim.max_rows:
            problems.append(problem("too_many_rows", row=start, cap=lim.max_rows))
            break
        rows.append(Row(start, clip_cells(cells, start, lim, problems)))
        start = reader.line_num + 1
    return rows, problems


def in_sheet(problems: list[Problem], sheet: str) -> list[Problem]:
    """Problems of one worksheet or zip member, located in it: “sheet·column”, or the sheet named before the message
    where the problem has no column (a workbook or zip holds several files whose row numbers repeat)."""
    if not sheet:
        return problems
    return [replace(p, column=f"{sheet}·{p.column}") if p.column else replace(p, message=f"“{sheet}”：{p.message}")
            for p in problems]


def clip_cells(cells: list[str], row: int, lim: Limits, problems: list[Problem]) -> tuple[str, ...]:
    """A row's cells cut to the column and cell-length limits, each cut reported."""
    if len(cells) <= lim.max_columns and all(len(cell) <= lim.max_cell for cell in cells):
        return tuple(cells)  # the common case: nothing to cut
    if len(cells) > lim.max_columns:
        problems.append(problem("too_many_columns", row=row, count=len(cells), cap=lim.max_columns))
        cells = cells[: lim.max_columns]
    out = []
    for index, cell in enumerate(cells):
        if len(cell) > lim.max_cell:
            problems.append(
                problem("cell_too_long", row=row, column=column_letter(index), length=len(cell), cap=lim.max_cell)
            )
            cell = cell[: lim.max_cell]
        out.append(cell)
    return tuple(out)


def clip_rows(rows: list[list[str]], first: int, lim: Limits) -> tuple[list[Row], list[Problem]]:
    """Rows read some other way (workbook sheets, pasted text) held to the same limits."""
    problems: list[Problem] = []
    out = []
    for offset, cells in enumerate(rows):
        if len(out) >= lim.max_rows:
            problems.append(problem("too_many_rows", row=first + offset, cap=lim.max_rows))
            break
        out.append(Row(first + offset, clip_cells(cells, first + offset, lim, problems)))
    return out, problems
