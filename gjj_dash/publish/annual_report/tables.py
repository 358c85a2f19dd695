"""Publish: the year's statistics tables as the format prints them — a grid of cells with their row and column spans.

Built from the official layout (gjj_dash.publish.official: rows, columns, OfficialTable.head's merged header cells),
never from hard-coded tables. The old table prints 统计指标 | 单位 | 统计数. The 2019/2021 tables print no 单位 column:
table 二 is one table holding its 第二十条 sub-tables (a caption row each, a shorter sub-table's last cell spanning the
rest); table 三 prints its row-spanning group labels (三、本年度办理结果, （三）不予公开 …) in label columns of
their own under the 勾稽关系 caption; table 四 prints "across": its rows become column groups over one row of figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from gjj_dash.model.catalogue import Indicator
from gjj_dash.model.numbers import NumberError, cell_text, normalise_text, parse_number
from gjj_dash.model.values import Cell
from gjj_dash.publish.official import OfficialRow, OfficialTable

# What a cell is: a header word, a table's caption row, a row label, a row-spanning group label, a unit, a figure,
# the old table's note line, or nothing (a heading row's or the note line's other cells).
KINDS = ("head", "caption", "label", "group", "unit", "value", "note", "empty")


@dataclass(frozen=True)
class GridCell:
    """One printed cell: its text, its top-left position in the grid, its spans, and what it holds."""

    text: str
    row: int
    col: int
    kind: str
    rowspan: int = 1
    colspan: int = 1
    item: str = ""  # the catalogue row of a label or figure
    column: str = ""  # the value column of a figure


@dataclass(frozen=True)
class PrintedTable:
    """A table as printed: its grid cells (each once, at its top-left corner), size and how many rows are header."""

    key: str
    cells: tuple[GridCell, ...]
    rows: int
    cols: int
    head_rows: int

    def row(self, n: int) -> list[GridCell]:
        """The cells that start in row n, left to right."""
        return sorted((c for c in self.cells if c.row == n), key=lambda c: c.col)

    def figures(self) -> list[GridCell]:
        """Every figure cell, in printed order."""
        return sorted((c for c in self.cells if c.kind == "value"), key=lambda c: (c.row, c.col))


def published(value: float, qualifier: str, raw: str, *, unit: bool = True) -> str:
    """A figure as the report published it where its text reads back to the same figure (19000余, 18651.06, 约1.2万,
    251000元 — without the unit written in it when `unit` is False), else the stored figure written plainly."""
    text = normalise_text(raw)
    try:
        read = parse_number(text)
    except NumberError:
        return cell_text(value, qualifier)
    if (read.value, read.qualifier, read.blank) != (value, qualifier, False):
        return cell_text(value, qualifier)
    return text if unit else text.removesuffix(read.unit)


def figure_text(cell: Cell | None) -> str:
    """A figure as the table prints it (as published, see `published`); a blank cell stays empty."""
    if cell is None or cell.blank or cell.value is None:
        return ""
    return published(cell.value, cell.qualifier, cell.raw)


def old_table(table: OfficialTable) -> PrintedTable:
    """The old national table: 统计指标 | 单位 | 统计数, one printed row per catalogue row, the note line included."""
    cells = [GridCell(h, 0, n, "head") for n, h in enumerate(table.header)]
    for n, row in enumerate(table.rows, start=1):
        ind = row.indicator
        if row.is_note:
            cells += [GridCell(ind.label, n, 0, "note", item=ind.id), GridCell("", n, 1, "empty"),
                      GridCell("", n, 2, "empty")]
            continue
        cells += [GridCell(ind.label, n, 0, "label", item=ind.id), GridCell(row.unit, n, 1, "unit", item=ind.id)]
        for k, (col, cell) in enumerate(zip(table.columns, row.cells, strict=True)):
            text = figure_text(cell) if row.has_value else ""
            cells.append(GridCell(text, n, 2 + k, "value" if row.has_value else "empty", item=ind.id, column=col.id))
    return PrintedTable(table.table.id, tuple(cells), len(table.rows) + 1, len(table.header), 1)


def section_table(tables: list[OfficialTable]) -> PrintedTable:
    """Table 二: the 第二十条 sub-tables in one table — a caption row each, then 信息内容 and its column heads."""
    width = 1 + max(len(t.columns) for t in tables)
    cells: list[GridCell] = []
    n = 0
    for table in tables:
        cells.append(GridCell(table.table.title, n, 0, "caption", colspan=width))
        spans = _spans(len(table.columns), width - 1)
        cells.append(GridCell(table.label_header, n + 1, 0, "head"))
        col = 1
        for column, span in zip(table.columns, spans, strict=True):
            cells.append(GridCell(column.label, n + 1, col, "head", colspan=span))
            col += span
        n += 2
        for row in table.rows:
            cells.append(GridCell(row.indicator.label, n, 0, "label", item=row.indicator.id))
            col = 1
            for column, cell, span in zip(table.columns, row.cells, spans, strict=True):
                cells.append(GridCell(figure_text(cell), n, col, "value", colspan=span, item=row.indicator.id,
                                      column=column.id))
                col += span
            n += 1
    return PrintedTable("+".join(t.table.id for t in tables), tuple(cells), n, width, 0)


def _spans(count: int, width: int) -> list[int]:
    """Each value column one grid column wide, the last spanning what the widest sub-table has more."""
    return [1] * (count - 1) + [width - count + 1] if count else []


def _groups(row: Indicator, by_id: dict[str, Indicator]) -> list[Indicator]:
    """The row-spanning group labels above a row, outermost first."""
    chain = []
    parent = by_id.get(row.parent)
    while parent is not None and parent.level == "G":
        chain.insert(0, parent)
        parent = by_id.get(parent.parent)
    return chain


def matrix_table(table: OfficialTable) -> PrintedTable:
    """Table 三: the caption over the label columns, the merged applicant heads, group labels spanning their rows."""
    by_id = {r.indicator.id: r.indicator for r in table.rows}
    printed = [r for r in table.rows if r.has_value]
    chains = {r.indicator.id: _groups(r.indicator, by_id) for r in printed}
    labels = 1 + max((len(c) for c in chains.values()), default=0)
    head, depth = table.head()
    cells = [GridCell(table.table.caption or table.label_header, 0, 0, "head", rowspan=depth, colspan=labels)]
    cells += [GridCell(h.text, h.row, h.col - 2 + labels, "head", h.rowspan, h.colspan) for h in head if h.col >= 2]
    started: set[str] = set()
    for n, row in enumerate(printed, start=depth):
        chain = chains[row.indicator.id]
        for level, group in enumerate(chain):
            if group.id not in started:
                started.add(group.id)
                span = sum(1 for r in printed if group in chains[r.indicator.id])
                cells.append(GridCell(group.label, n, level, "group", rowspan=span, item=group.id))
        cells.append(GridCell(row.indicator.label, n, len(chain), "label", colspan=labels - len(chain),
                              item=row.indicator.id))
        cells += [GridCell(figure_text(cell), n, labels + k, "value", item=row.indicator.id, column=col.id)
                  for k, (col, cell) in enumerate(zip(table.columns, row.cells, strict=True))]
    return PrintedTable(table.table.id, tuple(cells), depth + len(printed), labels + len(table.columns), depth)


def across_table(table: OfficialTable) -> PrintedTable:
    """Table 四 as printed: each top row (行政复议) or row group (行政诉讼 → its rows) heads a block of the value
    columns, and the figures stand in one row — 行政复议, then each lawsuit row, × 结果维持 … 总计."""
    by_id = {r.indicator.id: r for r in table.rows}
    tops = [r for r in table.rows if not r.indicator.parent]
    kids = {t.indicator.id: [r for r in table.rows if r.indicator.parent == t.indicator.id] for t in tops}
    depth = 3 if any(kids.values()) else 2
    width = len(table.columns)
    cells: list[GridCell] = []
    col = 0
    order: list[OfficialRow] = []
    for top in tops:
        members = kids[top.indicator.id] if not top.has_value else []
        cells.append(GridCell(top.indicator.label, 0, col, "head", colspan=width * max(1, len(members)),
                              item=top.indicator.id))
        for k, member in enumerate(members or [top]):
            at = col + k * width
            if members:
                cells.append(GridCell(member.indicator.label, 1, at, "head", colspan=width, item=member.indicator.id))
            cells += [GridCell(c.label, 1 + bool(members), at + j, "head", rowspan=depth - 1 - bool(members))
                      for j, c in enumerate(table.columns)]
            order.append(by_id[member.indicator.id])
        col += width * max(1, len(members))
    for k, row in enumerate(order):
        cells += [GridCell(figure_text(cell), depth, k * width + j, "value", item=row.indicator.id, column=c.id)
                  for j, (c, cell) in enumerate(zip(table.columns, row.cells, strict=True))]
    return PrintedTable(table.table.id, tuple(cells), depth + 1, col, depth)
