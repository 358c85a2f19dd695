"""Publish: the parts of a light page drawn from what the dashboard shows — KPI cards, a view's sections (chart as
inline SVG, its numbers as a table, statements, notes), the official tables as printed, and the data-quality
findings every marker links to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gjj_dash.figures.blocks import Block, Card, View
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.problems import Finding
from gjj_dash.publish.form_html import header_rows
from gjj_dash.publish.markup import NUM, cell, esc, frame_table, href, prose
from gjj_dash.publish.official import BLANK_MARK, Form, OfficialRow, OfficialTable
from gjj_dash.publish.svg import chart_svg
from gjj_dash.quality.findings import check_label, expand_items, findings_for, severity_label, value_text


@dataclass(frozen=True)
class Where:
    """Where a part is drawn: the page's site path, its year and language, and the page holding the year's
    findings (the anchors every data-quality marker links to)."""

    here: str
    year: int
    lang: str
    findings_page: str
    findings: tuple[Finding, ...] = ()

    def anchor(self, finding: Finding) -> str:
        """The link to one finding of the year on the findings page."""
        return href(self.here, f"{self.findings_page}#q-{self.findings.index(finding) + 1}")


def marker(items: Iterable[str], where: Where) -> str:
    """“⚠ 数据质量（n）” linking to the first finding when the figures (rows, measures, series) have any."""
    hits = findings_for(where.findings, where.year, expand_items(load_catalogue(), items))
    if not hits:
        return ""
    label = t("quality.marker", where.lang, n=len(hits))
    return f'<p class="quality"><a href="{esc(where.anchor(hits[0]))}">{esc(label)}</a></p>'


def card(item: Card, where: Where) -> str:
    """A KPI card: label, figure with unit, change, source, qualifier, blank and text notes, quality marker."""
    lang = where.lang
    value = item.value if item.value == "—" else f"{item.value} {item.unit}"
    parts = [f"<h3>{esc(item.label)}</h3>", f'<p class="value">{cell(value)}</p>']
    if item.delta:
        said = t("gaps.site_delta", lang, compared=item.compared, delta=item.delta) if item.compared else \
            t("site.delta", lang, delta=item.delta)
        parts.append(f'<p class="delta">{esc(said)}</p>')
    parts.append(f'<p class="source">{esc(t("common.source_line", lang, source=item.source))}</p>')
    if item.approximate:
        parts.append(f"<p>{esc(t('common.qualifier_at_least', lang))}</p>")
    if item.blank:
        parts.append(f"<p>{esc(t('common.blank_note', lang))}</p>")
    if item.note:
        parts.append(f"<p>{cell(item.note)}</p>")
    parts.append(marker(item.series, where))
    return f'<li class="card">{"".join(parts)}</li>'


def cards(items: Iterable[Card], where: Where) -> str:
    shown = "".join(card(c, where) for c in items)
    return f'<ul class="cards">{shown}</ul>' if shown else ""


def block(item: Block, where: Where, level: int = 3) -> str:
    """One section of a view: title, quality marker, the sentence that replaces an empty chart, or lead, chart (SVG
    with its text alternative), numbers as a table, statements and notes."""
    out = [f'<section class="block" id="{esc(item.key)}">']
    if item.title:
        out.append(f"<h{level}>{esc(item.title)}</h{level}>")
    if item.items:
        out.append(marker(item.items, where))
    if item.empty:
        out.append(f'<p class="statement">{prose(item.empty)}</p></section>')
        return "".join(out)
    if item.lead:
        out.append(f'<p class="lead">{prose(item.lead)}</p>')
    if item.figure is not None:
        svg = chart_svg(item.figure, f"chart-{item.key}", item.title or item.alt, item.alt)
        if svg:
            out.append(f"<figure>{svg}<figcaption>{cell(item.alt)}</figcaption></figure>")
    if item.table is not None:
        out.append(frame_table(item.table, item.title))
    out += [f'<p class="statement">{prose(s)}</p>' for s in item.statements]
    if item.notes:
        out.append('<ul class="notes">' + "".join(f"<li>{prose(n)}</li>" for n in item.notes) + "</ul>")
    out.append("</section>")
    return "".join(out)


def view(item: View, where: Where, *, across: bool) -> str:
    """A dashboard page's view of the year: intro, notes, cards, sections; with `across`, its sections across years."""
    out = [f'<p class="lead">{prose(item.intro)}</p>']
    out += [f'<p class="statement">{prose(s)}</p>' for s in (item.year_note, *item.summary) if s]
    out.append(cards(item.cards, where))
    out += [block(b, where) for b in item.blocks]
    if across and item.trends:
        out.append(f"<h3>{esc(t('pub.across_years', where.lang))}</h3>")
        out += [block(b, where, level=4) for b in item.trends]
    return "".join(out)


