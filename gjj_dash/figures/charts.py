"""Figures: charts — plotly Figures built from tidy frames; Okabe–Ito colours, approximate and blank figures marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from gjj_dash.figures.year_axis import NO_MARKS, YearMarks, gap_trace, year_axis

# Okabe & Ito (2008), the colour-blind-safe qualitative palette, ordered so the first five reach 3:1 on white
# (WCAG 1.4.11, lines and marks): blue 5.2, vermillion 3.9, green 3.4, reddish purple 3.1, black; orange 2.3,
# sky blue 2.3 and yellow 1.3 only from a sixth series on (bars keep a dark outline whatever their colour).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9", "#F0E442")
# Line styles and marker shapes repeat the colour cue so no series is told apart by colour alone.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "pentagon", "hexagon")
APPROX_PATTERN = "/"
MARK_EDGE = "#333333"  # outline of bars and line points (12.6:1 on white)
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
# The columns every builder reads: category (x), series (colour; "" for one series), value (NaN = no such row),
# display (the figure as people read it), approximate ("at least" figures) and blank (an empty official cell).
CHART_COLUMNS = ("category", "series", "value", "display", "approximate", "blank")
# Facility matrix statuses, in colour order: reported for the hall, reported only for the halls as a whole, none.
MATRIX_STATUSES = ("present", "whole", "absent")
MATRIX_COLOURS = ("#009E73", "#56B4E9", "#E8E8E8")


# The parts of the default plotly template these figures use: 2-D axes, fonts, hover, shapes and annotations; bar,
# scatter and heatmap traces. The whole template (Streamlit's or plotly's: colour scales, maps, 3-D scenes, other trace
# types) was deep-copied and serialised with every chart on every rerun; what it sets for these figures is kept.
TEMPLATE_LAYOUT = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor",
                   "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")
TEMPLATE_TRACES = ("bar", "scatter", "heatmap")


def light_template() -> dict:
    """The default template (Streamlit sets its own as plotly's default) cut to what these figures use."""
    return _light(pio.templates.default)


@cache
def _light(name: str) -> dict:
    full = pio.templates[name].to_plotly_json()
    return {
        "layout": {k: v for k, v in full.get("layout", {}).items() if k in TEMPLATE_LAYOUT},
        "data": {k: v for k, v in full.get("data", {}).items() if k in TEMPLATE_TRACES},
    }


@dataclass(frozen=True)
class Axes:
    """The words of a chart: title, axis titles and legend title, already in the reader's language."""

    title: str
    x: str
    y: str
    legend: str = ""


def chart_frame(records: Sequence[dict]) -> pd.DataFrame:
    """A frame with exactly the chart columns and their types."""
    frame = pd.DataFrame(list(records), columns=list(CHART_COLUMNS))
    return frame.astype(
        {"category": "object", "series": "string", "value": "float64", "display": "string",
         "approximate": "bool", "blank": "bool"}
    )


def _figure(
    traces: list[dict], axes: Axes, *, height: int, legend: bool, x: dict, y: dict, top: int | None = None,
    **extra: object,
) -> go.Figure:
    """One Figure built in a single validation pass (plotly's incremental updates are slow); `top`: the top margin
    when the chart needs more room above than its title (two format-change labels)."""
    grid = {"automargin": True, "gridcolor": "#E5E5E5"}
    layout = {
        "title": {"text": axes.title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "separators": ".,",
        "height": height,
        "margin": {"l": 10, "r": 30, "t": top or (60 if axes.title else 36), "b": 10},
        "legend": {"title": {"text": axes.legend}, "orientation": "h", "yanchor": "top", "y": -0.18},
        "showlegend": legend,
        "plot_bgcolor": "white",
        "xaxis": {"title": {"text": axes.x}, **grid, **x},
        "yaxis": {"title": {"text": axes.y}, **grid, **y},
        "template": light_template(),
        **extra,
    }
    return go.Figure(data=traces, layout=layout)


def _groups(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    names = list(dict.fromkeys(frame["series"].fillna("")))
    return [(name, frame[frame["series"].fillna("") == name]) for name in names]


def _counts(frame: pd.DataFrame, percent: bool = False) -> dict:
    """The value axis: thousands separators; whole-number ticks when every figure is a small whole number."""
    if percent:
        return {"tickformat": ".0%", "rangemode": "tozero"}
    values = frame["value"].dropna()
    small = not values.empty and values.max() <= 10 and (values % 1 == 0).all()
    return {"tickformat": ",~f", "rangemode": "tozero", **({"dtick": 1} if small else {})}


def bar_chart(
    frame: pd.DataFrame,
    axes: Axes,
    *,
    horizontal: bool = False,
    stacked: bool = False,
    percent: bool = False,
    marks: YearMarks = NO_MARKS,
) -> go.Figure:
    """Bars, one colour per series; an approximate figure hatched and labelled (19,000+), a blank one at 0 with —;
    across years (`marks`), a year not loaded keeps its empty slot under a labelled band."""
    traces = []
    groups = _groups(frame)
    for n, (name, part) in enumerate(groups):
        values = part["value"].fillna(0.0).tolist()
        cats = part["category"].tolist()
        traces.append({
            "type": "bar",
            "x": values if horizontal else cats,
            "y": cats if horizontal else values,
            "orientation": "h" if horizontal else "v",
            "name": name or axes.y,
            "text": part["display"].tolist(),
            "textposition": "inside" if stacked else "outside",
            "cliponaxis": False,
            "marker": {
                "color": OKABE_ITO[n % len(OKABE_ITO)],
                "line": {"color": MARK_EDGE, "width": 0.5},
                "pattern": {
                    "shape": [APPROX_PATTERN if a else "" for a in part["approximate"]],
                    "fgcolor": MARK_EDGE,
                    "fillmode": "overlay",  # the hatch over the series colour, so colour still tells series apart
                    "solidity": 0.3,
                },
            },
            "hovertemplate": "%{" + ("y" if horizontal else "x") + "}: %{text}<extra>" + (name or "") + "</extra>",
        })
    value_axis = _counts(frame, percent)
    years, shown = year_axis(frame, marks)
    if horizontal:
        x, y = value_axis, {"autorange": "reversed", "type": "category", **years}
        count = len(dict.fromkeys(frame["category"]))
        height = max(260, 90 + 34 * count * (1 if stacked else max(1, len(groups))))
    else:
        x, y = years, value_axis
        height = 400
        traces += gap_trace(marks)
    return _figure(traces, axes, height=height, legend=len(groups) > 1, x=x, y=y,
                   barmode="stack" if stacked else "group", **shown)


def _broken(part: pd.DataFrame, missing: Sequence[int]) -> pd.DataFrame:
    """A series with a gap (NaN) at every year not loaded, and half a year before a year whose figures stop being
    comparable (`break` rows): no line joins two years across either."""
    rows, blank = [], {"value": float("nan"), "display": "", "approximate": False, "blank": False, "break": False}
    name = part["series"].iloc[0] if len(part) else ""
    for row in part.to_dict("records"):
        if row.get("break"):
            rows.append({**row, **blank, "category": row["category"] - 0.5})
        rows.append(row)
    have = set(part["category"])  # a series may already carry the years it lacks (NaN rows)
    rows += [{**blank, "category": year, "series": name} for year in missing if year not in have]
    return pd.DataFrame(sorted(rows, key=lambda r: float(r["category"])), columns=list(part.columns))


def trend_chart(frame: pd.DataFrame, axes: Axes, *, marks: YearMarks = NO_MARKS) -> go.Figure:
    """One line per series over the years; an approximate point hollow and labelled, a blank one marked ×; the line
    broken at every year not loaded (under a labelled band) and, with an optional boolean `break` column, before a
    year whose figure is not comparable."""
    traces = []
    for n, (name, part) in enumerate(_groups(frame)):
        if marks.gaps or ("break" in part.columns and part["break"].any()):
            part = _broken(part, marks.missing)
        symbol = SYMBOLS[n % len(SYMBOLS)]
        flags = zip(part["approximate"], part["blank"], strict=True)
        symbols = ["x" if b else (f"{symbol}-open" if a else symbol) for a, b in flags]
        traces.append({
            "type": "scatter",
            "x": part["category"].tolist(),
            "y": part["value"].tolist(),
            "name": name,
            "mode": "lines+markers+text",
            "text": [d if a else "" for d, a in zip(part["display"], part["approximate"], strict=True)],
            "textposition": "top center",
            "customdata": part["display"].tolist(),
            "hovertemplate": "%{x}: %{customdata}<extra>" + name + "</extra>",
            "line": {"color": OKABE_ITO[n % len(OKABE_ITO)], "dash": DASHES[n % len(DASHES)], "width": 2.5},
            # A dark edge on every filled point: a sixth line's colour may be under 3:1 on white, its points are not.
            "marker": {"symbol": symbols, "size": 10, "line": {"width": 1.5, "color": MARK_EDGE}},
            "connectgaps": False,
        })
    years, shown = year_axis(frame, marks)
    return _figure([*traces, *gap_trace(marks)], axes, height=420, legend=True, x=years, y=_counts(frame),
                   **shown)


def matrix_chart(frame: pd.DataFrame, axes: Axes, status_labels: dict[str, str]) -> go.Figure:
    """A row × column grid of statuses (present / reported for the halls as a whole / not reported), text in cells.

    `frame` has columns row, column, status (one of MATRIX_STATUSES); rows and columns keep their first-seen order.
    """
    rows = list(dict.fromkeys(frame["row"]))
    cols = list(dict.fromkeys(frame["column"]))
    codes = {s: i for i, s in enumerate(MATRIX_STATUSES)}
    lookup = {(r.row, r.column): r.status for r in frame.itertuples(index=False)}
    z = [[codes[lookup.get((r, c), "absent")] for c in cols] for r in rows]
    text = [[status_labels[MATRIX_STATUSES[v]] for v in line] for line in z]
    top = len(MATRIX_STATUSES) - 1
    scale = []
    for i, colour in enumerate(MATRIX_COLOURS):
        scale += [(i / len(MATRIX_COLOURS), colour), ((i + 1) / len(MATRIX_COLOURS), colour)]
    trace = {
        "type": "heatmap", "z": z, "x": cols, "y": rows, "text": text, "texttemplate": "%{text}",
        "zmin": -0.5, "zmax": top + 0.5, "colorscale": scale, "showscale": False, "xgap": 3, "ygap": 3,
        "hovertemplate": "%{y} · %{x}: %{text}<extra></extra>",
    }
    return _figure([trace], axes, height=130 + 34 * len(rows), legend=False,
                   x={"side": "top", "type": "category"}, y={"autorange": "reversed", "type": "category"})
