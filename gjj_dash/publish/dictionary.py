"""Publish: the data dictionary — every indicator of every format, the report-text measures, the harmonised series
with their crosswalk caveats, the method, and where each year's data came from."""

from __future__ import annotations

import pandas as pd

from gjj_dash.figures.indicator_text import rows_text, series_rows
from gjj_dash.i18n import t
from gjj_dash.model.catalogue import Catalogue, Indicator
from gjj_dash.model.leadership import KeyIndicator, load_key_indicators
from gjj_dash.model.values import Dataset
from gjj_dash.publish.tidy import TIDY_FIELDS

FIELDS = [
    "kind", "format", "table", "id", "level", "label", "label_en", "unit", "columns", "definition", "parent",
    "relation", "format_years", "years", "caveats",
]  # fmt: skip
METHOD = ("blank", "approx", "channels", "branches", "narrative", "formats")
LEADERSHIP_FIELDS = ("label", "id", "formula", "format", "numerator", "denominator", "computed", "caveats")
_SOURCE_FIELDS = ("year", "format", "title", "filer", "source", "origin", "version", "file")


def loaded_years(dataset: Dataset) -> dict[str, str]:
    """For each indicator or measure, the loaded years that hold a value for it (“2016、2017”)."""
    pairs = dataset.values[["indicator", "year"]].drop_duplicates().sort_values(["indicator", "year"])
    held: dict[str, list[str]] = {}
    for item, year in zip(pairs["indicator"], pairs["year"], strict=True):  # one pass, no per-group pandas call
        held.setdefault(item, []).append(str(int(year)))
    return {item: "、".join(years) for item, years in held.items()}


def _relation(cat: Catalogue, ind: Indicator, lang: str) -> str:
    if not ind.relation:
        return ""
    target = cat.indicators.get(ind.relation_to)
    return t(f"dictionary.rel.{ind.relation}", lang, to=target.label if target else ind.relation_to)


def _indicator(cat: Catalogue, ind: Indicator, years: dict[str, str], lang: str) -> dict[str, str]:
    parent = cat.indicators.get(ind.parent)
    columns = cat.columns_of(ind.format, ind.table) if ind.has_value else ()
    return {
        "kind": t("dictionary.kind.indicator", lang),
        "format": format_label(cat, ind.format, lang),
        "table": cat.tables[(ind.format, ind.table)].title,
        "id": ind.id,
        "level": t(f"dictionary.level.{ind.level}", lang),
        "label": ind.label,
        "label_en": ind.label_en,
        "unit": ind.unit,
        "columns": "、".join(c.label + (f"（{c.unit}）" if c.unit and c.unit != ind.unit else "") for c in columns),
        "definition": ind.definition,
        "parent": f"{parent.label}（{parent.id}）" if parent else "",
        "relation": _relation(cat, ind, lang),
        "format_years": cat.formats[ind.format].years,
        "years": years.get(ind.id, ""),
        "caveats": "",
    }


def _measures(cat: Catalogue, years: dict[str, str], lang: str) -> list[dict[str, str]]:
    out = []
    for m in cat.measures.values():
        restated = cat.indicators.get(m.restates)
        out.append({
            "kind": t("dictionary.kind.measure", lang), "format": "measure", "table": m.group, "id": m.id,
            "level": t(f"dictionary.mkind.{m.kind}", lang), "label": m.label, "label_en": m.label_en,
            "unit": m.unit, "columns": "", "definition": m.definition,
            "parent": f"{restated.label}（{restated.id}）" if restated else "",
            "relation": t("dictionary.rel.restates", lang, to=restated.label) if restated else "",
            "format_years": "", "years": years.get(m.id, ""), "caveats": "",
        })  # fmt: skip
    return out


def _format_name(cat: Catalogue, fmt: str, lang: str) -> str:
    found = cat.formats.get(fmt)
    return f"{fmt}（{found.years}）" if found else t("dictionary.kind.measure", lang)


def _mapping_text(cat: Catalogue, fmt: str, item: str, column: str, caveat: str, lang: str) -> str:
    label = cat.label(item, lang)
    ind = cat.indicators.get(item)
    if ind is not None and column != "value":
        cols = {c.id: c.label for c in cat.columns_of(ind.format, ind.table)}
        label += f"［{cols.get(column, column)}］"
    return f"{_format_name(cat, fmt, lang)}：{label}" + (f"（{caveat}）" if caveat else "")


def _harmonised(cat: Catalogue, years: dict[str, str], lang: str) -> list[dict[str, str]]:
    out = []
    for h in cat.harmonised.values():
        formats = list(dict.fromkeys(_format_name(cat, m.format, lang) for m in h.mappings))
        held = sorted({y for m in h.mappings for y in years.get(m.indicator, "").split("、") if y})
        out.append({
            "kind": t("dictionary.kind.harmonised", lang), "format": "、".join(formats), "table": h.group,
            "id": h.id, "level": "", "label": h.label, "label_en": h.label_en, "unit": h.unit, "columns": "",
            "definition": h.definition, "parent": "", "relation": "", "format_years": "", "years": "、".join(held),
            "caveats": "；".join(_mapping_text(cat, m.format, m.indicator, m.column, m.caveat, lang)
                                for m in h.mappings),
        })  # fmt: skip
    return out


