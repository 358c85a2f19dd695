"""Publish: the open data at stable addresses — every file under data/, and the Frictionless Data Package that
describes them (schemas with the catalogue's field descriptions, licence, sources, sizes and hashes)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property, partial

import pandas as pd

from gjj_dash.figures.board import ROW_KEYS, build_board, indicator_rows
from gjj_dash.figures.rules import Rules, load_rules
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.model.values import Dataset
from gjj_dash.publish.dictionary import FIELDS as DICTIONARY_FIELDS
from gjj_dash.publish.dictionary import dictionary_frame
from gjj_dash.publish.export import table_csv, table_xlsx, tidy_csv, tidy_json
from gjj_dash.publish.files import MIME, csv_bytes
from gjj_dash.publish.indicator_files import indicator_bytes
from gjj_dash.publish.tidy import TIDY_DTYPES, tidy_frame
from gjj_dash.quality.checks import check_dataset

PACKAGE = "bozhou-gjj-disclosure"
DATAPACKAGE = "datapackage.json"
DATA_DIR = "data/"  # where the files live on the site
# The licence the package states. The figures are government information the centre publishes under the
# 《政府信息公开条例》; until the centre adopts an open licence the package says exactly that, with the Open Definition
# id for "free to use with attribution". Change it here (and site.licence in data/i18n/site.csv) when one is adopted.
LICENCE_NAME = "other-at"
# Frictionless field types of the tidy table's columns (TIDY_DTYPES gives the pandas ones).
_FIELD_TYPES = {"int64": "integer", "float64": "number", "bool": "boolean", "string": "string"}
TIDY_KEY = ["year", "reporting_unit", "indicator", "column"]  # one figure per year, unit, row and column


@dataclass(frozen=True)
class Resource:
    """One file of the open data: where it lives under data/, what it holds, and how to make its bytes."""

    name: str  # the data package's resource name
    path: str  # under data/
    kind: str  # csv, json or xlsx (publish.files.MIME)
    title_key: str  # its title in data/i18n/site.csv ({year} filled in)
    build: Callable[[], bytes]
    schema: dict | None = None  # tabular resources only
    download: str = ""  # the file name a browser saves it as
    year: int | None = None

    @property
    def media_type(self) -> str:
        return MIME[self.kind]

    def title(self, lang: str = "zh") -> str:
        return t(self.title_key, lang, year=self.year)


class OpenData:
    """The open data of one dataset; every file is built once, on first use (a new data version: a new object)."""

    def __init__(self, dataset: Dataset, modified: float = 0.0, rules: Rules | None = None):
        self.dataset = dataset
        self.modified = modified
        self.rules = rules if rules is not None else load_rules().rules  # the indicators' sample cut-offs and flags
        self._tidy: pd.DataFrame | None = None
        self._bytes: dict[str, bytes] = {}
        self.resources = {r.path: r for family in FAMILIES for r in family(self)}

    @property
    def tidy(self) -> pd.DataFrame:
        """Every figure of every year as the tidy table (built once)."""
        if self._tidy is None:
            self._tidy = tidy_frame(self.dataset)
        return self._tidy

    @cached_property
    def findings(self) -> list[Finding]:
        """The data-quality findings (the indicators' flags name a year's identity failures)."""
        return check_dataset(self.dataset)

    def year_rows(self, year: int) -> pd.DataFrame:
        return self.tidy[self.tidy["year"] == year]

    def payload(self, path: str) -> bytes | None:
        """The bytes of a file under data/ (None when there is no such file)."""
        if path == DATAPACKAGE:
            return self._memo(path, self.datapackage)
        found = self.resources.get(path)
        return None if found is None else self._memo(path, found.build)

    def _memo(self, path: str, build: Callable[[], bytes]) -> bytes:
        if path not in self._bytes:
            self._bytes[path] = build()
        return self._bytes[path]

    def datapackage(self) -> bytes:
        """datapackage.json: the package, its licence and sources, and every resource with size, hash and schema."""
        return (json.dumps(package(self), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def tidy_schema() -> dict:
    """The schema of the tidy table (CSV and JSON): every field with its type and the data dictionary's meaning."""
    fields = [
        {"name": name, "type": _FIELD_TYPES[dtype], "description": t(f"dictionary.field.{name}", "zh")}
        for name, dtype in TIDY_DTYPES.items()
    ]
    for field in fields:
        if field["name"] in TIDY_KEY:
            field["constraints"] = {"required": True}
        if field["name"] == "blank":
            field |= {"trueValues": ["true"], "falseValues": ["false"]}
    return {"fields": fields, "primaryKey": TIDY_KEY, "missingValues": [""]}


def dictionary_schema() -> dict:
    """The schema of the data dictionary: every column with what it holds."""
    fields = [{"name": f, "type": "string", "description": t(f"dictionary.col.{f}", "zh")} for f in DICTIONARY_FIELDS]
    return {"fields": fields, "missingValues": []}


def dictionary_csv(dataset: Dataset) -> bytes:
    """Every indicator, measure and harmonised series with label, unit, definition and caveats (field ids as the
    header, so the schema can name them)."""
    frame = dictionary_frame(dataset, "zh")
    return csv_bytes([DICTIONARY_FIELDS, *frame.itertuples(index=False)])


