"""Ingest: read_upload — any accepted file into an Upload: a filled template or export (CSV, TSV, XLSX, a zip of
section CSVs), pasted cells, the measures table, or the report as published (web page, Word, PDF, copied text, a
table pasted into a spreadsheet).

Tabular files go straight to a layout (gjj_dash.ingest.layouts); a report goes through its reader into a Document
and gjj_dash.ingest.report. Every draft then goes through the same validation.
"""

from __future__ import annotations

from gjj_dash.ingest import copied, pasted, pdf, webpage, word
from gjj_dash.ingest import new_tables as sections
from gjj_dash.ingest.decode import (
    Limits,
    Row,
    clean_name,
    decode_text,
    delimiter_of,
    in_sheet,
    limits,
    sniff,
    split_rows,
    suffix,
)
from gjj_dash.ingest.document import Document
from gjj_dash.ingest.draft import Draft
from gjj_dash.ingest.layouts import MEASURE_COLUMNS, MEASURE_HEADER, find_layout, read_rows
from gjj_dash.ingest.messages import Refusal, problem, refuse
from gjj_dash.ingest.report import read_report
from gjj_dash.ingest.validation import validate
from gjj_dash.ingest.vocabulary import is_figure, is_word, mentions
from gjj_dash.ingest.workbook import Sheet, read_workbook, read_zip
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.problems import Problem, Upload

__all__ = ["MEASURE_COLUMNS", "MEASURE_HEADER", "read_upload"]


def _from_workbook(payload: bytes, draft: Draft, catalogue: Catalogue, lim: Limits) -> Draft:
    """The first sheet with a known header; a new-format workbook's sections are its sheets, read one after another.
    A table pasted from a report (merged cells in its figure rows) is read as the report's tables are."""
    sheets, problems = read_workbook(payload, lim)
    draft.problems[:0] = problems
    if any(_pasted(sheet, catalogue) for sheet in sheets):
        doc = Document("xlsx", "XLSX 工作簿（从网页或报告粘贴的表格）")
        for sheet in sheets:
            doc.add_table(sheet.printed())
        found = read_report(doc, draft.name, catalogue, draft.year_hint)
        found.problems[:0] = draft.problems
        return found
    for sheet in sheets:
        found = find_layout(list(sheet.rows), catalogue)
        if found is None:
            continue
        rows = list(sheet.rows)
        if found[0].read is sections.read_new_rows:  # every sheet with a section header, in workbook order
            chosen = [s for s in sheets if find_layout(list(s.rows), catalogue) is not None]
            rows = [Row(r.number, r.cells, s.title) for s in chosen for r in s.rows]
        return read_rows(rows, draft, False, catalogue)
    raise refuse("no_header")


def _text_rows(text: str, lim: Limits) -> tuple[list[Row], list[Problem], bool]:
    """A text's rows and problems, and whether they are read strictly: cells pasted from a report (tabs or “ | ”
    between them) leniently, a CSV/TSV (or a “|”-separated file, quotes and all) strictly (every row as wide as its
    header)."""
    if delimiter_of(text) != "|" and pasted.has_cell_rows(text):
        rows, problems = pasted.cell_rows(text, lim)
        return rows, problems, False
    rows, problems = split_rows(text, lim)
    return rows, problems, True


def _from_zip(payload: bytes, draft: Draft, catalogue: Catalogue, lim: Limits) -> Draft:
    """A zip of section files (the section templates, filled in): each member read as that file uploaded alone would
    be, its rows and problems located in it by its file name (as a workbook's by sheet), then all sections read as
    one year's table."""
    rows: list[Row] = []
    strict = True
    for member, data in read_zip(payload, lim):
        try:
            found, problems, alone_strict = _text_rows(decode_text(data)[0], lim)
        except Refusal as exc:  # say which member: the archive's other files may be fine
            raise Refusal(*in_sheet([exc.problem], member)) from None
        draft.problems += in_sheet(problems, member)
        rows += [Row(r.number, r.cells, member) for r in found]
        strict = strict and alone_strict
        if len(rows) > lim.max_rows:
            raise refuse("zip_rows", cap=lim.max_rows)
    return read_rows(rows, draft, strict, catalogue)


def _pasted(sheet: Sheet, catalogue: Catalogue) -> bool:
    """A sheet pasted from a report: a merged range crosses a row that holds a figure (an export merges head cells
    only) or a row label spans rows."""
    rows = {row.number: row for row in sheet.rows}
    for r0, c0, r1, _ in sheet.merged:
        row = rows.get(r0)
        if row is None:
            continue
        if r1 > r0 and is_word(row.cell(c0 - 1), catalogue) and any(
                is_figure(c) for r in range(r0, r1 + 1) if r in rows for c in rows[r].cells):
            return True
        if any(is_figure(c) for c in row.cells) and r1 == r0:
            return True
    return False


def _document(kind: str, payload: bytes, name: str, catalogue: Catalogue, lim: Limits) -> Document:
    if kind == "html":
        return webpage.read_webpage(payload, lambda text: is_word(text, catalogue))
    if kind == "docx":
        return word.read_docx(payload, lim)
    if kind == "doc":
        return word.convert_to_docx(payload, suffix(name) or ".doc", lim)
    return pdf.read_pdf(payload, lim, lambda text: is_word(text, catalogue), lambda text: mentions(text, catalogue))


def _draft(payload: bytes, name: str, catalogue: Catalogue, lim: Limits, year: int | None) -> Draft:
    kind = sniff(payload, name, lim)
    if kind == "xlsx":
        return _from_workbook(payload, Draft("table", None, "xlsx", name, year_hint=year), catalogue, lim)
    if kind == "zip":
        return _from_zip(payload, Draft("table", None, "zip", name, year_hint=year), catalogue, lim)
    if kind in ("html", "docx", "doc", "pdf"):
        return read_report(_document(kind, payload, name, catalogue, lim), name, catalogue, year)
    text, encoding = decode_text(payload)
    if copied.looks_copied(text, catalogue):
        return read_report(copied.read_copied(text, encoding, catalogue), name, catalogue, year)
    if pasted.is_annex(text):
        return pasted.read_annex(text, encoding, name, catalogue, lim)
    rows, problems, strict = _text_rows(text, lim)
    if find_layout(rows, catalogue) is None:
        pasted.refuse_run_together(text, catalogue)
    draft = Draft("table", None, encoding, name, problems=problems, year_hint=year)
    return read_rows(rows, draft, strict, catalogue)


def read_upload(
    payload: bytes,
    filename: str,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    lim: Limits | None = None,
) -> Upload:
    """Read and check one uploaded file; never raises for bad input — every failure is a Problem with row/column."""
    name = clean_name(filename)
    try:
        cat = catalogue or load_catalogue()
        return validate(_draft(bytes(payload), name, cat, lim or limits(), year), year, cat)
    except Refusal as exc:
        return Upload("unknown", None, year, "", problems=(exc.problem,), report={"file_name": name})
    except Exception as exc:  # noqa: BLE001 — bad input must never become a traceback; the message names the failure
        internal = problem("internal", error=type(exc).__name__)
        return Upload("unknown", None, year, "", problems=(internal,), report={"file_name": name})
