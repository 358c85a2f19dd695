"""Figures: an indicator reading in words — the headline (a count for a small sample, never "0 %" for no cases), the
small print, the sample tag, why a value is missing, and the official rows behind numerator and denominator."""

from __future__ import annotations

import re

from gjj_dash.figures.indicators import Gap, Part, Reading
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, Mapping
from gjj_dash.model.numbers import display
from gjj_dash.model.series import change_text

NUMERALS = {"1": "一", "2": "二", "3": "三", "4": "四"}
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")


def percent(value: float, signed: bool = False) -> str:
    """A rate in percent with one decimal ("34.2%"; "+12.3%" for a change)."""
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def sample_label(reading: Reading, lang: str = "zh") -> str:
    """样本充足 / 样本一般 / 样本偏少, or "" when the indicator has no sample this year."""
    return t(f"lead.sample_{reading.sample}", lang) if reading.sample else ""


def unit_of(reading: Reading, catalogue: Catalogue) -> str:
    """The unit of the counts (件, 条, 次): the denominator's series, or the changed series'."""
    return catalogue.harmonised[reading.indicator.series[-1]].unit


def _amount(value: float | None, approximate: bool, lang: str) -> str:
    text = display(value, "", False, lang)
    return (t("lead.about", lang) + text) if approximate else text


def headline(reading: Reading, catalogue: Catalogue, lang: str = "zh") -> str:
    """What a reader sees first: the rate; for a small sample the count ("6 件中 1 件"); the words for a zero
    denominator; "—" where there is no value."""
    if reading.status == "zero":
        return reading.indicator.zero_text(lang)
    if reading.status != "ok":
        return "—"
    unit, approx = unit_of(reading, catalogue), reading.approximate
    if reading.indicator.kind == "change":
        if not reading.small:
            return percent(reading.value or 0.0, signed=True)
        change = change_text(reading.num or 0.0, reading.den or 0.0, approx, lang)
        return t("lead.change_count", lang, change=change, unit=unit, before=_amount(reading.den, approx, lang),
                 now=_amount(reading.num, approx, lang))
    if not reading.small:
        return percent(reading.value or 0.0)
    return t("lead.count_of", lang, n=_amount(reading.den, approx, lang), k=_amount(reading.num, approx, lang),
             unit=unit)


def detail(reading: Reading, catalogue: Catalogue, lang: str = "zh") -> str:
    """The small print: the counts behind a rate, or the rate behind a small sample's count."""
    if reading.status != "ok":
        return ""
    unit, approx = unit_of(reading, catalogue), reading.approximate
    if reading.small:
        return percent(reading.value or 0.0, signed=reading.indicator.kind == "change")
    if reading.indicator.kind == "change":
        return t("lead.change_detail", lang, before=_amount(reading.den, approx, lang),
                 now=_amount(reading.num, approx, lang), unit=unit, previous=reading.previous,
                 year=reading.year)
    return t("lead.rate_detail", lang, k=_amount(reading.num, approx, lang), n=_amount(reading.den, approx, lang),
             unit=unit)


def _gaps(gaps: tuple[Gap, ...], catalogue: Catalogue, lang: str) -> str:
    """The missing series, one sentence per year and cause: "旧表无“结转下年度继续办理”“上年结转申请”对应行"."""
    groups: dict[tuple[int, str, bool], list[str]] = {}
    for gap in gaps:
        groups.setdefault((gap.year, gap.format, gap.in_format), []).append(f"“{catalogue.label(gap.series, lang)}”")
    out = []
    for (year, fmt, in_format), names in groups.items():
        name = catalogue.formats[fmt].label if fmt in catalogue.formats else fmt
        key = "lead.gap_data" if in_format else "lead.gap_format"
        out.append(t(key, lang, year=year, series="".join(dict.fromkeys(names)), format=name))
    return "；".join(out)


