"""Figures: requests by applicant type (table 三 of the new formats) and the carry-over chain between years."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.figures.blocks import Block
from gjj_dash.figures.charts import Axes, bar_chart, chart_frame
from gjj_dash.figures.facts import Frame, series_fact
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, Column, Indicator
from gjj_dash.model.numbers import display
from gjj_dash.model.values import Dataset

TABLE = "s3"  # 三、收到和处理政府信息公开申请情况, in both new formats
SHARE_ROWS = ("new_received", "total", "disclosed")  # the rows split into 自然人 / 法人或其他组织 in a sentence


@dataclass(frozen=True)
class Figure:
    """One cell of the applicant matrix: a printed cell, or the sum of a group's printed rows (blank counted 0)."""

    value: float  # as summed: a blank cell counts 0, a blank 总计 with figures in its row as that row's sum
    blank: bool  # every cell read was blank (and none stands in for its row's sum)
    blank_cells: int  # how many cells read were blank
    summed_cells: int = 0  # how many of the blank cells are 总计 cells counted as their row's sum (model.totals)
    group: bool = False  # the sum of a group's rows, not one printed cell

    def shown(self, lang: str) -> str:
        if self.summed_cells and not self.group:  # a blank 总计 standing for its row's sum
            return t("pub.derived_total", lang, blank=t("common.blank", lang),
                     sum=display(self.value, "", False, lang))
        return f"— {t('common.blank', lang)}" if self.blank else display(self.value, "", False, lang)


@dataclass(frozen=True)
class Line:
    """One row of the matrix: a printed row of table 三, or a group row (（三）不予公开 …) summed from its rows."""

    row: Indicator
    members: tuple[str, ...]
    cells: dict[str, Figure]

    def unit(self, cat: Catalogue) -> str:
        return cat.indicators[self.members[0]].unit  # a group row has no unit of its own; its rows do

    def label(self, lang: str) -> str:
        name = self.row.label_en if lang == "en" else self.row.label
        return name if len(self.members) == 1 else t("requests.group_sum", lang, label=name)


def is_new(dataset: Dataset, year: int) -> bool:
    """Whether the year's format has the request matrix by applicant type (2019 and 2021 formats)."""
    return bool(dataset.catalogue.columns_of(dataset.format_of(year), TABLE))


def applicant_columns(cat: Catalogue, fmt: str) -> tuple[tuple[Column, ...], Column | None]:
    """The applicant columns (自然人, then each kind of 法人或其他组织) and the 总计 column, in catalogue order."""
    cols = cat.columns_of(fmt, TABLE)
    return tuple(c for c in cols if c.relation == "sum"), next((c for c in cols if c.relation == "total"), None)


def _cell(dataset: Dataset, year: int, row: str, column: Column) -> Figure | None:
    cell = dataset.cell(year, row, column.id)
    if cell is None:
        return None
    if not cell.blank:
        return Figure(cell.value or 0.0, False, 0)
    stand_in = dataset.derived_total(year, row, column.id)
    return Figure(0.0, True, 1) if stand_in is None else Figure(stand_in, False, 1, 1)


def _sum(figures: list[Figure]) -> Figure:
    """A group row: its rows added up, a blank cell as 0 (a blank 总计 with figures in its row as that row's sum)."""
    return Figure(sum(f.value for f in figures), all(f.blank for f in figures), sum(f.blank_cells for f in figures),
                  sum(f.summed_cells for f in figures), group=True)


