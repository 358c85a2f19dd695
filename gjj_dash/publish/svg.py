"""Publish: a view's chart as inline SVG, drawn on the server from the same plotly figure the dashboard shows —
bars (grouped, stacked, shares), lines across the years, the facility matrix — with no script at all.

Every chart of the light pages is drawn here (colours, dashes, point shapes and hatching follow figures/charts.py);
a chart type the dashboard adds needs a drawer in DRAWERS.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from gjj_dash.figures.charts import MATRIX_COLOURS, OKABE_ITO
from gjj_dash.figures.year_axis import GAP_ROLE
from gjj_dash.publish.svg_parts import (
    FONT,
    GRID,
    LINE,
    MUTED,
    SMALL,
    TEXT,
    WIDTH,
    axis_range,
    bar_swatch,
    changes,
    dashes,
    frame,
    hatch,
    legend,
    line_swatch,
    lines,
    marker,
    num,
    plot_box,
    text,
    text_width,
    tick_label,
    ticks,
    value_axis,
    wrap,
    x_frame,
    x_labels,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go

BAR = 14


def chart_svg(figure: go.Figure, ident: str, title: str, desc: str) -> str:
    """The figure as one <svg> (role img, named by `title`, described by `desc`); "" for a figure with no traces."""
    spec = figure.to_dict()
    layout = spec.get("layout") or {}
    # The dashes marking years not loaded are the dashboard's hover; here each band carries its own <title>.
    traces = [tr for tr in spec.get("data") or [] if tr.get("meta") != GAP_ROLE]
    draw = DRAWERS.get(str(traces[0].get("type"))) if traces else None
    if draw is None:
        return ""
    heading = str((layout.get("title") or {}).get("text") or "")
    head = wrap(heading, WIDTH - 16, FONT, most=2) if heading else []
    top = 8 + len(head) * LINE
    body, height = draw(traces, layout, ident, top)
    caption = lines(8, 8 + FONT, head, size=FONT) if head else ""
    return frame(ident, title, desc, height, caption + body, hatch(ident))


def _values(trace: dict, axis: str) -> list[float]:
    return [math.nan if v is None else float(v) for v in trace.get(axis) or []]


def _listed(trace: dict, key: str, count: int, default: object) -> list:
    value = trace.get(key, default)
    return list(value) if isinstance(value, list | tuple) else [value] * count


def _approx(trace: dict, count: int) -> list[bool]:
    """Which bars are hatched (an approximate, “at least” figure): plotly's marker.pattern.shape per bar."""
    pattern = (trace.get("marker") or {}).get("pattern") or {}
    return [bool(s) for s in _listed(pattern, "shape", count, "")]


def _rect(ident: str, x: float, y: float, w: float, h: float, colour: str, approx: bool) -> str:
    box = f'x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" height="{num(max(h, 0))}"'
    out = f'<rect {box} fill="{colour}" stroke="#333333" stroke-width="0.5"/>'
    return out + (f'<rect {box} fill="url(#{ident}-hatch)"/>' if approx else "")


def _series(traces: list[dict], cat_axis: str, value_axis: str) -> tuple[list, list[dict]]:
    """Categories in first-seen order, and per trace {category: (value, text, approximate)}."""
    cats = list(dict.fromkeys(c for tr in traces for c in tr.get(cat_axis) or []))
    table = []
    for tr in traces:
        keys, values = tr.get(cat_axis) or [], _values(tr, value_axis)
        texts, approx = _listed(tr, "text", len(keys), ""), _approx(tr, len(keys))
        table.append({k: (v, str(s), a) for k, v, s, a in zip(keys, values, texts, approx, strict=True)})
    return cats, table


def _top(table: list[dict], cats: list, stacked: bool) -> float:
    def finite(v: float) -> float:
        return 0.0 if math.isnan(v) else v

    if stacked:
        return max((sum(finite(t[c][0]) for t in table if c in t) for c in cats), default=0.0)
    return max((finite(v) for t in table for v, _, _ in t.values()), default=0.0)


def _bar_legend(traces: list[dict], layout: dict, top: float) -> tuple[str, float]:
    """The series' names beside their colours, when the chart has more than one."""
    if not layout.get("showlegend") or len(traces) < 2:
        return "", 0.0
    return legend([(bar_swatch(OKABE_ITO[n % len(OKABE_ITO)]), str(tr.get("name") or ""))
                   for n, tr in enumerate(traces)], top)


