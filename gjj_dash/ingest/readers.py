"""Ingest: read_upload — any accepted file (old table, 2019/2021 tables or any of their sections, measures) into an
Upload.

Each layout is one reader from rows to a Draft; every draft goes through the same validation. A later format is one
more entry in LAYOUTS (a header test and a row reader).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gjj_dash.ingest import new_tables as sections
from gjj_dash.ingest import pasted
from gjj_dash.ingest.decode import Limits, Row, clean_name, decode_text, in_sheet, limits, sniff, split_rows
from gjj_dash.ingest.draft import Draft, Field, Line, MeasureLine
from gjj_dash.ingest.messages import Refusal, column_letter, problem, refuse
from gjj_dash.ingest.validation import LABEL_COLUMN, validate
from gjj_dash.ingest.workbook import read_workbook, read_zip
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.numbers import normalise_text
from gjj_dash.model.problems import Problem, Upload

OLD_HEADER = {"统计指标": "label", "单位": "unit", "统计数": "value"}
MEASURE_HEADER = {
    "年度": "year", "year": "year",
    "填报单位": "unit", "unit": "unit", "reporting_unit": "unit",
    "指标编号": "measure", "measure": "measure", "measure_id": "measure",
    "指标名称": "label", "label": "label",
    "数值": "value", "value": "value",
    "计量单位": "unit_of_measure", "unit_of_measure": "unit_of_measure",
    "修饰": "qualifier", "qualifier": "qualifier",
    "来源说明": "source", "source": "source", "source_note": "source",
    "文字说明": "text", "text": "text",
}  # fmt: skip
MEASURE_COLUMNS = ("年度", "填报单位", "指标编号", "指标名称", "计量单位", "数值", "修饰", "来源说明")


@dataclass(frozen=True)
class Layout:
    """One kind of accepted table: how its header row looks and how its rows are read."""

    kind: str
    format: str | None
    matches: Callable[[Row, Catalogue], bool]
    read: Callable[[list[Row], int, Draft, bool, Catalogue], None]


def _names(row: Row) -> set[str]:
    return {normalise_text(c).lower() for c in row.cells if c.strip()}


def _columns(header: Row, known: dict[str, str], draft: Draft) -> dict[str, int]:
    """Canonical name → column index; duplicate and unknown header names are errors at the header row."""
    out: dict[str, int] = {}
    for index, text in enumerate(header.cells):
        key = normalise_text(text).lower()
        if not key:
            continue
        name = known.get(key)
        if name is None:
            draft.problems.append(
                problem("unknown_column", header.number, column_letter(index), given=text.strip()[:40])
            )
        elif name in out:
            first = column_letter(out[name])
            draft.problems.append(
                problem("duplicate_column", header.number, column_letter(index), given=text, first=first)
            )
        else:
            out[name] = index
    return out


def _meta(row: Row, draft: Draft) -> bool:
    """A title, year, 填报单位 or footer line (its text may be spread over several cells)."""
    filled = [(i, c) for i, c in enumerate(row.cells) if c.strip()]
    if not filled:
        return False
    text = " ".join(c.strip() for _, c in filled)
    return draft.scan_meta(Field(text, row.number, column_letter(filled[0][0])))


def _fits(row: Row, header: Row, used: set[int], draft: Draft, strict: bool) -> bool:
    """Field count equal to the header's (CSV), no content outside the table; False when the row cannot be read."""
    ok = True
    if strict and len(row.cells) != len(header.cells):
        draft.problems.append(
            problem("field_count", row.number, None, count=len(row.cells), expected=len(header.cells))
        )
        ok = False
    for index, text in enumerate(row.cells):
        if index not in used and text.strip():
            draft.problems.append(problem("outside", row.number, column_letter(index), given=text.strip()[:40]))
    return ok


def read_old_rows(rows: list[Row], at: int, draft: Draft, strict: bool, catalogue: Catalogue) -> None:
    """The old national table in the export's layout: 统计指标, 单位, 统计数; title and footer lines around it."""
    header = rows[at]
    cols = _columns(header, OLD_HEADER, draft)
    for row in rows[:at]:
        _meta(row, draft)
    for row in rows[at + 1 :]:
        if row.empty or _meta(row, draft):
            continue
        ok = _fits(row, header, set(cols.values()), draft, strict)
        label = Field(row.cell(cols["label"]), row.number, LABEL_COLUMN)
        if not label.text.strip():
            draft.problems.append(problem("no_label", row.number, LABEL_COLUMN))
            continue
        unit = Field(row.cell(cols["unit"]), row.number, "单位")
        value = Field(row.cell(cols["value"]), row.number, "统计数")
        draft.lines.append(Line(label, unit, (("value", value),), "main", broken=not ok))


