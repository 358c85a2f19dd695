"""Figures: the year axis of every chart across years — whole years, a dotted line where the report format is known
to change, and a labelled grey band (with a hover on the value axis) over each run of years not loaded."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Years not loaded: a grey band behind the figures, its words in MUTED_TEXT (6.4:1 on the band), and a dash on the
# value axis at each such year whose hover says so. GAP_ROLE names the dash's trace (trace.meta) for the SVG drawer.
GAP_FILL = "#EFEFEF"
MUTED_TEXT = "#555555"
GAP_ROLE = "gaps"


@dataclass(frozen=True)
class Gap:
    """A run of years not loaded, as a chart across years marks it: a band with its words and a hover text."""

    first: int
    last: int
    label: str  # written on the band: "2017—2023年未导入"
    hover: str  # the hover of the band and of each of its years


@dataclass(frozen=True)
class YearMarks:
    """What a chart across years marks besides its figures, in the reader's language: a dotted line before each
    year whose report format is known to change there (the year before is loaded), a band over each run of years not
    loaded, the legend name of those bands, and one sentence saying so for the chart's text alternative."""

    changes: tuple[tuple[int, str], ...] = ()
    gaps: tuple[Gap, ...] = ()
    gap_name: str = ""
    summary: str = ""

    @property
    def missing(self) -> list[int]:
        """Every year the bands cover."""
        return [y for gap in self.gaps for y in range(gap.first, gap.last + 1)]


NO_MARKS = YearMarks()


def year_axis(frame: pd.DataFrame, marks: YearMarks) -> tuple[dict, dict]:
    """Years as whole numbers on their axis; a dotted line named after the new format where the format is known to
    change; a grey band, labelled upright, over each run of years not loaded."""
    years = pd.to_numeric(frame["category"], errors="coerce").dropna()
    if years.empty:
        return {}, {}
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": year - 0.5, "x1": year - 0.5, "y0": 0, "y1": 1,
         "line": {"dash": "dot", "color": MUTED_TEXT, "width": 1.5}}
        for year, _ in marks.changes
    ]
    every = [*years.tolist(), *marks.missing]
    span = [float(min(every)) - 0.5, float(max(every)) + 0.5]
    middle = sum(span) / 2  # a label right of the middle ends at its line, so it stays inside the chart
    notes = [  # every other label one line higher, so two changes a year or two apart do not print over each other
        {"xref": "x", "yref": "paper", "x": year - 0.5, "y": 1, "text": label, "showarrow": False,
         "xanchor": "left" if year - 0.5 <= middle else "right", "yanchor": "bottom", "font": {"size": 11},
         "yshift": 16 * (n % 2)}
        for n, (year, label) in enumerate(marks.changes)
    ]
    for gap in marks.gaps:
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": gap.first - 0.5, "x1": gap.last + 0.5,
                       "y0": 0, "y1": 1, "fillcolor": GAP_FILL, "line": {"width": 0}, "layer": "below"})
        notes.append({"xref": "x", "yref": "paper", "x": (gap.first + gap.last) / 2, "y": 0.5, "text": gap.label,
                      "hovertext": gap.hover, "showarrow": False, "textangle": -90, "xanchor": "center",
                      "yanchor": "middle", "font": {"size": 11, "color": MUTED_TEXT}})
    room = {"top": 60} if len(marks.changes) > 1 else {}
    return {"tickformat": "d", "dtick": 1, "range": span}, {"shapes": shapes, "annotations": notes, **room}


def gap_trace(marks: YearMarks) -> list[dict]:
    """A dash on the value axis at each year not loaded, whose hover says so (a band has no hover of its own)."""
    if not marks.gaps:
        return []
    hovers = [gap.hover for gap in marks.gaps for _ in range(gap.first, gap.last + 1)]
    return [{
        "type": "scatter", "x": marks.missing, "y": [0] * len(hovers), "mode": "markers", "name": marks.gap_name,
        "meta": GAP_ROLE, "customdata": hovers, "hovertemplate": "%{customdata}<extra></extra>", "cliponaxis": False,
        "marker": {"symbol": "line-ew-open", "size": 16, "color": MUTED_TEXT,
                   "line": {"width": 2, "color": MUTED_TEXT}},
    }]