def _official_row(row: OfficialRow, hits: dict[str, list[Finding]], where: Where) -> str:
    ind = row.indicator
    label = f'<span lang="zh-CN">{cell(ind.label)}</span>'
    if where.lang == "en" and ind.label_en:
        label += f'<br><span class="muted" lang="en">{cell(ind.label_en)}</span>'
    values = "".join(
        f"<td{NUM}>{cell(BLANK_MARK if c is None else c.display(where.lang))}</td>" if row.has_value else "<td></td>"
        for c in row.cells
    )
    found = hits.get(ind.id, [])
    mark = f'<a href="{esc(where.anchor(found[0]))}">{esc(t("quality.cell", where.lang, n=len(found)))}</a>' \
        if found else ""
    quality = f"<td>{mark}</td>" if hits else ""
    return (f'<tr class="lv{esc(ind.level)}" id="row-{esc(ind.id)}"><th scope="row" class="l{min(row.indent, 3)}">'
            f"{label}</th><td>{cell(row.unit)}</td>{values}{quality}</tr>")


def official_table(table: OfficialTable, where: Where) -> str:
    """One official table as printed (merged header cells, indented labels as row headers, figures as people read
    them, — for a blank cell) with a last 数据质量 column when any row has findings."""
    rows = [r.indicator.id for r in table.rows]
    hits = {i: findings_for(where.findings, where.year, i) for i in rows}
    hits = {i: found for i, found in hits.items() if found}
    head = header_rows(table)
    if hits:
        extra = f'<th scope="col" rowspan="{len(head)}">{esc(t("quality.col", where.lang))}</th></tr>'
        head[0] = head[0].removesuffix("</tr>") + extra
    body = "".join(_official_row(r, hits, where) for r in table.rows)
    caption = f"<caption>{esc(table.table.caption)}</caption>" if table.table.caption else ""
    return (f'<div class="scroll"><table lang="zh-CN">{caption}<thead>{"".join(head)}</thead>'
            f"<tbody>{body}</tbody></table></div>")


def official_form(form: Form, where: Where) -> str:
    """The year's printed form: title, year line, 填报单位, each table, footer, notes and provenance."""
    lang = where.lang
    out = [f"<h3>{esc(form.title)}{esc(form.period)}</h3>"]
    if form.filer_line:
        out.append(f"<p>{cell(form.filer_line)}</p>")
    for table in form.tables:
        if len(form.tables) > 1:
            out.append(f"<h4>{esc(table.table.title)}</h4>")
        out.append(official_table(table, where))
    out += [f"<p>{cell(line)}</p>" for line in form.footer_lines()] or [f"<p>{esc(t('tables.no_footer', lang))}</p>"]
    notes = [t("tables.blank_note", lang), t("tables.approx_note", lang)]
    if lang == "en":
        notes.append(t("tables.lang_note", lang))
    if form.source:
        notes.append(t("tables.source", lang, source=form.source))
    if form.version:
        notes.append(t("tables.version", lang, version=form.version))
    out.append('<ul class="notes">' + "".join(f"<li>{cell(n)}</li>" for n in notes) + "</ul>")
    return "".join(out)


def findings_list(where: Where) -> str:
    """Every finding of the year with its anchor: severity and check, the sentence, both sides, the sources."""
    lang = where.lang
    if not where.findings:
        return f"<p>{esc(t('quality.none', lang))}</p>"
    out = []
    for n, found in enumerate(where.findings, start=1):
        head = f"{severity_label(found.severity, lang)} · {check_label(found.check, lang)}"
        sides = (f"<li>{cell(found.left)}：{esc(value_text(found.left_value, lang))}</li>"
                 f"<li>{cell(found.right)}：{esc(value_text(found.right_value, lang))}</li>")
        source = f'<p class="source">{cell(t("common.source_line", lang, source=found.sources))}</p>' \
            if found.sources else ""
        out.append(f'<div class="finding" id="q-{n}"><p><strong>{esc(head)}</strong></p><p>{cell(found.message)}'
                   f"</p><ul>{sides}</ul>{source}</div>")
    return "".join(out)
