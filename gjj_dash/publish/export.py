"""Publish: exports of a year's official tables and of the whole dataset, safe to open in Excel."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from dataclasses import asdict

import pandas as pd

from gjj_dash.model.numbers import plain_number
from gjj_dash.model.values import Dataset
from gjj_dash.publish.dictionary import dictionary_frame
from gjj_dash.publish.files import content_name, csv_bytes, neutralise, neutralise_tree
from gjj_dash.publish.form_html import form_html
from gjj_dash.publish.form_xlsx import form_xlsx
from gjj_dash.publish.official import Form, official_form, official_frame, official_tables
from gjj_dash.publish.tidy import tidy_frame

TABLE_KINDS = ("csv", "xlsx", "html", "json")
DATASET_KINDS = ("csv", "parquet")
TABLE_STEM = "gjj-official-table"
DATASET_STEM = "gjj-dataset"


def table_csv(dataset: Dataset, year: int) -> bytes:
    """The year's statistics table(s) in official layout: UTF-8 with BOM so Excel opens the Chinese text."""
    tables = official_tables(dataset, year)
    rows: list[list[str]] = []
    for n, table in enumerate(tables):
        frame = official_frame(table)
        if n:
            rows.append([])
        if len(tables) > 1:  # the new formats print several tables: each goes under its own title
            rows.append([table.table.title])
        rows.append(list(frame.columns))
        rows += [[str(v) for v in row] for row in frame.itertuples(index=False)]
    return csv_bytes(rows)


def _number(value: float | None) -> int | float | None:
    if value is None or math.isnan(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def form_json(form: Form) -> dict:
    """The printed form as a JSON tree: header, footer, and every row with stable ids, labels, units and cells."""
    tables = []
    for official in form.tables:
        rows, notes = [], []
        for row in official.rows:
            ind = row.indicator
            if row.is_note:
                notes.append({"id": ind.id, "label": ind.label, "label_en": ind.label_en, "after": ind.parent})
                continue
            cells = [
                {
                    "column": col.id, "column_label": col.label, "unit": col.unit or ind.unit,
                    "value": None if cell is None else _number(cell.value),
                    "raw": "" if cell is None else cell.raw,
                    "qualifier": "" if cell is None else cell.qualifier,
                    "blank": True if cell is None else cell.blank,
                    "source": "" if cell is None else cell.source,
                }
                for col, cell in zip(official.columns, row.cells, strict=True)
            ] if row.has_value else []  # fmt: skip
            rows.append({
                "id": ind.id, "table": official.table.id, "level": ind.level, "indent": row.indent,
                "label": ind.label, "label_en": ind.label_en, "unit": row.unit, "parent": ind.parent,
                "relation": ind.relation, "relation_to": ind.relation_to, "cells": cells,
            })  # fmt: skip
        tables.append({
            "id": official.table.id, "title": official.table.title, "caption": official.table.caption,
            "header": official.header,
            "header_cells": [asdict(c) for c in official.head()[0]],
            "columns": [{"id": c.id, "label": c.label, "label_en": c.label_en, "unit": c.unit, "group": c.group}
                        for c in official.columns],
            "rows": rows, "notes": notes,
        })  # fmt: skip
    return {
        "title": form.title, "year": form.year, "period": form.period, "format": form.format.id,
        "format_label": form.format.label, "basis": form.format.basis, "filer": form.filer,
        "footer": dict(form.footer), "source": form.source, "origin": form.origin, "version": form.version,
        "tables": tables,
    }  # fmt: skip


def table_json(dataset: Dataset, year: int) -> bytes:
    """The year's form as UTF-8 JSON (strings neutralised like every export)."""
    tree = neutralise_tree(form_json(official_form(dataset, year)))
    return (json.dumps(tree, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def table_xlsx(dataset: Dataset, year: int) -> bytes:
    """The year's form as one printable XLSX sheet (see form_xlsx)."""
    return form_xlsx(official_form(dataset, year))


def table_html(dataset: Dataset, year: int) -> bytes:
    """The year's form as one self-contained printable HTML page (see form_html)."""
    return form_html(official_form(dataset, year))


TABLE_WRITERS: dict[str, Callable[[Dataset, int], bytes]] = {
    "csv": table_csv, "xlsx": table_xlsx, "html": table_html, "json": table_json,
}  # fmt: skip


def dataset_csv(dataset: Dataset) -> bytes:
    """Every value of every year as one tidy CSV (UTF-8 with BOM, texts neutralised, blanks empty)."""
    return tidy_csv(tidy_frame(dataset))


def tidy_csv(frame: pd.DataFrame) -> bytes:
    """Rows of the tidy table (tidy_frame, or some of its rows) as CSV: UTF-8 with BOM, texts neutralised, a blank
    cell's value empty, blank as true/false."""
    out = frame.astype(object).where(frame.notna(), "")
    out["blank"] = frame["blank"].map({True: "true", False: "false"})
    out["value"] = ["" if pd.isna(v) else plain_number(v) for v in frame["value"]]
    return csv_bytes([list(out.columns), *out.itertuples(index=False)])


def tidy_json(frame: pd.DataFrame) -> bytes:
    """Rows of the tidy table as a UTF-8 JSON array of objects (the CSV's fields; a blank cell's value null, numbers
    as numbers, texts neutralised like every export)."""
    records = [
        {**row, "year": int(row["year"]), "value": _number(row["value"]), "blank": bool(row["blank"])}
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]
    return (json.dumps(neutralise_tree(records), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dataset_parquet(dataset: Dataset) -> bytes:
    """Every value of every year as one tidy Parquet table with declared types, texts neutralised like every export
    (a Parquet file is opened in Excel through Power Query, and a text cell such as =HYPERLINK(…) must stay text)."""
    buffer = io.BytesIO()
    frame = tidy_frame(dataset)
    texts = frame.select_dtypes(include=["object", "string"]).columns
    safe = frame.assign(**{c: frame[c].map(lambda v: neutralise(v) if isinstance(v, str) else v) for c in texts})
    safe.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()


DATASET_WRITERS: dict[str, Callable[[Dataset], bytes]] = {"csv": dataset_csv, "parquet": dataset_parquet}


def dictionary_export(dataset: Dataset, lang: str = "zh") -> tuple[bytes, str]:
    """The data dictionary (every indicator, measure and harmonised series) as CSV, and its file name."""
    frame = dictionary_frame(dataset, lang)
    payload = csv_bytes([list(frame.columns), *frame.itertuples(index=False)])
    return payload, content_name("gjj-data-dictionary", lang, payload, "csv")


def table_export(dataset: Dataset, year: int, kind: str) -> tuple[bytes, str]:
    """One download of the year's form: its bytes and its file name."""
    payload = TABLE_WRITERS[kind](dataset, year)
    return payload, content_name(TABLE_STEM, year, payload, kind)


def dataset_export(dataset: Dataset, kind: str) -> tuple[bytes, str]:
    """One download of the whole dataset: its bytes and a file name carrying the years held and a content hash."""
    payload = DATASET_WRITERS[kind](dataset)
    years = dataset.years
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "none")
    return payload, content_name(DATASET_STEM, span, payload, kind)