def year_resources(data: OpenData) -> list[Resource]:
    """Each year's figures (tidy CSV and JSON) and its official table as the dashboard downloads it (XLSX, CSV)."""
    out = []
    for year in data.dataset.years:
        out += [
            Resource(f"figures-{year}", f"{year}.csv", "csv", "site.res.year_csv",
                     partial(_year_tidy, data, year, tidy_csv), tidy_schema(), f"gjj-open-data-{year}.csv", year),
            Resource(f"figures-{year}-json", f"{year}.json", "json", "site.res.year_json",
                     partial(_year_tidy, data, year, tidy_json), tidy_schema(), f"gjj-open-data-{year}.json", year),
            Resource(f"official-{year}-xlsx", f"{year}.xlsx", "xlsx", "site.res.year_xlsx",
                     partial(table_xlsx, data.dataset, year), None, f"gjj-official-table-{year}.xlsx", year),
            Resource(f"official-{year}-csv", f"{year}-official.csv", "csv", "site.res.year_official",
                     partial(table_csv, data.dataset, year), None, f"gjj-official-table-{year}.csv", year),
        ]
    return out


def _year_tidy(data: OpenData, year: int, write: Callable[[pd.DataFrame], bytes]) -> bytes:
    return write(data.year_rows(year))


def whole_resources(data: OpenData) -> list[Resource]:
    """Every year in one tidy CSV, and the data dictionary."""
    return [
        Resource("figures-all", "all.csv", "csv", "site.res.all", lambda: tidy_csv(data.tidy), tidy_schema(),
                 "gjj-open-data-all.csv"),
        Resource("dictionary", "dictionary.csv", "csv", "site.res.dictionary", partial(dictionary_csv, data.dataset),
                 dictionary_schema(), "gjj-data-dictionary.csv"),
    ]


def indicator_schema() -> dict:
    """The schema of the leadership indicator rows (the same columns as `gjj-dash indicators`)."""
    types = {"year": "integer", "numerator": "number", "denominator": "number", "value": "number"}
    fields = [{"name": t(f"lead.col_{key}", "zh"), "type": types.get(key, "string"),
               "description": t(f"site.field.indicator_{key}", "zh")} for key in ROW_KEYS]
    return {"fields": fields, "missingValues": [""]}


def indicator_resources(data: OpenData) -> list[Resource]:
    """Each year's leadership indicators (docs/leadership.md: formula, numerator, denominator, sample, flags) as CSV
    and JSON — the rows `gjj-dash indicators` prints, under the rules in force."""
    out = []
    for year in data.dataset.years:
        out += [
            Resource(f"indicators-{year}", f"{year}-indicators.csv", "csv", "site.res.year_indicators",
                     partial(_indicators, data, year, "csv"), indicator_schema(), f"gjj-indicators-{year}.csv", year),
            Resource(f"indicators-{year}-json", f"{year}-indicators.json", "json", "site.res.year_indicators_json",
                     partial(_indicators, data, year, "json"), None, f"gjj-indicators-{year}.json", year),
        ]
    return out


def _indicators(data: OpenData, year: int, kind: str) -> bytes:
    board = build_board(data.dataset, year, data.rules, data.findings)
    return indicator_bytes(indicator_rows(data.dataset, board), kind)


# Every family of files under data/, in the order the index and the package list them. A new family is a function
# OpenData → [Resource] added here: the routes, build-site, the index page and datapackage.json then carry it with no
# other change.
FAMILIES: tuple[Callable[[OpenData], list[Resource]], ...] = (year_resources, indicator_resources, whole_resources)


def _sources(dataset: Dataset) -> list[dict]:
    """The published report behind each year (title and where it was published), as the data package's sources."""
    out = []
    for year, report in dataset.reports.items():
        title = str(report.get("title") or t("site.source_year", "zh", year=year))
        where = str(report.get("source") or "")
        source = {"title": f"{title}（{where}）" if where else title}
        site = str((report.get("contact") or {}).get("网址") or "")
        if site.startswith(("http://", "https://")):
            source["path"] = site
        out.append(source)
    return out


def _described(data: OpenData, resource: Resource) -> dict:
    body = data.payload(resource.path) or b""
    entry = {
        "name": resource.name, "path": resource.path, "title": resource.title(), "format": resource.kind,
        "mediatype": resource.media_type, "bytes": len(body), "hash": f"sha256:{hashlib.sha256(body).hexdigest()}",
    }  # fmt: skip
    if resource.kind == "json":  # frictionless 5 reads JSON rows without counting bytes and reports None ≠ size
        del entry["bytes"]
    if resource.schema is not None:
        entry |= {"profile": "tabular-data-resource", "encoding": "utf-8-sig" if resource.kind == "csv" else "utf-8",
                  "schema": resource.schema}
    else:  # a printed form (titles, merged header rows) is a file to open, not a table to parse
        entry |= {"profile": "data-resource", "type": "file"}
    return entry


def package(data: OpenData) -> dict:
    """The data package descriptor (Frictionless Data Package v1)."""
    years = data.dataset.years
    when = datetime.fromtimestamp(data.modified, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if data.modified else None
    descriptor = {
        "profile": "data-package",
        "name": PACKAGE,
        "title": t("site.package_title", "zh"),
        "description": t("site.package_description", "zh", years=_span(years)),
        "keywords": ["政府信息公开", "住房公积金", "博尔塔拉蒙古自治州"],
        "licenses": [{"name": LICENCE_NAME, "title": t("site.licence", "zh")}],
        "sources": _sources(data.dataset),
        "resources": [_described(data, r) for r in data.resources.values()],
    }
    if when:
        descriptor["created"] = when
    return descriptor


def _span(years: Iterable[int]) -> str:
    held = sorted(years)
    if not held:
        return "—"
    return str(held[0]) if len(held) == 1 else f"{held[0]}–{held[-1]}"