def matrix(dataset: Dataset, year: int) -> list[Line]:
    """Table 三 by applicant type: 一 本年新收, 二 上年结转, （一）…（六） (a group row as the sum of its rows),
    （七）总计 and 四 结转下年度; rows the year does not report are left out."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    parts, total = applicant_columns(cat, fmt)
    columns = (*parts, *([total] if total else []))
    rows = cat.rows(fmt, TABLE)
    lines = []
    for row in rows:
        if row.level == "2" or (row.level == "G" and not any(r.parent == row.id for r in rows if r.level == "2")):
            continue  # detail rows go into their group's sum; a heading without figures is skipped
        members = tuple(r.id for r in rows if r.parent == row.id and r.level == "2") if row.level == "G" else (row.id,)
        cells = {}
        for column in columns:
            found = [f for m in members if (f := _cell(dataset, year, m, column)) is not None]
            if found:
                cells[column.id] = found[0] if len(members) == 1 else _sum(found)
        if cells:
            lines.append(Line(row, members, cells))
    return lines


def split(parts: tuple[Column, ...], total: Column | None) -> tuple[list[Column], list[Column]]:
    """自然人 (in the 申请人情况 group with 总计) and the kinds of 法人或其他组织 (their own group)."""
    natural = [c for c in parts if total is not None and c.group == total.group]
    return natural, [c for c in parts if c not in natural]


def _header(column: Column, lang: str) -> str:
    return column.label if lang != "en" else f"{column.label_en} / {column.label}"


def _share_sentence(line: Line, parts: tuple[Column, ...], total: Column | None, lang: str) -> str:
    """自然人 against 法人或其他组织 (and each kind) for one row, with shares of the applicant columns' sum."""
    natural, groups = split(parts, total)
    whole = sum(line.cells[c.id].value for c in parts if c.id in line.cells)
    def share(v: float) -> str:
        return f"{v / whole:.1%}" if whole else "—"
    nat = sum(line.cells[c.id].value for c in natural if c.id in line.cells)
    org = sum(line.cells[c.id].value for c in groups if c.id in line.cells)
    kinds = "、".join(f"{_header(c, lang)} {line.cells[c.id].shown(lang)}" for c in groups if c.id in line.cells)
    shown_total = line.cells[total.id].shown(lang) if total and total.id in line.cells else "—"
    text = t("requests.applicant_split", lang, row=line.label(lang), total=shown_total,
             natural=_header(natural[0], lang) if natural else "", nat=display(nat, "", False, lang),
             nat_share=share(nat), org=display(org, "", False, lang),
             org_share=share(org), kinds=kinds, unit=line.row.unit,
             org_group=groups[0].group if groups else "")
    printed = line.cells.get(total.id) if total else None
    if printed is not None and not printed.blank and printed.value != whole:
        text += t("requests.applicant_total_differs", lang, sum=display(whole, "", False, lang))
    return text


