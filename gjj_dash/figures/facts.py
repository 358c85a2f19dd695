"""Domain: a year's figures with provenance — label, official label, unit, display, source, qualifier and change."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue
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
    measure = cat.measures.get(item)
    if cell is None:
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


def note_of(item: Fact, lang: str) -> str:
    """What a reader must know about a figure: not in the year's report, blank, approximate, summed from branches."""
    notes = []
    if item.missing:
        notes.append(t("pub.note_missing", lang))
    if item.blank:
        notes.append(t("pub.note_blank", lang))
    elif item.blank_cells:
        notes.append(t("pub.note_some_blank", lang, count=item.blank_cells))
    if item.qualifier in AT_LEAST:
        notes.append(t("pub.note_at_least", lang, raw=item.raw) if item.raw else t("pub.note_at_least_sum", lang))
    elif item.qualifier in ABOUT:
        notes.append(t("pub.note_about", lang, raw=item.raw or item.display))
    if item.by_branch:
        notes.append(t("pub.note_by_branch", lang))
    if item.text and item.text != item.display:
        notes.append(t("pub.note_text", lang, text=item.text))
    return "；".join(notes) if lang == "zh" else "; ".join(notes)


def delta(current: Fact, previous: Fact | None, lang: str) -> str | None:
    """The change from the previous year ("+12", "约+500" where either figure is approximate), or None."""
    if previous is None or not current.reported or not previous.reported:
        return None
    return change_text(current.amount, previous.amount, current.approximate or previous.approximate, lang)


def named(label: str, official: str, lang: str, header: str = "") -> dict[str, str]:
    """The label column(s) of a table row: the label, and in English the official Chinese label beside it."""
    first = {header or t("common.item", lang): label}
    return first if lang != "en" else first | {t("common.official_label", lang): official}


def beside(item: Fact, lang: str) -> str:
    """A column header: the label, with the official Chinese label beside it in English, and the unit."""
    name = item.label if lang != "en" or item.label == item.official else f"{item.label} / {item.official}"
    return f"{name}（{item.unit}）" if item.unit else name


def facts_table(items: Iterable[Fact], lang: str) -> pd.DataFrame:
    """The figures as an accessible table: label (official Chinese label too in English), value, unit, source, note."""
    records = []
    for item in items:
        record = named(item.label, item.official, lang) | {
            t("common.value", lang): item.display,
            t("common.unit", lang): item.unit,
            t("common.source", lang): item.source,
            t("pub.note", lang): note_of(item, lang),
        }
        records.append(record)
    return pd.DataFrame(records)


def chart_records(items: Iterable[Fact], series: str = "", *, with_unit: bool = False) -> list[dict]:
    """Chart rows of figures: a missing row has no bar (NaN), a blank one a bar at 0 labelled —."""
    return [
        {
            "category": f"{item.label}（{item.unit}）" if with_unit and item.unit else item.label,
            "series": series,
            "value": math.nan if item.missing else item.amount,
            "display": f"{item.display} {item.unit}" if with_unit and item.reported else item.display,
            "approximate": item.qualifier in AT_LEAST,
            "blank": item.blank,
        }
        for item in items
    ]


def plus_terms(items: Iterable[Fact], lang: str) -> str:
    """The printed figures as a sum people can check: "94 + 91 + 6"."""
    return " + ".join(display(i.value, i.qualifier, False, lang) for i in items if i.reported)


def units_of(cat: Catalogue, items: Iterable[str]) -> str:
    """The catalogue units of several rows, measures or series, for an axis title ("条 / 次")."""
    return " / ".join(dict.fromkeys(u for u in (cat.unit_of(i) for i in items) if u))
