"""Publish: the pieces every inline SVG chart is drawn from — text measured and wrapped, axis ticks, point shapes,
the hatch of an approximate figure, the legend, the dotted line of a report-format change and the band over years
not loaded."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from html import escape

WIDTH = 640
FONT = 12
SMALL = 11
LINE = 15  # one line of FONT-sized text, in px
TEXT = "#222222"  # 15.9:1 on white
MUTED = "#555555"  # 7.5:1 on white: axis lines, format-change lines and their labels
GRID = "#E5E5E5"
PLOT_HEIGHT = 220
# SVG dash arrays of plotly's line styles (figures/charts.DASHES), at a 2.5 px line.
DASH_ARRAYS = {"solid": "", "dash": "7 4", "dot": "2 3", "dashdot": "7 3 2 3", "longdash": "12 4",
               "longdashdot": "12 4 2 4"}  # fmt: skip


def esc(text: object) -> str:
    """Text for an SVG or HTML element or attribute."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate, short: one decimal at most."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float = FONT) -> float:
    """The drawn width of a text, estimated: a CJK (wide) character is one em, any other about 0.56 em."""
    return size * sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def _tokens(text: str) -> list[str]:
    """Breakable pieces: each wide character alone, runs of other characters up to and including a space."""
    out: list[str] = []
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WF"
        if wide or not out or out[-1].endswith(" ") or unicodedata.east_asian_width(out[-1][-1]) in "WF":
            out.append(char)
        else:
            out[-1] += char
    return out


def wrap(text: str, width: float, size: float = FONT, most: int = 4) -> list[str]:
    """A text broken into lines no wider than `width` (at most `most` lines, the last one ending in …)."""
    lines = [""]
    for token in _tokens(text):
        if lines[-1] and text_width(lines[-1] + token, size) > width:
            lines.append(token.lstrip())
        else:
            lines[-1] += token
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][:-1] + "…"
    return [line.rstrip() for line in lines]


def text(x: float, y: float, content: str, *, size: float = FONT, anchor: str = "start", fill: str = TEXT,
         halo: bool = False) -> str:
    """One line of text, its baseline at y; with a white halo where it sits on a bar of any colour."""
    ring = ' paint-order="stroke" stroke="#ffffff" stroke-width="3"' if halo else ""
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}"{ring}>'
            f"{esc(content)}</text>")


def lines(x: float, y: float, rows: list[str], *, size: float = FONT, anchor: str = "start") -> str:
    """Several lines of text, the first baseline at y."""
    step = size * 1.25
    return "".join(text(x, y + n * step, row, size=size, anchor=anchor) for n, row in enumerate(rows))


def ticks(top: float, percent: bool = False) -> list[float]:
    """Round values from 0 up to at least `top` for a value axis (about five; whole numbers for small counts)."""
    if percent:
        return [0, 0.25, 0.5, 0.75, 1.0]
    if top <= 0:
        return [0, 1]
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0) if top <= 10 else step
    count = math.ceil(top / step - 1e-9)
    return [round(step * n, 10) for n in range(count + 1)]


def tick_label(value: float, percent: bool = False) -> str:
    """A tick's figure: 25%, 1,200 or 2.5."""
    if percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def hatch(ident: str) -> str:
    """The pattern drawn over an approximate (“at least”) bar, as the dashboard hatches it."""
    return (f'<pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#333333" stroke-width="2"/></pattern>')


def marker(symbol: str, x: float, y: float, colour: str, size: float = 9.0) -> str:
    """A line's point: its shape (circle, square, diamond, triangle-up, pentagon, hexagon), hollow for an
    approximate figure (`-open`), a cross for a blank cell (`x`)."""
    r = size / 2
    if symbol == "x":
        d = f"M{num(x - r)} {num(y - r)}L{num(x + r)} {num(y + r)}M{num(x - r)} {num(y + r)}L{num(x + r)} {num(y - r)}"
        return f'<path d="{d}" stroke="{colour}" stroke-width="2.5"/>'
    shape, hollow = symbol.removesuffix("-open"), symbol.endswith("-open")
    paint = f'fill="#ffffff" stroke="{colour}" stroke-width="2"' if hollow else \
        f'fill="{colour}" stroke="#333333" stroke-width="1.2"'
    if shape == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {paint}/>'
    if shape == "square":
        return f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(size)}" height="{num(size)}" {paint}/>'
    corners = {"diamond": 4, "triangle-up": 3, "pentagon": 5, "hexagon": 6}.get(shape, 4)
    turn = 0.0 if shape != "hexagon" else math.pi / 6
    points = " ".join(
        f"{num(x + r * 1.15 * math.sin(turn + 2 * math.pi * k / corners))},"
        f"{num(y - r * 1.15 * math.cos(turn + 2 * math.pi * k / corners))}"
        for k in range(corners)
    )
    return f'<polygon points="{points}" {paint}/>'


