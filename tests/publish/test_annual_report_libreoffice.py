"""The Word draft opens in LibreOffice: `soffice --headless --convert-to pdf` turns it into a PDF with pages, whose
text (pdftotext) holds the title, the headings and the tables' figures. Skipped with the reason where LibreOffice or
poppler is not installed; under CI (which installs both) their absence fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        reason = f"{name} is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"LibreOffice test cannot run under CI: {reason}", pytrace=False)
        pytest.skip(f"LibreOffice test skipped: {reason}")
    return found


def to_pdf(docx: Path) -> Path:
    """Convert with a private LibreOffice profile (a shared one is locked by any other soffice running)."""
    soffice = _tool("soffice")
    profile = docx.parent / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(docx.parent), str(docx)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    pdf = docx.with_suffix(".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pdf_text(pdf: Path) -> tuple[int, str]:
    """Page count (pdfinfo) and the text with all white space removed (pdftotext spaces out digits and CJK)."""
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("year", "figures"), [
    (2016, ["204", "13810", "19000余"]),
    (2021, ["24252.311082", "2293", "665"]),
])  # fmt: skip
def test_word_draft_converts_to_a_pdf_with_pages_and_text(drafted, drafts, tmp_path: Path, year, figures) -> None:
    """The .docx is a whole zip, LibreOffice converts it, and the PDF has pages with the title, the first section and
    the figures in it."""
    docx = tmp_path / "report.docx"
    docx.write_bytes(drafted(year, "docx"))
    assert zipfile.ZipFile(docx).testzip() is None
    pages, text = pdf_text(to_pdf(docx))
    assert pages >= 4
    report = drafts(year)
    assert report.title in text
    assert ("一、概述" if year == 2016 else "一、总体情况") in text
    for figure in figures:
        assert figure in text
