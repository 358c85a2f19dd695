"""Publish: a year's statistics tables in their official layout, built from the catalogue (any format) and the
report's own rows and columns (report.json's extra_rows and extra_columns), each where the report printed it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, Column, Format, Indicator, Table
from gjj_dash.model.numbers import cell_text
from gjj_dash.model.printed import ITEM_HEADER, LABEL_HEADER, UNIT_HEADER, printed_unit
from gjj_dash.model.values import CENTRE, Cell, Dataset

# Indentation of the printed form, in full-width spaces, by level.
INDENT = {"H": 0, "G": 0, "1": 1, "2": 2, "Q": 3, "N": 1}
INDENT_MARK = "\u3000"
BLANK_MARK = "—"
FILER = "填报单位"
PROVINCIAL_HEADER = "指标名称"  # Fujian's table heads its label column so
EXTRA_DEFINITION = "报告所印的行，官方格式中没有：按所印行名和数字保留，不计入全国统一口径"
EXTRA_COLUMN_UNIT = ""  # a report's own column prints no unit of its own: its figures are in the row's unit
# The footer of the printed form: names on the first line, the telephone on its own line (as in the annex).
FOOTER_KEYS = ("单位负责人", "审核人", "填报人", "联系电话")
FOOTER_OWN_LINE = ("联系电话", "填报日期")


@dataclass(frozen=True)
class OfficialRow:
    """One printed row: the catalogue row, its cells (one per value column, None where none) and its printed unit."""

    indicator: Indicator
    cells: tuple[Cell | None, ...]
    unit: str = ""

    @property
    def indent(self) -> int:
        return INDENT[self.indicator.level]

    @property
    def is_note(self) -> bool:
        return self.indicator.level == "N"

    @property
    def has_value(self) -> bool:
        return self.indicator.has_value


@dataclass(frozen=True)
class OfficialTable:
    """One table of a year's report in official order."""

    table: Table
    columns: tuple[Column, ...]
    rows: tuple[OfficialRow, ...]
    label_header: str = LABEL_HEADER

    @property
    def header(self) -> list[str]:
        """The column heads: label, unit, then each value column's label."""
        return [self.label_header, UNIT_HEADER, *(c.label for c in self.columns)]

    def groups(self) -> list[tuple[str, int]]:
        """The column groups above the value columns (group, span), merged where neighbours share one; [] if none."""
        if not any(c.group for c in self.columns):
            return []
        runs: list[tuple[str, int]] = []
        for col in self.columns:
            if runs and runs[-1][0] == col.group and col.group:
                runs[-1] = (col.group, runs[-1][1] + 1)
            else:
                runs.append((col.group, 1))
        return runs

    def head(self) -> tuple[list[HeadCell], int]:
        """The header block as merged cells (row, column, spans) and its depth in rows.

        A group whose columns sit on both sides of other groups (申请人情况 around 法人或其他组织) is the outer group:
        it spans all of them on the first row, as the printed form of table 三 does.
        """
        runs = self.groups()
        names = [g for g, _ in runs]
        outer = next((g for g in names if g and names.count(g) > 1), "")
        depth = 1 + bool(runs) + bool(outer)
        cells = [HeadCell(self.label_header, 0, 0, depth), HeadCell(UNIT_HEADER, 0, 1, depth)]
        first = last = -1
        if outer:
            first = next(i for i, c in enumerate(self.columns) if c.group == outer)
            last = max(i for i, c in enumerate(self.columns) if c.group == outer)
            cells.append(HeadCell(outer, 0, 2 + first, 1, last - first + 1))
        col = 2
        for group, span in runs or [("", len(self.columns))]:
            inside = first <= col - 2 <= last
            top = 1 if inside else 0
            if group and group != outer:
                cells.append(HeadCell(group, top, col, 1, span))
                cells += [HeadCell(c.label, top + 1, col + k, depth - top - 1) for k, c in
                          enumerate(self.columns[col - 2 : col - 2 + span])]
            else:
                cells += [HeadCell(c.label, top, col + k, depth - top) for k, c in
                          enumerate(self.columns[col - 2 : col - 2 + span])]
            col += span
        return cells, depth