def read_measure_rows(rows: list[Row], at: int, draft: Draft, strict: bool, catalogue: Catalogue) -> None:
    """The tidy supplementary-measures table: one row per (year, reporting unit, measure)."""
    header = rows[at]
    cols = _columns(header, MEASURE_HEADER, draft)
    for name, shown in (("unit", "填报单位"), ("value", "数值")):
        if name not in cols:
            draft.problems.append(problem("missing_column", header.number, None, name=shown))
    if "measure" not in cols and "label" not in cols:
        draft.problems.append(problem("missing_column", header.number, None, name="指标编号"))
    for row in rows[at + 1 :]:
        if row.empty:
            continue
        if not _fits(row, header, set(cols.values()), draft, strict):
            continue
        cells = {name: Field(row.cell(i), row.number, header.cells[i].strip()) for name, i in cols.items()}
        year = cells.get("year")
        if year is not None and year.text.strip():
            text = normalise_text(year.text).removesuffix("年度").removesuffix("年")
            if text.isdigit() and len(text) == 4:
                draft.years.append((int(text), year))
            else:
                draft.problems.append(problem("bad_year", year.row, year.column, given=year.text.strip()[:20]))
        draft.measures.append(MeasureLine(row.number, cells))


def _is_measures(row: Row, catalogue: Catalogue) -> bool:
    names = _names(row)
    return bool({"年度", "year"} & names) and bool({"指标编号", "measure", "指标名称"} & names)


LAYOUTS: list[Layout] = [
    Layout("table", "old", lambda row, _: set(OLD_HEADER) <= _names(row), read_old_rows),
    Layout("measures", None, _is_measures, read_measure_rows),
    Layout("table", None, sections.matches, sections.read_new_rows),  # 2019 or 2021: told from the labels
]


def _find_layout(rows: list[Row], catalogue: Catalogue) -> tuple[Layout, int] | None:
    for at, row in enumerate(rows):
        for layout in LAYOUTS:
            if layout.matches(row, catalogue):
                return layout, at
    return None


def _from_rows(rows: list[Row], draft: Draft, strict: bool, catalogue: Catalogue) -> Draft:
    found = _find_layout(rows, catalogue)
    if found is None:
        raise refuse("no_header")
    layout, at = found
    draft.kind, draft.format = layout.kind, layout.format
    layout.read(rows, at, draft, strict, catalogue)
    return draft


def _from_workbook(payload: bytes, draft: Draft, catalogue: Catalogue, lim: Limits) -> Draft:
    """The first sheet with a known header; a new-format workbook's sections are its sheets, read one after another."""
    sheets, problems = read_workbook(payload, lim)
    draft.problems[:0] = problems
    for sheet in sheets:
        found = _find_layout(list(sheet.rows), catalogue)
        if found is None:
            continue
        rows = list(sheet.rows)
        if found[0].read is sections.read_new_rows:  # every sheet with a section header, in workbook order
            chosen = [s for s in sheets if _find_layout(list(s.rows), catalogue) is not None]
            rows = [Row(r.number, r.cells, s.title) for s in chosen for r in s.rows]
        return _from_rows(rows, draft, False, catalogue)
    raise refuse("no_header")


def _text_rows(text: str, lim: Limits) -> tuple[list[Row], list[Problem], bool]:
    """A text's rows and problems, and whether they are read strictly: cells pasted from a report (tabs or “ | ”
    between them) leniently, a CSV/TSV strictly (every row as wide as its header)."""
    if pasted.has_cell_rows(text):
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
    return _from_rows(rows, draft, strict, catalogue)


def _draft(payload: bytes, name: str, catalogue: Catalogue, lim: Limits, year: int | None) -> Draft:
    kind = sniff(payload, name, lim)
    if kind == "xlsx":
        return _from_workbook(payload, Draft("table", None, "xlsx", name, year_hint=year), catalogue, lim)
    if kind == "zip":
        return _from_zip(payload, Draft("table", None, "zip", name, year_hint=year), catalogue, lim)
    text, encoding = decode_text(payload)
    if pasted.is_annex(text):
        return pasted.read_annex(text, encoding, name, catalogue, lim)
    rows, problems, strict = _text_rows(text, lim)
    if _find_layout(rows, catalogue) is None:
        pasted.refuse_run_together(text, catalogue)
    draft = Draft("table", None, encoding, name, problems=problems, year_hint=year)
    return _from_rows(rows, draft, strict, catalogue)


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
