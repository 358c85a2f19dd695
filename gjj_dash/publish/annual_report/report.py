"""Publish: a year's report drafted from its published figures — the outline of its format filled in with sentences,
official tables and places for prose — and written as Word or as a web page."""

from __future__ import annotations

import re
from collections.abc import Callable

from gjj_dash.model.printed import ITEM_HEADER
from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report import tables as printed
from gjj_dash.publish.annual_report.blocks import Block, Fill, Heading, Lines, Paragraph, Report, TableBlock
from gjj_dash.publish.annual_report.docx_writer import report_docx
from gjj_dash.publish.annual_report.html_writer import report_html
from gjj_dash.publish.annual_report.outline import Part, fill_in, load_outline, title
from gjj_dash.publish.annual_report.preflight import run_preflight
from gjj_dash.publish.annual_report.sentences import Writer
from gjj_dash.publish.official import Form, OfficialTable, official_form, official_tables

CENTRE_UNIT = "centre"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ReportError(ValueError):
    """A report that cannot be drafted (a year not held, a format without an outline); the message is Chinese."""


def body_of(dataset: Dataset, year: int, form: Form | None = None) -> str:
    """The body the report is of: the year's reporting unit, else its form's 填报单位, else the centre."""
    unit = str(dataset.reports[year].get("reporting_unit") or "").strip()
    form = form or official_form(dataset, year)
    return unit or form.filer or dataset.catalogue.units[CENTRE_UNIT].label


def build_report(dataset: Dataset, year: int) -> Report:
    """The year's report in its format's structure; the preflight's findings never stop it."""
    if year not in dataset.years:
        held = "、".join(map(str, dataset.years)) or "无"
        raise ReportError(f"没有 {year} 年度的数据，无法起草年度报告（已有年度：{held}）")
    fmt = dataset.format_of(year)
    parts = load_outline().get(fmt)
    if not parts:
        raise ReportError(f"{year} 年度的报表格式“{dataset.format_name(year)}”没有年度报告结构，无法起草")
    form = official_form(dataset, year)
    body = body_of(dataset, year, form)
    preflight = run_preflight(dataset, year)
    blocks = _Builder(dataset, year, form, body).blocks(parts)
    return Report(year, fmt, title(body, year), body, preflight, tuple(blocks))


class _Builder:
    """Walks a format's outline and turns each part into blocks."""

    def __init__(self, dataset: Dataset, year: int, form: Form, body: str) -> None:
        self.dataset, self.year, self.form, self.body = dataset, year, form, body
        self.writer = Writer(dataset, year)
        self.tables = {t.table.id: t for t in official_tables(dataset, year)}
        self.said: set[str] = set()  # topics that wrote something

    def blocks(self, parts: tuple[Part, ...]) -> list[Block]:
        out: list[Block] = []
        for part in parts:
            out += self.part(part)
        return out

    def part(self, part: Part) -> list[Block]:
        handlers: dict[str, Callable[[Part], list[Block]]] = {
            "opening": self.opening, "contact": self.contact, "section": lambda p: [Heading(p.text, 1)],
            "sub": lambda p: [Heading(p.text, 2)], "topic": self.topic, "fill": self.fill,
            "annex": lambda p: [Lines((p.text,), role="annex")], "table": self.table,
        }  # fmt: skip
        return handlers[part.kind](part)

    def opening(self, part: Part) -> list[Block]:
        return [Paragraph(fill_in(part.text, {"year": str(self.year), "body": self.body}))]

    def contact(self, part: Part) -> list[Block]:
        given = self.dataset.reports[self.year].get("contact") or {}
        values = {k: str(v).strip() for k, v in given.items() if str(v).strip()}
        return [Paragraph(fill_in(part.text, {**values, "year": str(self.year), "body": self.body}))]

    def topic(self, part: Part) -> list[Block]:
        paragraph = self.writer.topic(part.text)
        if paragraph is None:
            return []
        self.said.add(part.text)
        return [paragraph]

    def fill(self, part: Part) -> list[Block]:
        return [] if part.option and part.option in self.said else [Fill(part.text)]

    def table(self, part: Part) -> list[Block]:
        chosen = [self.tables[i] for i in part.text.split() if i in self.tables]
        if not chosen:
            return []
        if part.option == "across":
            return [TableBlock(printed.across_table(chosen[0]))]
        if len(chosen) > 1:
            return [TableBlock(printed.section_table(chosen))]
        if chosen[0].label_header == ITEM_HEADER:  # the 2019/2021 tables print no 单位 column
            return [TableBlock(printed.matrix_table(chosen[0]))]
        return self.old_form(chosen[0])  # a statistics form: its title, year and 填报单位 above, footer below

    def old_form(self, table: OfficialTable) -> list[Block]:
        out: list[Block] = [Lines((self.form.title, self.form.period), "center", "table_title")]
        if self.form.filer_line:
            out.append(Lines((self.form.filer_line,), role="filer"))
        out.append(TableBlock(printed.old_table(table)))
        if self.form.footer_lines():
            out.append(Lines(tuple(self.form.footer_lines()), role="footer"))
        return out


WRITERS: dict[str, Callable[[Report], bytes]] = {"docx": report_docx, "html": report_html}
SUFFIXES = {"docx": ".docx", "html": ".html"}


def write_report(report: Report, kind: str) -> bytes:
    """A drafted report as a Word document (docx) or a web page to paste into the site (html)."""
    if kind not in WRITERS:
        raise ReportError(f"不支持的格式：{kind}（可选：{'、'.join(WRITERS)}）")
    return WRITERS[kind](report)


def report_name(report: Report, kind: str, version: str = "") -> str:
    """The download's file name: the title with 草稿 and the data version it was drafted from (so no cache serves a
    stale draft); characters no file system takes replaced."""
    stamp = f"-{version[:8]}" if version else ""
    return _UNSAFE.sub("_", f"{report.title}（草稿）{stamp}") + SUFFIXES[kind]
