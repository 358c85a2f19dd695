"""Benchmark: validation and import of a 10,000-row tidy CSV and of a full 2021 workbook, in seconds."""

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