def dashes(dash: str) -> str:
    """The stroke-dasharray attribute of a plotly line style ("" for solid)."""
    pattern = DASH_ARRAYS.get(dash, "")
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def line_swatch(colour: str, dash: str, symbol: str) -> str:
    """A legend's sample of a line at the origin: its colour, dash and point shape."""
    return (f'<line x1="0" y1="0" x2="26" y2="0" stroke="{colour}" stroke-width="2.5"{dashes(dash)}/>'
            + marker(symbol, 13, 0, colour, 8))


def bar_swatch(colour: str) -> str:
    """A legend's sample of a bar series at the origin: its colour with the dark edge."""
    return f'<rect x="6" y="-6" width="14" height="12" fill="{colour}" stroke="#333333" stroke-width="0.5"/>'


def legend(entries: list[tuple[str, str]], top: float, left: float = 8, right: float = WIDTH - 8) -> tuple[str, float]:
    """Legend entries (a swatch drawn at the origin, a name) in rows from `top`; the SVG and the height it takes."""
    parts, x, y = [], left, top + LINE / 2 + 2
    for swatch, name in entries:
        room = 34 + text_width(name, SMALL)
        if x > left and x + room > right:
            x, y = left, y + LINE + 4
        parts.append(f'<g transform="translate({num(x)} {num(y)})">{swatch}</g>' + text(x + 32, y + 4, name,
                                                                                        size=SMALL))
        x += room + 14
    return "".join(parts), (y - top) + LINE / 2 + 6


def changes(
    layout: dict, at: Callable[[float], float], top: float, bottom: float, left: float, right: float
) -> tuple[str, float]:
    """The marks of a chart across years, as the dashboard draws them: a grey band over each run of years not loaded
    (layout.shapes of type rect) with its words upright and its hover text as the band's <title>, and the dotted line
    of each report-format change (type line) with its label above the plot; `at` maps a year position to x. Returns
    the SVG and the room the labels take above top."""
    notes = list(layout.get("annotations", ()))
    upright = [n for n in notes if n.get("textangle") == -90]
    labels = [n for n in notes if n.get("textangle") != -90]
    out, rows = [], 0
    for shape in layout.get("shapes", ()):
        if shape.get("type") != "rect":
            continue
        x0, x1 = at(shape["x0"]), at(shape["x1"])
        words = next((n for n in upright if shape["x0"] <= n["x"] <= shape["x1"]), {})
        out.append(f'<rect x="{num(x0)}" y="{num(top)}" width="{num(x1 - x0)}" height="{num(bottom - top)}" '
                   f'fill="{shape.get("fillcolor") or GRID}"><title>{esc(words.get("hovertext", ""))}</title></rect>')
        if words:
            middle, centre = (x0 + x1) / 2, (top + bottom) / 2
            out.append(f'<g transform="translate({num(middle + SMALL * 0.35)} {num(centre)}) rotate(-90)">'
                       + text(0, 0, str(words["text"]), size=SMALL, anchor="middle", fill=MUTED) + "</g>")
    lines = [s for s in layout.get("shapes", ()) if s.get("type") == "line"]
    for n, shape in enumerate(lines):
        x = at(shape["x0"])
        if not left <= x <= right:  # a change after the last year the chart shows (shares leave empty years out)
            continue
        out.append(f'<line x1="{num(x)}" y1="{num(top)}" x2="{num(x)}" y2="{num(bottom)}" stroke="{MUTED}" '
                   f'stroke-width="1.5" stroke-dasharray="2 3"/>')
        if n < len(labels):
            row = n % 2
            rows = max(rows, row + 1)
            anchor = "start" if x <= (left + right) / 2 else "end"
            out.append(text(x + (4 if anchor == "start" else -4), top - 4 - row * LINE, labels[n]["text"],
                            size=SMALL, anchor=anchor, fill=MUTED))
    return "".join(out), rows * LINE


