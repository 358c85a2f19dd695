"""Publish: a drafted report as a web page to paste into the site's CMS — semantic HTML, the official tables with their
merged cells (rowspan/colspan, <th scope>), no script, no link, no class the page needs, CSS inline only where a CMS
would otherwise lose it (table borders, centred title, the marked places and the preflight box to delete); each
drafted sentence followed by an HTML comment naming the figures it states."""

from __future__ import annotations

import re
from html import escape

from gjj_dash.publish.annual_report import preflight as checks
from gjj_dash.publish.annual_report.blocks import Fill, Heading, Lines, Paragraph, Report, TableBlock, printable
from gjj_dash.publish.annual_report.outline import FILL_MARK
from gjj_dash.publish.annual_report.tables import GridCell, PrintedTable
from gjj_dash.publish.annual_report.trace import note
from gjj_dash.publish.files import neutralise

TABLE_STYLE = "border-collapse:collapse;margin:0.5em auto;font-size:0.9em"
CELL_STYLE = "border:1px solid #000;padding:2px 4px;vertical-align:middle"
NOTE_STYLE = "border:2px solid #c00;padding:0.5em 1em;margin:1em 0"
MARK_STYLE = "background:#ff0"
_PLACE = re.compile(re.escape(escape(FILL_MARK)) + r"[^】]*】")
HEAD_KINDS = ("head", "caption")
ROW_KINDS = ("label", "group", "note")


def _text(text: str) -> str:
    """Text for the page, escaped; every 【待填写：…】 marked so nobody publishes it unfilled."""
    escaped = escape(printable(text), quote=False)
    return _PLACE.sub(lambda m: f'<mark style="{MARK_STYLE}">{m.group(0)}</mark>', escaped)


def _cell(cell: GridCell, in_head: bool) -> str:
    spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
    text = escape(neutralise(printable(cell.text)), quote=False)
    if cell.kind in HEAD_KINDS:
        scope = "colgroup" if cell.colspan > 1 else "col"
        return f'<th scope="{scope}"{spans} style="{CELL_STYLE};text-align:center">{text}</th>'
    if cell.kind in ROW_KINDS and not in_head:
        scope = "rowgroup" if cell.rowspan > 1 else "row"
        return f'<th scope="{scope}"{spans} style="{CELL_STYLE};text-align:left;font-weight:normal">{text}</th>'
    return f'<td{spans} style="{CELL_STYLE};text-align:center">{text}</td>'


def table_html(table: PrintedTable) -> list[str]:
    """One printed table: its header rows in <thead>; table 二's sub-tables each in a <tbody> of their own."""
    out = [f'<table style="{TABLE_STYLE}">']
    if table.head_rows:
        out.append("<thead>")
        out += ["<tr>" + "".join(_cell(c, True) for c in table.row(n)) + "</tr>" for n in range(table.head_rows)]
        out.append("</thead>")
    opened = False
    for n in range(table.head_rows, table.rows):
        cells = table.row(n)
        if not opened or (cells and cells[0].kind == "caption"):
            out.append("</tbody><tbody>" if opened else "<tbody>")
            opened = True
        out.append("<tr>" + "".join(_cell(c, False) for c in cells) + "</tr>")
    out += ["</tbody>" if opened else "", "</table>"]
    return [line for line in out if line]


def _block(block: object) -> list[str]:
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        return [f"<{tag}>{_text(block.text)}</{tag}>"]
    if isinstance(block, Paragraph) and block.sentences:
        pairs = zip(block.parts, block.sentences, strict=True)
        return ["<p>" + "".join(_text(part) + _comment(note(sentence)) for part, sentence in pairs) + "</p>"]
    if isinstance(block, Paragraph | Fill):
        return [f"<p>{_text(block.text)}</p>"]
    if isinstance(block, Lines):
        align = "" if block.align == "left" else f' style="text-align:{block.align}"'
        return [f"<p{align}>{_text(line)}</p>" for line in block.lines]
    if isinstance(block, TableBlock):
        return table_html(block.table)
    raise TypeError(type(block).__name__)


def _comment(text: str) -> str:
    """An HTML comment after a drafted sentence naming its figures: in the page's source, never on the page (and
    never read back as the report's text)."""
    return "<!-- " + printable(text).replace("--", "- -").replace(">", "＞") + " -->"


def _note(heading: str, lines: list[str], tag: str) -> list[str]:
    """A box to delete before publishing: the preflight at the top."""
    items = "".join(f"<li>{_text(line)}</li>" for line in lines)
    return [f'<aside style="{NOTE_STYLE}">', f"<p><strong>{escape(heading)}</strong></p>",
            f"<{tag}>{items}</{tag}>", "</aside>"]


def report_html(report: Report) -> bytes:
    """The whole report as one UTF-8 page: title, preflight box, body (each drafted sentence followed by an HTML
    comment naming its figures)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_text(report.title)}</title>",
        "</head>",
        "<body>",
        "<article>",
        f'<h1 style="text-align:center">{_text(report.title)}</h1>',
        *_note(checks.HEADING, checks.lines(report.preflight, report.places), "ul"),
    ]
    for block in report.blocks:
        parts += _block(block)
    parts += ["</article>", "</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")