@dataclass(frozen=True)
class HeadCell:
    """One cell of a table's header block: text, position (row and column within the block) and spans."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Form:
    """The printed form of a year: title, year line, 填报单位, its tables in order, footer and source."""

    year: int
    format: Format
    title: str
    filer: str
    tables: tuple[OfficialTable, ...]
    footer: tuple[tuple[str, str], ...]
    source: str
    origin: str
    version: str

    @property
    def period(self) -> str:
        return f"({self.year}年度)"

    @property
    def filer_line(self) -> str:
        return f"{FILER}(盖章)：{self.filer}" if self.filer else ""

    def footer_lines(self) -> list[str]:
        """The footer as printed: 单位负责人, 审核人, 填报人 on one line, 联系电话 on its own."""
        first = [f"{k}：{v}" for k, v in self.footer if k not in FOOTER_OWN_LINE]
        own = [f"{k}：{v}" for k, v in self.footer if k in FOOTER_OWN_LINE]
        return [line for line in ["\u3000\u3000".join(first), *own] if line]


def official_tables(dataset: Dataset, year: int) -> list[OfficialTable]:
    """Every table of the year's format, rows and columns in official order; a report's extra rows and columns (a
    row or column the catalogue lacks, kept as printed) after the row or column they follow; a provincial table as
    the report printed it."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    report = dataset.reports.get(year, {})
    out = []
    for table in cat.tables_of(fmt):
        columns = _columns(cat.columns_of(fmt, table.id), report)
        rows = tuple(
            OfficialRow(
                ind,
                tuple(dataset.cell(year, ind.id, col.id, CENTRE) if ind.has_value else None for col in columns),
                unit,
            )
            for ind, unit in printed_rows(cat, fmt, table.id, report, columns)
        )
        head = PROVINCIAL_HEADER if cat.formats[fmt].provincial else LABEL_HEADER if fmt == "old" else ITEM_HEADER
        out.append(OfficialTable(table, columns, rows, head))
    return out


def _columns(columns: tuple[Column, ...], report: dict) -> tuple[Column, ...]:
    """The value columns, headed as the report printed them where it kept its heads (“2016年度”), with the report's
    own columns (extra_columns) after the column each follows."""
    heads = report.get("printed_columns") or {}
    return with_extra_columns(tuple(replace(c, label=heads.get(c.id, c.label)) for c in columns), report)


def with_extra_columns(columns: tuple[Column, ...], report: dict) -> tuple[Column, ...]:
    """A table's columns with the ones its report adds, each after the column it follows (first where it follows
    none), under the group of the columns on both sides of it when they share one, headed as printed."""
    if not columns:
        return columns
    fmt, table = columns[0].format, columns[0].table
    extras = [e for e in report.get("extra_columns") or [] if (e.get("format"), e.get("table")) == (fmt, table)]
    if not extras:
        return columns
    known = {c.id for c in columns}
    order: list[Column | dict] = [e for e in extras if not e.get("after")]
    for column in columns:
        order += [column, *(e for e in extras if e.get("after") == column.id)]
    order += [e for e in extras if e.get("after") and e["after"] not in known]
    out = []
    for n, item in enumerate(order):
        if isinstance(item, Column):
            out.append(item)
            continue
        before = next((c for c in reversed(order[:n]) if isinstance(c, Column)), None)
        beyond = next((c for c in order[n + 1 :] if isinstance(c, Column)), None)
        group = before.group if before and beyond and before.group == beyond.group else ""
        label = str(item.get("label", ""))
        out.append(Column(fmt, table, str(item["id"]), before.seq if before else 0, label, label, EXTRA_COLUMN_UNIT,
                          group, ""))
    return tuple(out)