def format_label(cat: Catalogue, fmt: str, lang: str = "zh") -> str:
    """A format's name in the language."""
    return cat.formats[fmt].label_en if lang == "en" else cat.formats[fmt].label


def dictionary_frame(
    dataset: Dataset, lang: str = "zh", kind: str | None = None, fmt: str | None = None
) -> pd.DataFrame:
    """The dictionary as one table, headers in the language.

    kind: indicator, measure or harmonised (None: all three); fmt: only the indicators of one format.
    """
    cat = dataset.catalogue
    years = loaded_years(dataset)
    records: list[dict[str, str]] = []
    if kind in (None, "indicator"):
        order = {f: n for n, f in enumerate(cat.formats)}
        chosen = [i for i in cat.indicators.values() if fmt is None or i.format == fmt]
        indicators = sorted(chosen, key=lambda i: (order.get(i.format, 99), i.seq))
        records += [_indicator(cat, ind, years, lang) for ind in indicators]
    if kind in (None, "measure"):
        records += _measures(cat, years, lang)
    if kind in (None, "harmonised"):
        records += _harmonised(cat, years, lang)
    frame = pd.DataFrame(records, columns=FIELDS)
    return frame.rename(columns={f: t(f"dictionary.col.{f}", lang) for f in FIELDS})


def _terms(cat: Catalogue, series: tuple[str, ...], fmt: str, lang: str) -> tuple[str, list[str]]:
    """Each series with the rows it sums in a format, and the series the format has no row for."""
    lines, missing = [], []
    for item in series:
        rows = series_rows(cat, item, fmt, lang)
        missing += [] if rows else [cat.label(item, lang)]
        found = rows_text(rows, lang) if rows else t("lead.no_row", lang)
        lines.append(t("lead.source_line", lang, label=cat.label(item, lang), rows=found))
    return ("；" if lang == "zh" else "; ").join(lines), missing


def _leadership(cat: Catalogue, key: KeyIndicator, fmt: str, lang: str) -> dict[str, str]:
    numerator, lacking = _terms(cat, key.numerator, fmt, lang)
    denominator, more = _terms(cat, key.denominator, fmt, lang)
    if key.kind == "change":
        denominator = t("dictionary.lead.previous", lang)
    lacking += more
    computed = t("dictionary.lead.no", lang, rows="、".join(lacking)) if lacking else t("dictionary.lead.yes", lang)
    caveats = [m.caveat for s in key.series for m in cat.harmonised[s].mappings if m.format == fmt and m.caveat]
    return {
        "label": key.name(lang), "id": key.id, "formula": key.formula_text(lang),
        "format": f"{format_label(cat, fmt, lang)}（{cat.formats[fmt].years}）", "numerator": numerator,
        "denominator": denominator, "computed": computed, "caveats": "；".join(dict.fromkeys(caveats)),
    }  # fmt: skip


def leadership_frame(dataset: Dataset, lang: str = "zh") -> pd.DataFrame:
    """The leadership indicators per report format: the official rows numerator and denominator read in each, and
    where a format has no such row, that the indicator is not computed for its years (never guessed)."""
    cat = dataset.catalogue
    records = [_leadership(cat, key, fmt, lang) for key in load_key_indicators().values() for fmt in cat.formats]
    frame = pd.DataFrame(records, columns=list(LEADERSHIP_FIELDS))
    return frame.rename(columns={f: t(f"dictionary.lead.{f}", lang) for f in LEADERSHIP_FIELDS})


def sources_frame(dataset: Dataset, lang: str = "zh") -> pd.DataFrame:
    """Where each year's data came from: report, source, how it was entered, version and uploaded file."""
    records = []
    for year, report in dataset.reports.items():
        fmt = dataset.catalogue.formats.get(report.get("format", ""))
        origin = str(report.get("origin") or "")
        records.append({
            "year": year,
            "format": "" if fmt is None else (fmt.label_en if lang == "en" else fmt.label),
            "title": str(report.get("title") or ""),
            "filer": str((report.get("footer") or {}).get("填报单位") or report.get("reporting_unit") or ""),
            "source": str(report.get("source") or ""),
            "origin": t(f"tables.origin.{origin}", lang) if origin in ("bundled", "upload") else origin,
            "version": str(report.get("version") or ""),
            "file": str(report.get("file_name") or ""),
        })  # fmt: skip
    frame = pd.DataFrame(records, columns=list(_SOURCE_FIELDS))
    return frame.rename(columns={f: t(f"dictionary.src.{f}", lang) for f in _SOURCE_FIELDS})


def fields_frame(lang: str = "zh") -> pd.DataFrame:
    """The fields of the whole-dataset download and what each means."""
    return pd.DataFrame(
        [(f, t(f"dictionary.field.{f}", lang)) for f in TIDY_FIELDS],
        columns=[t("dictionary.field.name", lang), t("dictionary.field.meaning", lang)],
    )


def method_text(lang: str = "zh") -> list[str]:
    """The method paragraphs: blanks, approximate figures, overlapping channels, branches, narrative, formats."""
    return [t(f"dictionary.method.{key}", lang) for key in METHOD]