def value_axis(
    top: float, bottom: float, x0: float, x1: float, scale: list[float], percent: bool
) -> tuple[str, Callable[[float], float]]:
    """Horizontal grid lines with their tick labels; and the value → y mapping."""
    at = lambda v: bottom - (bottom - top) * v / scale[-1]  # noqa: E731
    grid = "".join(
        f'<line x1="{num(x0)}" y1="{num(at(v))}" x2="{num(x1)}" y2="{num(at(v))}" stroke="{GRID}"/>'
        + text(x0 - 6, at(v) + 4, tick_label(v, percent), size=SMALL, anchor="end", fill=MUTED)
        for v in scale
    )
    return grid, at


def axis_range(layout: dict) -> tuple[float, float] | None:
    """The x axis's range as plotly was given it (a year axis: first year − ½ to last year + ½), if any."""
    span = (layout.get("xaxis") or {}).get("range")
    return (float(span[0]), float(span[1])) if span else None


def x_frame(layout: dict, cats: list, x0: float, x1: float) -> tuple[Callable[[float], float], float, bool]:
    """Where a category sits: years on a linear axis (plotly's range), other categories in equal bands."""
    axis = layout.get("xaxis") or {}
    years = axis.get("tickformat") == "d" and all(isinstance(c, int | float) for c in cats)
    if years:
        lo, hi = axis.get("range") or [min(cats) - 0.5, max(cats) + 0.5]
        return (lambda v: x0 + (x1 - x0) * (float(v) - lo) / (hi - lo)), (x1 - x0) / (hi - lo), True
    band = (x1 - x0) / max(len(cats), 1)
    place = {c: n for n, c in enumerate(cats)}
    return (lambda v: x0 + band * (place.get(v, 0) + 0.5)), band, False


def plot_box(layout: dict, scale: list[float], percent: bool, top: float) -> tuple[float, float, float, float, str]:
    """The plot area (x0, x1, top, bottom) under the unit line and the format-change labels, and the unit line."""
    unit = str(((layout.get("yaxis") or {}).get("title") or {}).get("text") or "")
    label_room = max(text_width(tick_label(v, percent), SMALL) for v in scale)
    notes = min(len([n for n in layout.get("annotations") or () if n.get("textangle") != -90]), 2)
    head = text(8, top + SMALL, unit, size=SMALL, fill=MUTED) if unit else ""
    plot_top = top + (LINE + 4 if unit else 0) + notes * LINE + 8
    return 14 + label_room, WIDTH - 10.0, plot_top, plot_top + PLOT_HEIGHT, head


def x_labels(cats: list, at: Callable[[float], float], band: float, years: bool, bottom: float,
             span: tuple[float, float] | None = None) -> tuple[str, float]:
    """The category labels under the plot; on a year axis every whole year of its range (`span`, plotly's range),
    so a year not loaded keeps its label under its empty slot."""
    if years:  # whole years only: a line cut before a format change has a gap point half a year earlier
        every = max(1, math.ceil((text_width("2025", SMALL) + 6) / band))
        whole = sorted({int(c) for c in cats if float(c).is_integer()} |
                       (set(range(math.ceil(span[0]), math.floor(span[1]) + 1)) if span else set()))
        shown = [c for c in whole if (c - whole[0]) % every == 0]
        return "".join(text(at(c), bottom + 15, str(c), size=SMALL, anchor="middle") for c in shown), 20.0
    rows = [wrap(str(c), band - 6, SMALL, most=3) for c in cats]
    out = "".join(lines(at(c), bottom + 15, r, size=SMALL, anchor="middle") for c, r in zip(cats, rows, strict=True))
    return out, 8 + max((len(r) for r in rows), default=1) * SMALL * 1.25


def frame(ident: str, title: str, desc: str, height: float, body: str, defs: str = "") -> str:
    """The chart as one <svg> element: named by its title and described by its text alternative (role img)."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {num(height)}" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d" class="chart" font-family="inherit">'
            f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
            + (f"<defs>{defs}</defs>" if defs else "") + body + "</svg>")
