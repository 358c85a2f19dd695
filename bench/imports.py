"""Benchmark: validation and import of a 10,000-row tidy CSV, a full 2021 workbook, a 30-page PDF report and a 200 KB
saved web page, in seconds."""

from __future__ import annotations

import csv
import importlib
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.report import Result

ROWS = 10_000
GROUP = "import (read + validate)"


def _reader() -> Callable | None:
    """gjj_dash.ingest.readers.read_upload(payload, filename, year=None) -> Upload, once the readers engineer has it."""
    try:
        return importlib.import_module("gjj_dash.ingest.readers").read_upload
    except (ImportError, AttributeError):
        return None


def tidy_csv(rows: int = ROWS, year: int = 2026) -> bytes:
    """A tidy measures CSV of `rows` rows in the readers' layout (年度, 填报单位, 指标编号, …, 数值, 修饰, 来源说明).

    One year holds only 47 measures × 4 reporting units, so past that the (unit, measure) pairs repeat: the reader
    must still read and check every row (and report each repeat), which is what is timed.
    """
    from gjj_dash.model.catalogue import load_catalogue

    cat = load_catalogue()
    module = importlib.import_module("gjj_dash.ingest.readers")
    header = list(getattr(module, "MEASURE_COLUMNS", ()))
    fields = getattr(module, "MEASURE_HEADER", {})
    pairs = [(u, m) for u in cat.units.values() for m in cat.measures.values()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for n in range(rows):
        unit, m = pairs[n % len(pairs)]
        value = {"flag": "1", "text": ""}.get(m.kind, str((n * 37) % 5000))
        cells = {
            "year": str(year), "unit": unit.label, "measure": m.id, "label": m.label, "unit_of_measure": m.unit,
            "value": value, "qualifier": "余" if n % 11 == 0 and m.kind == "count" else "",
            "source": "合成数据（基准测试）", "text": m.label if m.kind == "text" else "",
        }  # fmt: skip
        writer.writerow([cells.get(fields.get(name, ""), "") for name in header])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _timed(read: Callable, payload: bytes, name: str, year: int | None, repeats: int = 3,
           **extra: object) -> tuple[float, object]:
    runs, upload = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        upload = read(payload, name, year=year, **extra)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), upload


def _outcome(upload: object) -> str:
    problems = getattr(upload, "problems", ())
    frame = getattr(upload, "frame", None)
    rows = len(frame) if frame is not None else 0
    errors = sum(getattr(p, "severity", "") == "error" for p in problems)
    first = f" (first: {problems[0].line()[:80]})" if problems else ""
    return f"{rows} values read, {errors} errors, {len(problems) - errors} warnings{first}"


def workbook_2021(synthetic: Path) -> bytes | None:
    """A full 2021-format workbook: the exporter's XLSX of a synthetic 2021 year, when an exporter writes one."""
    from gjj_dash.store.dataset import load_dataset

    export = importlib.import_module("gjj_dash.publish.export")
    write = getattr(export, "table_xlsx", None)
    return None if write is None else write(load_dataset(synthetic), 2021)


def measure(synthetic: Path, target: float) -> list[Result]:
    """Time read_upload on both files (median of 3); NOT MEASURED where the reader or the workbook is missing."""
    read = _reader()
    if read is None:
        why = "not measurable yet: gjj_dash.ingest.readers.read_upload does not exist"
        return [Result(GROUP, f"tidy CSV, {ROWS:,} rows", float("nan"), "s", target, detail=why),
                Result(GROUP, "2021 workbook (XLSX)", float("nan"), "s", detail=why)]
    from gjj_dash.ingest.decode import Limits

    payload = tidy_csv()
    seconds, upload = _timed(read, payload, "measures.csv", None, lim=Limits(max_rows=ROWS + 10))
    out = [Result(GROUP, f"tidy CSV, {ROWS:,} rows", seconds, "s", target,
                  detail=f"{len(payload):,} bytes, row limit raised to {ROWS + 10:,}: {_outcome(upload)}")]
    seconds, upload = _timed(read, payload, "measures.csv", None)
    out.append(Result(GROUP, f"tidy CSV, {ROWS:,} rows, deployment limits", seconds, "s",
                      detail=f"the upload limits apply: {_outcome(upload)}"))
    book = workbook_2021(synthetic)
    if book is None:
        out.append(Result(GROUP, "2021 workbook (XLSX)", float("nan"), "s",
                          detail="not measurable yet: no XLSX writer in gjj_dash.publish.export"))
    else:
        seconds, upload = _timed(read, book, "2021.xlsx", 2021)
        out.append(Result(GROUP, "2021 workbook (XLSX)", seconds, "s",
                          detail=f"the exporter's XLSX of synthetic 2021, {len(book):,} bytes: {_outcome(upload)}"))
    return out


