"""Ingest: a Word report read into a Document — .docx with python-docx; .doc and .wps first converted by LibreOffice.

A merged cell is read once: python-docx repeats a merged cell's text in every grid cell it covers, so the table is
walked by its own XML — a cell spanning columns (w:gridSpan) is one cell, and a cell continuing a vertical merge
(w:vMerge without "restart") is the cell above, not a new one. Paragraphs and tables are kept in body order; a
table used as a frame around text (WPS does this) gives its text as paragraphs and its inner tables as tables.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gjj_dash.ingest.decode import Limits
from gjj_dash.ingest.document import Document
from gjj_dash.ingest.messages import refuse
from gjj_dash.ingest.workbook import check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONVERT_SECONDS = 60


def read_docx(payload: bytes, lim: Limits, form: str = "docx") -> Document:
    """Every paragraph and table of the document body, in order (zip sizes checked before anything is parsed)."""
    check_zip(payload, lim, workbook=False)
    import docx  # imported here: only Word uploads pay for python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(io.BytesIO(payload)).element.body
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise refuse("bad_docx") from None
    except Exception:  # noqa: BLE001 — a third-party parser on untrusted bytes: any failure means “not a readable docx”
        raise refuse("bad_docx") from None
    doc = Document(form)
    _blocks(body, doc)
    return doc


def _blocks(parent, doc: Document) -> None:
    for child in parent.iterchildren():
        if child.tag == f"{W}p":
            doc.add_paragraph(_text(child))
        elif child.tag == f"{W}tbl":
            _table(child, doc)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _blocks(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child, doc)


def _cells(tr):
    return [tc for tc in tr.iterchildren(f"{W}tc")]


def _continues(tc) -> bool:
    """A cell that continues the vertical merge begun above it (its text, if any, is the merged cell's)."""
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val", "continue") == "continue"


def _table(tbl, doc: Document) -> None:
    """A table's printed rows; a frame table (a table holding tables) gives paragraphs and its inner tables."""
    if tbl.find(f".//{W}tc/{W}tbl") is not None:
        for tr in tbl.iterchildren(f"{W}tr"):
            for tc in _cells(tr):
                _blocks(tc, doc)
        return
    rows = [[_cell_text(tc) for tc in _cells(tr) if not _continues(tc)] for tr in tbl.iterchildren(f"{W}tr")]
    doc.add_table(rows)


def _cell_text(tc) -> str:
    return "\n".join(_text(p) for p in tc.iter(f"{W}p"))


def _text(paragraph) -> str:
    """A paragraph's text: its runs as they are (Word splits words into runs), tabs and breaks as spaces/lines;
    deleted text (tracked changes) is not read."""
    out = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if element.tag == f"{W}t":
            out.append(element.text or "")
        else:
            out.append("\t" if element.tag == f"{W}tab" else "\n")
    return "".join(out)


def _run(args: list[str], folder: str) -> bool:
    """Run LibreOffice in its own process group, ended whole (soffice starts soffice.bin) when it overruns."""
    try:
        process = subprocess.Popen(args, cwd=folder, env={**os.environ, "HOME": folder}, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    try:
        return process.wait(timeout=CONVERT_SECONDS) == 0
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False


def soffice() -> str | None:
    """LibreOffice's command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(payload: bytes, suffix: str, lim: Limits) -> Document:
    """A .doc or .wps file converted by LibreOffice (headless, time-limited, in a private temporary folder with its
    own profile) and read as .docx; without LibreOffice, a Chinese message asking for a .docx."""
    command = soffice()
    if command is None:
        raise refuse("doc_no_converter", suffix=suffix)
    with tempfile.TemporaryDirectory(prefix="gjj-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"report{suffix}"
        source.write_bytes(payload)
        profile = (folder / "profile").as_uri()
        args = [command, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx",
                "--outdir", str(folder / "out"), str(source)]
        if not _run(args, tmp):
            raise refuse("doc_convert_failed", suffix=suffix)
        converted = folder / "out" / "report.docx"
        if not converted.is_file():
            raise refuse("doc_convert_failed", suffix=suffix)
        doc = read_docx(converted.read_bytes(), lim, form=suffix.lstrip("."))
    doc.encoding = "由 LibreOffice 转换为 .docx 后读取"
    return doc