def _hbars(traces: list[dict], layout: dict, ident: str, top: float) -> tuple[str, float]:
    """Horizontal bars, one band per category (the first on top), grouped or stacked; value at each bar's end."""
    stacked = layout.get("barmode") == "stack"
    percent = "%" in str((layout.get("xaxis") or {}).get("tickformat") or "")
    cats, table = _series(traces, "y", "x")
    scale = ticks(_top(table, cats, stacked), percent)
    x0, x1 = 236.0, WIDTH - 64.0
    at = lambda v: x0 + (x1 - x0) * v / scale[-1]  # noqa: E731
    per = 1 if stacked else len(traces)
    bars, y = [], top + 4
    for cat in cats:
        label = wrap(str(cat), x0 - 14, FONT, most=3)
        height = per * BAR + (per - 1) * 2
        band = max(height, len(label) * FONT * 1.25) + 10
        bars.append(lines(x0 - 8, y + band / 2 - (len(label) - 1) * FONT * 0.625 + FONT * 0.35, label, anchor="end"))
        base, by = 0.0, y + (band - height) / 2
        for n, part in enumerate(table):
            value, shown, approx = part.get(cat, (math.nan, "", False))
            if math.isnan(value):
                continue
            start, row = (base, by) if stacked else (0.0, by + n * (BAR + 2))
            base += value if stacked else 0.0
            colour = OKABE_ITO[n % len(OKABE_ITO)]
            bars.append(_rect(ident, at(start), row, at(start + value) - at(start), BAR, colour, approx))
            room = at(start + value) - at(start)
            if shown and not stacked:
                bars.append(text(at(value) + 4, row + BAR - 3, shown, size=SMALL))
            elif shown and room > text_width(shown, SMALL) + 4:
                bars.append(text(at(start) + room / 2, row + BAR - 3, shown, size=SMALL, anchor="middle", halo=True))
        y += band
    grid = "".join(
        f'<line x1="{num(at(v))}" y1="{num(top)}" x2="{num(at(v))}" y2="{num(y)}" stroke="{GRID}"/>'
        + text(at(v), y + 14, tick_label(v, percent), size=SMALL, anchor="middle", fill=MUTED)
        for v in scale
    )
    title = str(((layout.get("xaxis") or {}).get("title") or {}).get("text") or "")
    y += 20
    if title:
        y += LINE
        grid += text((x0 + x1) / 2, y - 2, title, size=SMALL, anchor="middle", fill=MUTED)
    key, used = _bar_legend(traces, layout, y + 4)
    return grid + "".join(bars) + key, y + 8 + used


def _vbars(traces: list[dict], layout: dict, ident: str, top: float) -> tuple[str, float]:
    """Vertical bars per category or year, grouped or stacked (shares up to 100 %), format changes dotted."""
    stacked = layout.get("barmode") == "stack"
    percent = "%" in str((layout.get("yaxis") or {}).get("tickformat") or "")
    cats, table = _series(traces, "x", "y")
    scale = ticks(_top(table, cats, stacked), percent)
    x0, x1, plot_top, bottom, head = plot_box(layout, scale, percent, top)
    grid, y_at = value_axis(plot_top, bottom, x0, x1, scale, percent)
    x_at, band, years = x_frame(layout, cats, x0, x1)
    width = band * 0.7 / (1 if stacked else len(traces))
    bars = []
    for cat in cats:
        base = 0.0
        for n, part in enumerate(table):
            value, shown, approx = part.get(cat, (math.nan, "", False))
            if math.isnan(value):
                continue
            start = base if stacked else 0.0
            base += value if stacked else 0.0
            left = x_at(cat) - band * 0.35 + (0 if stacked else n * width)
            colour = OKABE_ITO[n % len(OKABE_ITO)]
            bars.append(_rect(ident, left, y_at(start + value), width, y_at(start) - y_at(start + value), colour,
                              approx))
            if shown and not stacked and text_width(shown, SMALL) <= width + 8:
                bars.append(text(left + width / 2, y_at(value) - 4, shown, size=SMALL, anchor="middle"))
    marks, _ = changes(layout, x_at, plot_top, bottom, x0, x1)
    labels, used = x_labels(cats, x_at, band, years, bottom, axis_range(layout))
    y = bottom + used
    title = str(((layout.get("xaxis") or {}).get("title") or {}).get("text") or "")
    if title and not years:
        y += LINE
        labels += text((x0 + x1) / 2, y - 2, title, size=SMALL, anchor="middle", fill=MUTED)
    key, extra = _bar_legend(traces, layout, y + 4)
    axis = f'<line x1="{num(x0)}" y1="{num(bottom)}" x2="{num(x1)}" y2="{num(bottom)}" stroke="{MUTED}"/>'
    return head + grid + "".join(bars) + axis + marks + labels + key, y + 8 + extra