def printed_rows(cat: Catalogue, fmt: str, table: str, report: dict,
                 columns: tuple[Column, ...]) -> list[tuple[Indicator, str]]:
    """A table's rows with their printed units: the catalogue's, with the report's extra rows after the row each
    follows; for a provincial table the rows the report printed, in its order, with its labels and units."""
    if cat.formats[fmt].provincial and report.get("printed_rows"):
        kept = [(cat.indicators[r["id"]], r) for r in report["printed_rows"] if r.get("id") in cat.indicators]
        return [(replace(ind, label=r.get("label") or ind.label), r.get("unit") or printed_unit(cat, ind, columns))
                for ind, r in kept if ind.table == table]
    extras = report.get("extra_rows") or []
    printed_as_one = {e.get("group") for e in extras if e.get("group")}  # a group printed as one row of figures
    out = [(ind, printed_unit(cat, ind, columns)) for ind in cat.rows(fmt, table)
           if ind.id not in printed_as_one and ind.parent not in printed_as_one]
    for extra in extras:
        if extra.get("table") != table:
            continue
        row = extra_indicator(extra, fmt)
        at = next((n + 1 for n, (ind, _) in enumerate(out) if ind.id == extra.get("after")), len(out))
        out.insert(at, (row, extra.get("unit", "")))
    return out


def extra_indicator(extra: dict, fmt: str) -> Indicator:
    """A report's own row (kept as printed, outside the catalogue) as a row of its table."""
    label = str(extra.get("label", ""))
    return Indicator(str(extra["id"]), fmt, str(extra["table"]), 10_000, "1", label, label,
                     str(extra.get("unit", "")), "", "", "", EXTRA_DEFINITION)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def official_form(dataset: Dataset, year: int) -> Form:
    """The year's printed form: header lines from the format and report.json, tables from the catalogue."""
    report = dataset.reports[year]
    fmt = dataset.catalogue.formats[dataset.format_of(year)]
    footer = report.get("footer") or {}
    filer = _text(footer.get(FILER)) or _text(report.get("reporting_unit"))
    keys = [k for k in FOOTER_KEYS if k in footer] + [k for k in footer if k not in FOOTER_KEYS and k != FILER]
    return Form(
        year=year,
        format=fmt,
        title=fmt.table_title,
        filer=filer,
        tables=tuple(official_tables(dataset, year)),
        footer=tuple((k, _text(footer[k])) for k in keys),
        source=_text(report.get("source")),
        origin=_text(report.get("origin")),
        version=_text(report.get("version")),
    )


def official_frame(table: OfficialTable, *, notes: bool = False, raw: bool = True) -> pd.DataFrame:
    """The table as a frame of strings: label, unit, one column per value column; blank cells stay empty."""
    records = []
    for row in table.rows:
        if row.is_note and not notes:
            continue
        values = [
            "" if cell is None else (cell_text(cell.value, cell.qualifier, cell.blank) if raw else cell.display())
            for cell in row.cells
        ]
        records.append([row.indicator.label, row.unit, *values])
    return pd.DataFrame(records, columns=table.header)


def screen_frame(table: OfficialTable, lang: str = "zh") -> pd.DataFrame:
    """The table for the screen: indented official labels, units, figures as people read them, — for a blank cell.

    The official Chinese labels stay; in English an extra column gives the catalogue's English label. Grouped value
    columns get a two-level header (group, column).
    """
    records = []
    for row in table.rows:
        if row.has_value:
            values = [BLANK_MARK if cell is None else cell.display(lang) for cell in row.cells]
        else:
            values = [""] * len(row.cells)
        label = INDENT_MARK * row.indent + row.indicator.label
        extra = [INDENT_MARK * row.indent + row.indicator.label_en] if lang == "en" else []
        records.append([label, *extra, row.unit, *values])
    heads = [table.label_header, *([t("tables.english_label", lang)] if lang == "en" else []), UNIT_HEADER]
    frame = pd.DataFrame(records, columns=[*heads, *(c.label for c in table.columns)])
    if table.groups():
        tuples = [("", h) for h in heads] + [(c.group, c.label) for c in table.columns]
        frame.columns = pd.MultiIndex.from_tuples(tuples)
    return frame