# -- the report as published: a 30-page PDF and a 200 KB web page, built from the real samples -------------------

REPORT_GROUP = "import of a published report (read + validate)"
PDF_PAGES, PDF_TARGET = 30, 5.0
PAGE_BYTES, PAGE_TARGET = 200 * 1024, 1.0


def published_samples() -> Path | None:
    """The real published reports beside the project (../shared/reference/published), when the machine has them."""
    root = Path(__file__).resolve().parent.parent
    for folder in (root.parent / "shared" / "reference" / "published", Path("/work/shared/reference/published")):
        if folder.is_dir():
            return folder
    return None


def pdf_30_pages(folder: Path) -> bytes:
    """The real Word-printed 2021 PDF (6 pages) grown to 30: its narrative page repeated before its tables, with
    PDFium (pdfplumber's own dependency), so one report of 30 pages with one set of tables is read."""
    import pypdfium2 as pdfium  # imported here like the readers: only the report case needs it

    source = pdfium.PdfDocument((folder / "2021_pingtan_word.pdf").read_bytes())
    grown = pdfium.PdfDocument.new()
    grown.import_pages(source, [0] + [1] * (PDF_PAGES - len(source)) + list(range(1, len(source))))
    out = io.BytesIO()
    grown.save(out)
    return out.getvalue()


def web_page_200k(folder: Path) -> bytes:
    """The real 2016 page (165 KB, Fujian's table, Word-exported spans) grown to 200 KB with more of the site's own
    navigation markup after the article, as a heavier site template would be."""
    page = (folder / "2016_pingtan.html").read_bytes()
    item = '<li><a href="/zwgk/">政务公开</a></li>'.encode()
    filler = b'<div class="nav"><ul>' + item * 40
    filler += b"</ul></div>\n"
    extra = b""
    while len(page) + len(extra) < PAGE_BYTES:
        extra += filler
    return page.replace(b"</body>", extra[: PAGE_BYTES - len(page)].rsplit(b"\n", 1)[0] + b"\n</body>", 1)


def reports() -> list[Result]:
    """Time read_upload on the 30-page PDF and the 200 KB page (median of 3); NOT MEASURED without the samples."""
    read, folder = _reader(), published_samples()
    if read is None or folder is None:
        why = "not measurable: " + ("no reader" if read is None else "../shared/reference/published is absent")
        return [Result(REPORT_GROUP, f"{PDF_PAGES}-page PDF report", float("nan"), "s", PDF_TARGET, detail=why),
                Result(REPORT_GROUP, "200 KB web page", float("nan"), "s", PAGE_TARGET, detail=why)]
    out = []
    for item, payload, name, target in ((f"{PDF_PAGES}-page PDF report", pdf_30_pages(folder), "report.pdf",
                                         PDF_TARGET),
                                        ("200 KB web page", web_page_200k(folder), "report.html", PAGE_TARGET)):
        seconds, upload = _timed(read, payload, name, None)
        out.append(Result(REPORT_GROUP, item, seconds, "s", target,
                          detail=f"{len(payload):,} bytes, built from the real samples: {_outcome(upload)}"))
    return out