def _lines(traces: list[dict], layout: dict, ident: str, top: float) -> tuple[str, float]:
    """One line per series across the years: gaps where a year has no figure, hollow points for approximate ones
    (labelled), a cross for a blank cell; format changes dotted."""
    cats = list(dict.fromkeys(c for tr in traces for c in tr.get("x") or []))
    finite = [v for tr in traces for v in _values(tr, "y") if not math.isnan(v)]
    scale = ticks(max(finite, default=0.0))
    x0, x1, plot_top, bottom, head = plot_box(layout, scale, False, top)
    grid, y_at = value_axis(plot_top, bottom, x0, x1, scale, False)
    x_at, band, _ = x_frame(layout, cats, x0, x1)
    drawn, entries = [], []
    for n, tr in enumerate(traces):
        colour = OKABE_ITO[n % len(OKABE_ITO)]
        style = tr.get("line") or {}
        xs, ys = tr.get("x") or [], _values(tr, "y")
        symbols = _listed(tr.get("marker") or {}, "symbol", len(xs), "circle")
        labels = _listed(tr, "text", len(xs), "")
        path, pen = [], "M"
        for x, y in zip(xs, ys, strict=True):
            if math.isnan(y):
                pen = "M"
                continue
            path.append(f"{pen}{num(x_at(x))} {num(y_at(y))}")
            pen = "L"
        dash = str(style.get("dash") or "solid")
        drawn.append(f'<path d="{"".join(path)}" fill="none" stroke="{colour}" stroke-width="2.5"{dashes(dash)}/>')
        for x, y, symbol, label in zip(xs, ys, symbols, labels, strict=True):
            if not math.isnan(y):
                drawn.append(marker(str(symbol), x_at(x), y_at(y), colour))
                if label:
                    drawn.append(text(x_at(x), y_at(y) - 9, str(label), size=SMALL, anchor="middle"))
        shape = next((str(m).removesuffix("-open") for m in symbols if m != "x"), "circle")  # × marks a blank only
        entries.append((line_swatch(colour, dash, shape), str(tr.get("name") or "")))
    marks, _ = changes(layout, x_at, plot_top, bottom, x0, x1)
    labels_svg, used = x_labels(cats, x_at, band, True, bottom, axis_range(layout))
    key, extra = legend(entries, bottom + used + 4)
    axis = f'<line x1="{num(x0)}" y1="{num(bottom)}" x2="{num(x1)}" y2="{num(bottom)}" stroke="{MUTED}"/>'
    return head + grid + axis + marks + "".join(drawn) + labels_svg + key, bottom + used + 12 + extra


def _matrix(traces: list[dict], layout: dict, ident: str, top: float) -> tuple[str, float]:
    """The hall × facility grid: one cell per pair, coloured by status and saying it in words."""
    trace = traces[0]
    cols, rows = [str(c) for c in trace.get("x") or []], [str(r) for r in trace.get("y") or []]
    z, words = trace.get("z") or [], trace.get("text") or []
    left = 150.0
    width = (WIDTH - left - 8) / max(len(cols), 1)
    heads = [wrap(c, width - 6, SMALL, most=2) for c in cols]
    head_h = max((len(h) for h in heads), default=1) * SMALL * 1.25 + 8
    out = [lines(left + width * (n + 0.5), top + SMALL, h, size=SMALL, anchor="middle") for n, h in enumerate(heads)]
    y = top + head_h
    for r, row in enumerate(rows):
        out.append(lines(left - 8, y + 17, wrap(row, left - 14, SMALL, most=1), size=SMALL, anchor="end"))
        for c in range(len(cols)):
            code = int(z[r][c]) if r < len(z) and c < len(z[r]) else len(MATRIX_COLOURS) - 1
            x = left + width * c
            out.append(f'<rect x="{num(x + 1.5)}" y="{num(y + 1.5)}" width="{num(width - 3)}" height="23" '
                       f'fill="{MATRIX_COLOURS[min(code, len(MATRIX_COLOURS) - 1)]}"/>')
            word = str(words[r][c]) if r < len(words) and c < len(words[r]) else ""
            out.append(text(x + width / 2, y + 17, word, size=SMALL, anchor="middle", fill=TEXT))
        y += 26
    return "".join(out), y + 8


def _bars(traces: list[dict], layout: dict, ident: str, top: float) -> tuple[str, float]:
    horizontal = traces[0].get("orientation") == "h"
    return (_hbars if horizontal else _vbars)(traces, layout, ident, top)


DRAWERS: dict[str, Callable[[list[dict], dict, str, float], tuple[str, float]]] = {
    "bar": _bars,
    "scatter": _lines,
    "heatmap": _matrix,
}
