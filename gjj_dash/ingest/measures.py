"""Ingest: the supplementary measures' rows checked — year, reporting unit, measure, figure or text, qualifier."""

from __future__ import annotations

import math

from gjj_dash.ingest.draft import Draft, Field, MeasureLine
from gjj_dash.ingest.messages import problem
from gjj_dash.model.catalogue import Catalogue, Measure
from gjj_dash.model.numbers import PLACEHOLDERS, QUALIFIERS, NumberError, normalise_text, parse_number
from gjj_dash.model.problems import Problem

MEASURE_FORMAT = "measure"
_YES = {"1", "是", "有", "已", "√", "✓", "y", "yes", "true"}
_NO = {"0", "否", "no", "n", "false"}


def check_measures(draft: Draft, catalogue: Catalogue, year: int | None, problems: list[Problem]) -> list[dict]:
    """Canonical records of every valid measure row; each wrong cell reported at its row and column."""
    units = _lookup({u.id: (u.id, u.label, u.short) for u in catalogue.units.values()})
    measures = _lookup({m.id: (m.id, m.label) for m in catalogue.measures.values()})
    records: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for line in draft.measures:
        unit_id = _find(line.get("unit"), units, "unknown_unit", problems)
        measure_id = _find(line.get("measure") or line.get("label"), measures, "unknown_measure", problems, catalogue)
        if unit_id is None or measure_id is None:
            continue
        measure = catalogue.measures[measure_id]
        _check_label(line, measure, problems)
        _check_unit(line, measure, problems)
        key = (unit_id, measure_id)
        if key in seen:
            cell = line.get("measure") or line.get("label")
            problems.append(
                problem(
                    "duplicate_measure", line.row, cell.column if cell else None, label=measure.label, first=seen[key]
                )
            )
            continue
        seen[key] = line.row
        record = _value(line, measure, problems)
        if record is not None:
            source = line.get("source")
            record.update(
                year=year or 0,
                unit=unit_id,
                format=MEASURE_FORMAT,
                indicator=measure_id,
                column="value",
                source=(source.text.strip() if source else "") or f"上传文件“{draft.name}”",
            )
            records.append(record)
    if not draft.measures:
        problems.append(problem("no_rows"))
    order = {m: n for n, m in enumerate(catalogue.measures)}
    unit_order = {u: n for n, u in enumerate(catalogue.units)}
    records.sort(key=lambda r: (order[r["indicator"]], unit_order[r["unit"]]))
    return records


def _lookup(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised id, label and short name → id."""
    out: dict[str, str] = {}
    for ident, keys in names.items():
        for key in keys:
            if key:
                out[normalise_text(key).lower()] = ident
    return out


def _find(
    cell: Field | None, table: dict[str, str], key: str, problems: list[Problem], catalogue: Catalogue | None = None
) -> str | None:
    if cell is None:
        return None
    text = normalise_text(cell.text).lower()
    found = table.get(text)
    if found is None:
        if catalogue is not None and cell.text.strip() in catalogue.indicators:
            problems.append(problem("table_row_in_measures", cell.row, cell.column, given=cell.text.strip()))
        else:
            problems.append(problem(key, cell.row, cell.column, given=cell.text.strip()[:60] or "（空）"))
    return found


def _check_label(line: MeasureLine, measure: Measure, problems: list[Problem]) -> None:
    label, ident = line.get("label"), line.get("measure")
    if label and ident and label.text.strip() and normalise_text(label.text) != normalise_text(measure.label):
        problems.append(
            problem("measure_label", label.row, label.column, given=label.text.strip()[:60], label=measure.label)
        )


def _check_unit(line: MeasureLine, measure: Measure, problems: list[Problem]) -> None:
    cell = line.get("unit_of_measure")
    if cell and cell.text.strip() and normalise_text(cell.text) != normalise_text(measure.unit):
        problems.append(
            problem(
                "wrong_unit", cell.row, cell.column, label=measure.label, unit=measure.unit or "（无）", given=cell.text
            )
        )


def _value(line: MeasureLine, measure: Measure, problems: list[Problem]) -> dict | None:
    """The measure's figure (count), flag (是/否 or the named thing) or text, with its qualifier."""
    cell = line.get("value")
    raw = cell.text.strip() if cell else ""
    text_cell = line.get("text")
    extra = text_cell.text.strip() if text_cell else ""
    qualifier_cell = line.get("qualifier")
    qualifier = normalise_text(qualifier_cell.text) if qualifier_cell else ""
    base = {"raw": raw, "value": math.nan, "qualifier": "", "blank": False, "text": extra}
    if measure.kind == "text":
        base.update(raw="", text=raw or extra)
        return base if base["text"] else None
    if not raw and not extra:
        return None  # a template row left empty: nothing reported, nothing stored (a typed “—” is kept as blank)
    if measure.kind == "flag" and normalise_text(raw) not in PLACEHOLDERS:
        folded = normalise_text(raw).lower()
        base["value"] = 0.0 if folded in _NO else 1.0
        base["text"] = extra or ("" if folded in _YES | _NO else raw)
        return base
    try:
        reading = parse_number(raw)
    except NumberError as exc:
        problems.append(Problem(str(exc), cell.row if cell else line.row, cell.column if cell else None))
        return None
    where = (cell.row, cell.column) if cell else (line.row, None)
    if reading.unit and reading.unit != measure.unit:
        problems.append(problem("cell_unit", *where, given=reading.unit, unit=measure.unit or "（无）"))
        return None
    if qualifier and qualifier not in QUALIFIERS:
        problems.append(problem("bad_qualifier", qualifier_cell.row, qualifier_cell.column, given=qualifier))
        return None
    if qualifier and reading.qualifier and qualifier != reading.qualifier:
        problems.append(problem("qualifier_conflict", *where, raw=raw, given=qualifier))
        return None
    value = reading.value
    if value is not None and value < 0:
        problems.append(problem("negative", *where, raw=raw))
        return None
    if value is not None and not float(value).is_integer():
        problems.append(problem("not_integer", *where, raw=raw, unit=measure.unit))
        return None
    final_qualifier = reading.qualifier or qualifier
    if final_qualifier and value is not None:
        problems.append(
            problem(
                "approximate",
                *where,
                "note",
                raw=raw + (qualifier if not reading.qualifier else ""),
                value=str(int(value)),
            )
        )
    base.update(value=math.nan if reading.blank else value, qualifier=final_qualifier, blank=reading.blank)
    return base