def applicants_block(dataset: Dataset, year: int, lang: str) -> Block:
    """New formats: table 三 by applicant type as stacked bars and the matrix with official column labels; the old
    table has no applicant types, which one sentence says."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    title = t("requests.applicants_title", lang)
    if not is_new(dataset, year):
        return Block(key="requests_applicants", title=title, items=("requests_received",),
                     empty=t("requests.applicants_old", lang, year=year, format=dataset.format_name(year, lang)))
    parts, total = applicant_columns(cat, fmt)
    lines = matrix(dataset, year)
    items = tuple(dict.fromkeys(m for line in lines for m in (line.row.id, *line.members)))
    if not lines:
        return Block(key="requests_applicants", title=title, empty=t("requests.applicants_none", lang, year=year),
                     items=items)
    table_title = cat.formats[fmt].table_title
    records, rows = [], []
    for line in lines:
        row = {t("common.item", lang): line.label(lang)}
        if lang == "en":
            row[t("common.official_label", lang)] = line.row.label
        for column in (*parts, *([total] if total else [])):
            figure = line.cells.get(column.id)
            row[_header(column, lang)] = "—" if figure is None else figure.shown(lang)
            if figure is not None and column.relation == "sum":
                records.append({"category": line.label(lang), "series": _header(column, lang),
                                "value": figure.value, "display": figure.shown(lang), "approximate": False,
                                "blank": figure.blank})
        first, last = cat.indicators[line.members[0]].label, cat.indicators[line.members[-1]].label
        row[t("common.unit", lang)] = line.unit(cat)
        row[t("common.source", lang)] = f"{table_title}「{first}」" if len(line.members) == 1 else \
            t("pub.source_range", lang, table=table_title, first=first, last=last, count=len(line.members))
        rows.append(row)
    axes = Axes("", lines[0].unit(cat), "", t("requests.applicants_legend", lang))
    fig = bar_chart(chart_frame(records), axes, horizontal=True, stacked=True)
    natural, orgs = split(parts, total)
    kinds = dict.fromkeys(c.group for c in orgs)
    heads = [_header(c, lang) for c in natural] + [
        f"{g}（{'、'.join(_header(c, lang) for c in orgs if c.group == g)}）" for g in kinds]
    lead = t("requests.applicants_lead", lang, head=total.group if total else "", columns="；".join(heads),
             total=_header(total, lang) if total else "", unit=lines[0].unit(cat))
    statements = tuple(_share_sentence(line, parts, total, lang) for line in lines
                       if line.row.id.rsplit(".", 1)[-1] in SHARE_ROWS)
    notes = [t("requests.applicants_sum_note", lang)] if any(len(line.members) > 1 for line in lines) else []
    cells = [f for line in lines for f in line.cells.values()]
    blanks, summed = sum(f.blank_cells for f in cells), sum(f.summed_cells for f in cells)
    if summed:
        notes.append(t("requests.applicants_blank_summed", lang, count=blanks, summed=summed, zero=blanks - summed))
    elif blanks:
        notes.append(t("requests.applicants_blank", lang, count=blanks))
    if summed:
        notes.append(t("requests.applicants_row_sum", lang, total=_header(total, lang) if total else ""))
    pinned = (t("common.item", lang), *([_header(total, lang)] if total else []))  # label and 总计 on a phone too
    return Block(key="requests_applicants", title=title, lead=lead, figure=fig, table=pd.DataFrame(rows),
                 statements=statements, notes=tuple(notes), stem="requests-applicants", items=items,
                 alt=t("requests.applicants_alt", lang, year=year), pinned=pinned)


def carry_block(dataset: Dataset, frame: Frame, lang: str) -> Block | None:
    """Each loaded new-format year's 上年结转 beside the previous year's 结转下年度继续办理: equal, different (both
    kept, never corrected), or not checkable because that year is not loaded or uses the old table (no carry-over)."""
    cat = dataset.catalogue
    years = [y for y in dataset.years if is_new(dataset, y)]
    if not years:
        return None
    over, forward = "requests_carried_over", "requests_carried_forward"
    labels = {s: _row_label(dataset, years[-1], s) for s in (over, forward)}
    unit = cat.harmonised[over].unit
    head_over = t("requests.carry_col_over", lang, label=labels[over], unit=unit)
    head_prev = t("requests.carry_col_prev_year", lang)
    head_forward = t("requests.carry_col_forward", lang, label=labels[forward], unit=unit)
    rows, statements, blank = [], [], False
    for year in years:
        now = series_fact(dataset, frame, year, over, lang)
        prev = year - 1
        values = {"year": year, "prev": prev, "over": labels[over], "forward": labels[forward], "unit": unit,
                  "a": now.display}
        if prev not in dataset.reports:
            shown, verdict = t("requests.carry_not_loaded", lang), t("requests.carry_verdict_missing", lang)
            statements.append(t("requests.carry_missing", lang, **values))
        elif not is_new(dataset, prev):
            shown, verdict = t("requests.carry_old_cell", lang), t("requests.carry_verdict_old", lang)
            statements.append(t("requests.carry_old", lang, **values))
        else:
            before = series_fact(dataset, frame, prev, forward, lang)
            shown = before.display
            blank = blank or before.blank or now.blank
            diff = now.amount - before.amount
            key = "same" if diff == 0 else "differs"
            verdict = t(f"requests.carry_verdict_{key}", lang, diff=display(abs(diff), "", False, lang))
            statements.append(t(f"requests.carry_{key}", lang, b=before.display,
                                diff=display(abs(diff), "", False, lang), **values))
        rows.append({t("common.year", lang): str(year), head_over: now.display, head_prev: str(prev),
                     head_forward: shown, t("requests.carry_col_check", lang): verdict})
    last = years[-1]
    notes = []
    if last + 1 not in dataset.reports:
        ahead = series_fact(dataset, frame, last, forward, lang)
        notes.append(t("requests.carry_pending", lang, year=last, next=last + 1, forward=labels[forward],
                       b=ahead.display, unit=unit))
    if blank:
        notes.append(t("common.blank_note", lang))
    notes.append(t("requests.carry_rule", lang))
    return Block(key="requests_carry", title=t("requests.carry_title", lang), table=pd.DataFrame(rows),
                 statements=tuple(statements), notes=tuple(notes), stem="requests-carry", items=(over, forward))


def _row_label(dataset: Dataset, year: int, series: str) -> str:
    """The official label of the row a harmonised series reads in the year's format."""
    fmt = dataset.format_of(year)
    rows = [m.indicator for m in dataset.catalogue.harmonised[series].mappings if m.format == fmt]
    return dataset.catalogue.indicators[rows[0]].label if rows else dataset.catalogue.label(series)
