"""Ingest: the layouts an uploaded table may have — the old table's export, the measures table, the 2019/2021 sections
and a province's own table — each a header test and a row reader from rows to a Draft.

A later format is one more entry in LAYOUTS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gjj_dash.ingest import new_tables as sections
from gjj_dash.ingest import variant
from gjj_dash.ingest.decode import Row
from gjj_dash.ingest.draft import LABEL_COLUMN, Draft, Field, Line, MeasureLine
from gjj_dash.ingest.messages import column_letter, problem, refuse
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.numbers import normalise_text

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
    used, heads = set(cols.values()), {name: header.cells[i].strip() for name, i in cols.items()}
    for row in rows[at + 1 :]:
        if row.empty:
            continue
        if not _fits(row, header, used, draft, strict):
            continue
        cells = {name: Field(row.cell(i), row.number, heads[name]) for name, i in cols.items()}
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
    Layout("table", None, variant.matches, variant.read_variant_rows),  # a province's own table (福建 …)
]


def find_layout(rows: list[Row], catalogue: Catalogue) -> tuple[Layout, int] | None:
    for at, row in enumerate(rows):
        for layout in LAYOUTS:
            if layout.matches(row, catalogue):
                return layout, at
    return None


def read_rows(rows: list[Row], draft: Draft, strict: bool, catalogue: Catalogue) -> Draft:
    """The rows read by the layout whose header comes first (refused when no row is a known header)."""
    found = find_layout(rows, catalogue)
    if found is None:
        raise refuse("no_header")
    layout, at = found
    draft.kind, draft.format = layout.kind, layout.format
    layout.read(rows, at, draft, strict, catalogue)
    return draft
