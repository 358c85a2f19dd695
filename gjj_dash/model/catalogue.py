"""Model: the indicator catalogue — official rows and columns, narrative measures, harmonised series."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gjj_dash.paths import CATALOGUE_DIR

HEADING_UNIT = "——"
# Levels as printed: H 一、 heading, 1 （一）, 2 1., Q 其中, N note line, G row-spanning group label.
LEVELS = ("H", "1", "2", "Q", "N", "G")
RELATIONS = ("", "sum", "subset", "channel")


@dataclass(frozen=True)
class Format:
    """One official table format (old national table, 2019 or 2021 annual-report format)."""

    id: str
    label: str
    label_en: str
    short: str  # what readers call it in a sentence: 旧版统计表, 2019年版, 2021年版
    short_en: str
    years: str
    basis: str
    table_title: str
    kind: str = "national"

    @property
    def provincial(self) -> bool:
        """A province's own table (Fujian's …), kept as printed: rows optional, labels and order as the report's."""
        return self.kind == "provincial"


@dataclass(frozen=True)
class Table:
    """One table of a format (the old format has one; the new ones have one per section)."""

    format: str
    id: str
    seq: int
    title: str
    title_en: str
    caption: str


@dataclass(frozen=True)
class Column:
    """A value column of a table: 统计数 for the old table, an applicant type or result for the new ones."""

    format: str
    table: str
    id: str
    seq: int
    label: str
    label_en: str
    unit: str
    group: str
    relation: str


@dataclass(frozen=True)
class Indicator:
    """One official table row, labelled exactly as the official table prints it."""

    id: str
    format: str
    table: str
    seq: int
    level: str
    label: str
    label_en: str
    unit: str
    parent: str
    relation: str
    relation_to: str
    definition: str

    @property
    def has_value(self) -> bool:
        """Whether the row carries figures (headings with unit ——, notes and group labels do not)."""
        return self.level not in ("N", "G") and self.unit != HEADING_UNIT


@dataclass(frozen=True)
class Measure:
    """A figure the report's narrative gives but the table does not carry (portal visits, halls, outreach …)."""

    id: str
    seq: int
    group: str
    label: str
    label_en: str
    unit: str
    kind: str
    restates: str
    definition: str


@dataclass(frozen=True)
class Phrasing:
    """How a report's sentence states a narrative measure: a pattern with {n} for the figure (kind figure), or a
    wording that means none (kind zero: 未收到…申请); the harmonised series the figure restates, if any."""

    measure: str
    kind: str
    pattern: str
    series: str


@dataclass(frozen=True)
class ReportingUnit:
    """The centre or one of its branches (管理部)."""

    id: str
    label: str
    short: str
    label_en: str
    kind: str


@dataclass(frozen=True)
class Mapping:
    """One cell that feeds a harmonised measure, with the caveat of that mapping."""

    format: str
    indicator: str
    column: str
    caveat: str


@dataclass(frozen=True)
class Harmonised:
    """A measure comparable across formats: the sum of the cells its mappings name."""

    id: str
    seq: int
    group: str
    label: str
    label_en: str
    unit: str
    definition: str
    mappings: tuple[Mapping, ...] = field(default=())


class CatalogueError(ValueError):
    """The catalogue files contradict themselves."""


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Catalogue:
    """Every format, table, column, row, measure, reporting unit and harmonised series, in official order."""

    formats: dict[str, Format]
    tables: dict[tuple[str, str], Table]
    columns: dict[tuple[str, str], tuple[Column, ...]]
    indicators: dict[str, Indicator]
    measures: dict[str, Measure]
    units: dict[str, ReportingUnit]
    harmonised: dict[str, Harmonised]
    phrasings: tuple[Phrasing, ...] = ()

    def rows(self, fmt: str, table: str | None = None) -> list[Indicator]:
        """The rows of a format (optionally one table) in official order."""
        return [i for i in self.indicators.values() if i.format == fmt and (table is None or i.table == table)]

    def tables_of(self, fmt: str) -> list[Table]:
        """The tables of a format in official order."""
        return sorted((t for t in self.tables.values() if t.format == fmt), key=lambda t: t.seq)

    def columns_of(self, fmt: str, table: str) -> tuple[Column, ...]:
        """The value columns of one table."""
        return self.columns.get((fmt, table), ())

    def label(self, item_id: str, lang: str = "zh") -> str:
        """The label of an indicator, measure, harmonised series or unit, in Chinese or English."""
        for source in (self.indicators, self.measures, self.harmonised, self.units):
            item = source.get(item_id)
            if item is not None:
                return item.label_en if lang == "en" else item.label
        raise KeyError(item_id)

    def unit_of(self, item_id: str, column: str = "value") -> str:
        """The unit of a cell: the column's own unit where it has one, else the row's."""
        ind = self.indicators.get(item_id)
        if ind is not None:
            for col in self.columns_of(ind.format, ind.table):
                if col.id == column and col.unit:
                    return col.unit
            return ind.unit
        for source in (self.measures, self.harmonised):
            if item_id in source:
                return source[item_id].unit
        raise KeyError(item_id)

    def measures_in(self, group: str) -> list[Measure]:
        """The measures of one group, in catalogue order."""
        return [m for m in self.measures.values() if m.group == group]

    def branches(self) -> list[ReportingUnit]:
        """The branches (管理部) in catalogue order."""
        return [u for u in self.units.values() if u.kind == "branch"]


