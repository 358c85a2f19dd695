"""Publish: a year's printed form as one self-contained HTML page that prints on A4 — no external resource at all."""

from __future__ import annotations

from html import escape

from gjj_dash.model.numbers import cell_text
from gjj_dash.model.values import Cell
from gjj_dash.publish.files import neutralise
from gjj_dash.publish.official import Form, OfficialRow, OfficialTable

# Fonts by name only (nothing is fetched): the printed form's 宋体/黑体, then the common CJK fonts of each system.
SERIF = '"SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif'
SANS = '"SimHei", "黑体", "Heiti SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
STYLE = """
@page {{ size: A4 {orientation}; margin: 15mm 14mm 16mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {serif}; font-size: 10.5pt; color: #000; background: #fff; margin: 0 auto; max-width: {width}; }}
h1 {{ font-family: {sans}; font-size: 17pt; font-weight: bold; text-align: center; margin: 0 0 4pt; }}
h2 {{ font-size: 11pt; font-weight: bold; margin: 12pt 0 4pt; }}
p {{ margin: 2pt 0; }}
.period {{ text-align: center; margin-bottom: 8pt; }}
.caption {{ font-size: 9.5pt; }}
table {{ width: 100%; border-collapse: collapse; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
th, td {{ border: 0.75pt solid #000; padding: 2.5pt 4pt; vertical-align: middle; }}
th {{ font-weight: bold; text-align: center; }}
td.unit, td.num, th.unit {{ text-align: center; white-space: nowrap; }}
td.num {{ min-width: 5em; }}
td.l1 {{ padding-left: calc(4pt + 1em); }}
td.l2 {{ padding-left: calc(4pt + 2em); }}
td.l3 {{ padding-left: calc(4pt + 3em); }}
tr.lvH td.label, tr.lvG td.label {{ font-weight: bold; }}
tr.lvN td {{ font-size: 9.5pt; }}
.footer {{ margin-top: 8pt; }}
.source {{ margin-top: 10pt; font-size: 8.5pt; color: #333; }}
@media screen {{ body {{ padding: 12mm 8mm; }} }}
"""


def _e(text: str) -> str:
    """Text for the page: formula-safe (a pasted table must not turn into formulas) and HTML-escaped."""
    return escape(neutralise(text), quote=True)


def header_rows(table: OfficialTable) -> list[str]:
    """The header block of a table as <tr>s of <th scope> cells, merged as printed (rowspan, colspan)."""
    cells, depth = table.head()
    rows: list[list[str]] = [[] for _ in range(depth)]
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
            f' colspan="{cell.colspan}" scope="colgroup"' if cell.colspan > 1 else ' scope="col"'
        )
        unit = ' class="unit"' if cell.col == 1 else ""
        rows[cell.row].append(f"<th{unit}{spans}>{_e(cell.text)}</th>")
    return ["<tr>" + "".join(row) + "</tr>" for row in rows]


def _value(cell: Cell | None) -> str:
    text = "" if cell is None else cell_text(cell.value, cell.qualifier, cell.blank)
    return f'<td class="num">{_e(text)}</td>'


def _row(row: OfficialRow) -> str:
    ind = row.indicator
    cells = [
        f'<td class="label l{min(row.indent, 3)}">{_e(ind.label)}</td>',
        f'<td class="unit">{_e(row.unit)}</td>',
        *(_value(cell if row.has_value else None) for cell in row.cells),
    ]
    return f'<tr class="lv{escape(ind.level)}" id="{escape(ind.id, quote=True)}">' + "".join(cells) + "</tr>"


def _table(table: OfficialTable, titled: bool) -> list[str]:
    out = ["<section>"]
    if titled:
        out.append(f"<h2>{_e(table.table.title)}</h2>")
    if table.table.caption:
        out.append(f'<p class="caption">{_e(table.table.caption)}</p>')
    out.append("<table>")
    out += ["<thead>", *header_rows(table), "</thead>", "<tbody>"]
    out += [_row(row) for row in table.rows]
    out += ["</tbody>", "</table>", "</section>"]
    return out


def form_html(form: Form) -> bytes:
    """The whole form as one UTF-8 HTML page: inline style, fonts by name, no link, script or image."""
    wide = max((len(t.columns) for t in form.tables), default=1) > 3
    style = STYLE.format(
        orientation="landscape" if wide else "portrait", serif=SERIF, sans=SANS, width="270mm" if wide else "182mm"
    )
    title = f"{form.title}{form.period}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(form.title)}</h1>",
        f'<p class="period">{_e(form.period)}</p>',
    ]
    if form.filer_line:
        parts.append(f'<p class="filer">{_e(form.filer_line)}</p>')
    for table in form.tables:
        parts += _table(table, titled=len(form.tables) > 1)
    parts.append('<div class="footer">')
    parts += [f"<p>{_e(line)}</p>" for line in form.footer_lines()]
    parts.append("</div>")
    if form.source:
        parts.append(f'<p class="source">来源：{_e(form.source)}</p>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")