def reason(reading: Reading, catalogue: Catalogue, lang: str = "zh") -> str:
    """Why there is no value, or what a reader must know about the one there is (blank cells counted as 0, totals
    read as their row's sum, approximate figures, a format change between the years compared)."""
    if reading.status == "absent":
        return _gaps(reading.gaps, catalogue, lang)
    if reading.status == "no_previous":
        return t("lead.no_previous", lang, previous=reading.previous)
    notes = [reading.indicator.zero_text(lang)] if reading.status == "zero" else []
    blank = sum(p.blank_cells for p in reading.parts)
    if blank:
        notes.append(t("lead.note_blank", lang, n=blank))
    derived = sum(p.derived for p in reading.parts)
    if derived:
        notes.append(t("lead.note_derived", lang, n=derived))
    if reading.approximate:
        notes.append(t("lead.note_approx", lang))
    formats = list(dict.fromkeys(p.format for p in reading.parts))
    if len(formats) > 1:
        names = [catalogue.formats[f].label if f in catalogue.formats else f for f in formats]
        notes.append(t("lead.note_formats", lang, before=names[-1], now=names[0]))
    return "；".join(notes)


def table_name(catalogue: Catalogue, fmt: str, table: str, lang: str = "zh") -> str:
    """A table as a flag or source names it: 统计表 (old), 表三 / 表四 (new), 表二 第二十条第（一）项."""
    if fmt == "old":
        return t("lead.table_old", lang)
    digit = table.removeprefix("s")[:1]
    name = t("lead.table_new", lang, n=NUMERALS.get(digit, digit), roman=ROMAN.get(digit, digit))
    if "_" in table:
        name += " " + catalogue.tables[(fmt, table)].title
    return name


def row_reference(catalogue: Catalogue, mapping: Mapping, lang: str = "zh") -> str:
    """The official row (and column) a mapped cell sits in, labelled as printed: "表四 行政复议·结果纠正",
    "统计表 四、行政复议数量·(二)被依法纠错数"."""
    ind = catalogue.indicators.get(mapping.indicator)
    if ind is None:
        return t("lead.report_text", lang, label=catalogue.label(mapping.indicator, "zh"))
    parent = catalogue.indicators.get(ind.parent)
    label = ind.label
    if parent is not None and (ind.format == "old" or not _CHAPTER.match(parent.label)):
        label = f"{parent.label}·{label}"
    columns = {c.id: c.label for c in catalogue.columns_of(ind.format, ind.table)}
    if mapping.column not in ("value", "total"):
        label += "·" + columns.get(mapping.column, mapping.column)
    return f"{table_name(catalogue, ind.format, ind.table, lang)} {label}"


def series_rows(catalogue: Catalogue, series: str, fmt: str, lang: str = "zh") -> list[str]:
    """The official rows a harmonised series sums in a format ([] when the format has none)."""
    mappings = [m for m in catalogue.harmonised[series].mappings if m.format in (fmt, "measure")]
    return list(dict.fromkeys(row_reference(catalogue, m, lang) for m in mappings))


def rows_text(rows: list[str], lang: str = "zh") -> str:
    """Rows as one source line; a long run as its first and last row and how many."""
    if len(rows) > 3:
        return t("lead.rows_range", lang, first=rows[0], last=rows[-1], count=len(rows))
    return "、".join(rows) if lang == "zh" else "; ".join(rows)


def part_text(part: Part, catalogue: Catalogue, lang: str = "zh") -> str:
    """One term of a numerator or denominator: label, figure and the rows it sums ("予以公开 272 件（2019年：表三
    （一）予以公开）"); a blank one reads "— 未填报" and counts as 0; report text names its section."""
    h = catalogue.harmonised[part.series]
    figure = f"{display(part.value, part.qualifier, False, lang)} {h.unit}"
    if part.blank:
        figure = f"— {t('common.blank', lang)}"
    rows = rows_text(series_rows(catalogue, part.series, part.format, lang), lang)
    if part.format not in catalogue.formats or not any(m.format == part.format for m in h.mappings):
        rows = f"{rows} {part.section}".strip()
    return t("lead.part", lang, label=catalogue.label(part.series, lang), value=figure, year=part.year, rows=rows)


def sources(reading: Reading, catalogue: Catalogue, fmt: str, lang: str = "zh") -> list[str]:
    """Each series the indicator reads with the official rows it sums in a format ("本格式无对应行" where none)."""
    out = []
    for series in reading.indicator.series:
        rows = series_rows(catalogue, series, fmt, lang)
        found = rows_text(rows, lang) if rows else t("lead.no_row", lang)
        out.append(t("lead.source_line", lang, label=catalogue.label(series, lang), rows=found))
    return out