def _indicators(folder: Path) -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for path in sorted(folder.glob("indicators_*.csv")):
        fmt = path.stem.removeprefix("indicators_")
        for seq, row in enumerate(_read(path)):
            if row["id"] in out:
                raise CatalogueError(f"{path.name}: 指标编号重复 {row['id']}")
            if row["level"] not in LEVELS or row["relation"] not in RELATIONS:
                raise CatalogueError(f"{path.name}: {row['id']} 的层级或关系无效")
            out[row["id"]] = Indicator(format=fmt, seq=seq, **row)
    for ind in out.values():
        for ref in (ind.parent, ind.relation_to):
            if ref and ref not in out:
                raise CatalogueError(f"{ind.id}: 引用了不存在的指标 {ref}")
    return out


def _harmonised(folder: Path, known: set[str]) -> dict[str, Harmonised]:
    maps: dict[str, list[Mapping]] = {}
    for row in _read(folder / "crosswalk.csv"):
        if row["indicator"] not in known:
            raise CatalogueError(f"crosswalk.csv: 未知指标 {row['indicator']}")
        maps.setdefault(row["harmonised"], []).append(
            Mapping(row["format"], row["indicator"], row["column"], row["caveat"])
        )
    out = {}
    for seq, row in enumerate(_read(folder / "harmonised.csv")):
        out[row["id"]] = Harmonised(seq=seq, mappings=tuple(maps.pop(row["id"], [])), **row)
    if maps:
        raise CatalogueError(f"crosswalk.csv: 未定义的统一口径 {sorted(maps)}")
    return out


@cache
def load_catalogue(folder: Path = CATALOGUE_DIR) -> Catalogue:
    """Read every catalogue file once into frozen objects."""
    formats = {r["id"]: Format(**r) for r in _read(folder / "formats.csv")}
    tables = {
        (r["format"], r["table"]): Table(r["format"], r["table"], seq, r["title"], r["title_en"], r["caption"])
        for seq, r in enumerate(_read(folder / "tables.csv"))
    }
    columns: dict[tuple[str, str], list[Column]] = {}
    for seq, r in enumerate(_read(folder / "columns.csv")):
        columns.setdefault((r["format"], r["table"]), []).append(Column(seq=seq, **r))
    indicators = _indicators(folder)
    measures = {r["id"]: Measure(seq=seq, **r) for seq, r in enumerate(_read(folder / "measures.csv"))}
    units = {r["id"]: ReportingUnit(**r) for r in _read(folder / "units.csv")}
    harmonised = _harmonised(folder, set(indicators) | set(measures))
    for ind in indicators.values():
        if ind.format not in formats or (ind.format, ind.table) not in tables:
            raise CatalogueError(f"{ind.id}: 格式或表 {ind.format}/{ind.table} 未定义")
    phrasings = tuple(Phrasing(**r) for r in _read(folder / "phrasings.csv")) if (folder / "phrasings.csv").is_file() \
        else ()
    for phrasing in phrasings:
        if phrasing.measure not in measures or (phrasing.series and phrasing.series not in harmonised):
            raise CatalogueError(f"phrasings.csv: 未知指标 {phrasing.measure} 或口径 {phrasing.series}")
    return Catalogue(
        formats, tables, {k: tuple(v) for k, v in columns.items()}, indicators, measures, units, harmonised, phrasings
    )
