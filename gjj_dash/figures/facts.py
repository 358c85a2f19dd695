"""Figures: a year's figures with provenance — label, official label, unit, display, source, qualifier and change."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.numbers import ABOUT, AT_LEAST, decimals_of, display
from gjj_dash.model.series import change_text
from gjj_dash.model.values import CENTRE, Cell, Dataset


@dataclass(frozen=True)
class Fact:
    """One figure of one year as a page shows it, with where it comes from and how exact it is."""

    item: str
    label: str
    official: str
    unit: str
    value: float | None
    qualifier: str
    blank: bool
    missing: bool
    display: str
    source: str
    text: str = ""
    raw: str = ""
    by_branch: bool = False
    caveat: str = ""  # the crosswalk's caveat for a harmonised series in the year's format
    blank_cells: int = 0  # of a harmonised sum: how many of its cells were blank (counted as 0)
    # gjj-dash's figure, not the report's: a blank printed 总计 counted as its row's sum (gjj_dash.model.totals); for
    # a harmonised sum, how many of its cells are such totals
    derived: int = 0
    cells: int = 1  # how many printed cells the figure reads (a harmonised sum may read several)

    @property
    def approximate(self) -> bool:
        return self.qualifier in AT_LEAST or self.qualifier in ABOUT

    @property
    def amount(self) -> float:
        """The figure as summed: a blank or missing cell counts as 0."""
        return 0.0 if self.value is None else float(self.value)

    @property
    def reported(self) -> bool:
        """A figure was printed (not blank, not absent from the year's report)."""
        return not (self.blank or self.missing)


def shown(value: float | None, qualifier: str, blank: bool, lang: str, raw: str = "") -> str:
    """A figure for people, with the decimals its report printed (`raw`); a blank official cell reads "— 未填报"."""
    if blank:
        return f"— {t('common.blank', lang)}"
    return display(value, qualifier, False, lang, decimals_of(raw))


def source_of(dataset: Dataset, year: int, item: str, cell: Cell | None, lang: str) -> str:
    """Where a figure comes from: the official table and row label, or the report section of a narrative measure."""
    cat = dataset.catalogue
    ind = cat.indicators.get(item)
    if ind is not None:
        return f"{cat.formats[ind.format].table_title}「{ind.label}」"
    if cell is not None and cell.source:
        return t("pub.source_text", lang, section=cell.source)
    return t("pub.source_text", lang, section="—")


def fact(dataset: Dataset, year: int, item: str, lang: str, *, unit: str = CENTRE, column: str = "value") -> Fact:
    """One catalogue row or measure of a year, for one reporting unit."""
    cat = dataset.catalogue
    cell = dataset.cell(year, item, column, unit)
    value = None if cell is None else cell.value
    qualifier = "" if cell is None else cell.qualifier
    blank = cell is not None and cell.blank
    stand_in = dataset.derived_total(year, item, column, unit) if blank else None
    measure = cat.measures.get(item)
    if stand_in is not None:  # a blank 总计 whose row has figures: the row's sum, shown beside "— 未填报"
        value, blank = stand_in, False
        shown_as = t("pub.derived_total", lang, blank=t("common.blank", lang), sum=display(stand_in, "", False, lang))
    elif cell is None:
        shown_as = "—"
    elif measure is not None and measure.kind == "flag" and value:
        shown_as = t("pub.flag_yes", lang)  # a facility, channel or leaflet the report names
    elif measure is not None and measure.kind == "text":
        shown_as = cell.text or "—"
    else:
        shown_as = shown(value, qualifier, blank, lang, "" if cell is None else cell.raw)
    return Fact(
        item=item,
        label=cat.label(item, lang),
        official=cat.label(item, "zh"),
        unit=cat.unit_of(item, column),
        value=value,
        qualifier=qualifier,
        blank=blank,
        missing=cell is None,
        display=shown_as,
        source=source_of(dataset, year, item, cell, lang),
        text="" if cell is None else cell.text,
        raw="" if cell is None else cell.raw,
        derived=int(stand_in is not None),
    )


class SeriesRows:
    """The harmonised series frame indexed by (year, series), so a page's many look-ups stay cheap."""

    def __init__(self, frame: pd.DataFrame):
        self._rows = {(int(r["year"]), str(r["series"])): r for r in frame.to_dict("records")}

    def get(self, year: int, series: str) -> dict | None:
        return self._rows.get((year, series))


Frame = pd.DataFrame | SeriesRows  # the harmonised series, as a frame or indexed


def series_fact(dataset: Dataset, frame: Frame, year: int, series: str, lang: str) -> Fact:
    """One harmonised series of a year (comparable across report formats)."""
    cat = dataset.catalogue
    rows = frame if isinstance(frame, SeriesRows) else SeriesRows(frame)
    row = rows.get(year, series)
    h = cat.harmonised[series]
    if row is None:
        return Fact(series, cat.label(series, lang), h.label, h.unit, None, "", False, True, "—", "")
    blank = bool(row["blank"])
    value = None if blank else float(row["value"])
    raw = single_raw(dataset, year, series)
    return Fact(
        item=series,
        label=cat.label(series, lang),
        official=h.label,
        unit=h.unit,
        value=value,
        qualifier=str(row["qualifier"]),
        blank=blank,
        missing=False,
        display=shown(value, str(row["qualifier"]), blank, lang, raw),
        source=series_source(dataset, year, series, lang),
        raw=raw,
        by_branch=bool(row["by_branch"]),
        blank_cells=int(row["blank_cells"]),
        derived=int(row["derived"]),
        cells=int(row["cells"]),
        caveat="；".join(dict.fromkeys(m.caveat for m in h.mappings
                                      if m.format == dataset.format_of(year) and m.caveat)),
    )


def series_source(dataset: Dataset, year: int, series: str, lang: str) -> str:
    """Where a harmonised series' figure comes from: the official rows it sums (a long run given as first to last),
    or the report section of its narrative measure."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    labels = [cat.indicators[m.indicator].label for m in cat.harmonised[series].mappings
              if m.format == fmt and m.indicator in cat.indicators]
    if labels:
        table = cat.formats[fmt].table_title
        labels = list(dict.fromkeys(labels))
        if len(labels) > 3:
            return t("pub.source_range", lang, table=table, first=labels[0], last=labels[-1], count=len(labels))
        return table + "".join(f"「{label}」" for label in labels)
    for m in cat.harmonised[series].mappings:
        if m.format == "measure":
            for unit in cat.units:
                cell = dataset.cell(year, m.indicator, unit=unit)
                if cell is not None:
                    return source_of(dataset, year, m.indicator, cell, lang)
    return ""


def single_raw(dataset: Dataset, year: int, series: str) -> str:
    """The report's own text of a series that reads exactly one cell in the year ("19000余"), else ""."""
    cat = dataset.catalogue
    fmt = dataset.format_of(year)
    cells = [
        cell
        for m in cat.harmonised[series].mappings if m.format in (fmt, "measure")
        for unit in cat.units
        if (cell := dataset.cell(year, m.indicator, m.column, unit)) is not None
    ]
    return cells[0].raw if len(cells) == 1 else ""


def delta(current: Fact, previous: Fact | None, lang: str) -> str | None:
    """The change from the previous year ("+12", "约+500" where either figure is approximate), or None."""
    if previous is None or not current.reported or not previous.reported:
        return None
    return change_text(current.amount, previous.amount, current.approximate or previous.approximate, lang)
