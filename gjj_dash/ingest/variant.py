"""Ingest: a province's own statistics table read as printed — Fujian's 指标名称 | 计量单位 | 2016年度 | 历年累计.

The header names the columns (a year's “2016年度” is the 本年度 column, and states the year); each row is label,
unit and its figures in the printed order. Which provincial format it is, is told by its row labels (formats.csv
kind=provincial); the printed labels, units and column heads are kept (Draft.report["printed"]) so the table is
shown and exported as the report prints it.
"""

from __future__ import annotations

import re

from gjj_dash.ingest.decode import Row
from gjj_dash.ingest.draft import Draft, Field, Line
from gjj_dash.ingest.messages import column_letter, problem
from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import cached, find_rows, label_key

LABEL_HEADS = frozenset({"指标名称", "统计指标", "指标", "项目", "信息内容"})
UNIT_HEADS = frozenset({"计量单位", "单位"})
THIS_YEAR = "this_year"
_YEAR = re.compile(r"^(\d{4})年度?$")
_THIS_YEAR_WORDS = frozenset({"本年度", "本年", "本期", "本年累计"})


def _provincial(catalogue: Catalogue) -> list[str]:
    return [fmt for fmt, f in catalogue.formats.items() if f.provincial]


def _column(text: str, fmt: str, catalogue: Catalogue) -> str | None:
    """The column a printed head names: “2016年度”/“本年度” the year's own column, else the column of that label."""
    key = label_key(text)
    if _YEAR.match(key) or key in _THIS_YEAR_WORDS:
        return THIS_YEAR
    return next((c.id for c in catalogue.columns_of(fmt, "main") if label_key(c.label) == key), None)


def matches(row: Row, catalogue: Catalogue) -> bool:
    """A provincial table's header: a label head and a column only a provincial table has (历年累计)."""
    keys = {label_key(c) for c in row.cells}
    return bool(keys & LABEL_HEADS) and bool(keys & cached(catalogue, "provincial-heads", "", _own_heads))


def _own_heads(catalogue: Catalogue, _: str) -> frozenset[str]:
    return frozenset(label_key(c.label) for fmt in _provincial(catalogue) for c in catalogue.columns_of(fmt, "main")
                     if c.id != THIS_YEAR)


def _format(rows: list[Row], catalogue: Catalogue) -> str:
    """The provincial format whose row labels the rows use most."""
    hits = {fmt: sum(bool(find_rows(catalogue, fmt, r.cell(0))) for r in rows) for fmt in _provincial(catalogue)}
    return max(hits, key=lambda fmt: hits[fmt])


def read_variant_rows(rows: list[Row], at: int, draft: Draft, strict: bool, catalogue: Catalogue) -> None:
    """The table under its header: label, unit and the figures of each column the header names, as printed."""
    header = rows[at]
    body = [r for r in rows[at + 1 :] if r.sheet == header.sheet and not r.empty]
    fmt = _format(body, catalogue)
    draft.format = fmt
    label_at = next(i for i, c in enumerate(header.cells) if label_key(c) in LABEL_HEADS)
    unit_at = next((i for i, c in enumerate(header.cells) if label_key(c) in UNIT_HEADS), None)
    columns: dict[int, str] = {}
    printed: dict[str, str] = {}
    for index, text in enumerate(header.cells):
        if index in (label_at, unit_at) or not text.strip():
            continue
        column = _column(text, fmt, catalogue)
        where = _where(header, index)
        if column is None or column in printed:
            draft.problems.append(problem("unknown_column", header.number, where, given=text.strip()[:40]))
            continue
        columns[index], printed[column] = column, text.strip()
        year = _YEAR.match(label_key(text))
        if year:
            draft.years.append((int(year.group(1)), Field(text, header.number, where, header.page)))
    draft.report["printed_columns"] = printed
    for row in rows[:at]:
        _meta(row, draft)
    for row in body:
        if _meta_only(row, label_at, draft):
            continue
        label = Field(row.cell(label_at), row.number, _where(row, label_at, "指标名称"), row.page)
        unit = None if unit_at is None else Field(row.cell(unit_at), row.number, _where(row, unit_at, "计量单位"),
                                                  row.page)
        values = tuple((columns[i], Field(row.cell(i), row.number, _where(row, i, printed[columns[i]]), row.page))
                       for i in sorted(columns))
        for index, text in enumerate(row.cells):
            if text.strip() and index not in columns and index not in (label_at, unit_at):
                draft.problems.append(problem("outside", row.number, _where(row, index), given=text.strip()[:40]))
        draft.lines.append(Line(label, unit, values, "main"))


def _where(row: Row, index: int, name: str | None = None) -> str:
    column = name or column_letter(index)
    return f"{row.sheet}·{column}" if row.sheet else column


def _meta(row: Row, draft: Draft) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    return bool(filled) and draft.scan_meta(Field(" ".join(filled), row.number, column_letter(0), row.page))


def _meta_only(row: Row, label_at: int, draft: Draft) -> bool:
    """A title, footer or note line inside the table's rows (it has no figures): taken as such, not as a row."""
    others = [c for i, c in enumerate(row.cells) if i != label_at and c.strip()]
    return not others and _meta(row, draft)
