"""Publish: the light site of one dataset — every document it holds (light pages, open data, indexes) by site path,
each as bytes with its media type and download name. The server's routes answer from it and `gjj-dash build-site`
writes it out, so both serve the same bytes."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from html import escape
from pathlib import Path

import pandas as pd

from gjj_dash.figures import pages
from gjj_dash.figures.facts import fact
from gjj_dash.figures.rules import Rules
from gjj_dash.figures.tabulate import facts_table
from gjj_dash.figures.timeline import missing_notice
from gjj_dash.i18n import t
from gjj_dash.model.problems import Finding
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.values import CENTRE, Dataset
from gjj_dash.publish.light_page import (
    DATA,
    PARTS,
    VIEWS,
    Links,
    YearContent,
    footer,
    index_page,
    not_found_html,
    report_path,
    site_nav,
    year_page,
)
from gjj_dash.publish.markup import Page, page_html
from gjj_dash.publish.official import official_form
from gjj_dash.publish.open_data import DATAPACKAGE, OpenData
from gjj_dash.publish.open_data_index import index_body
from gjj_dash.quality.checks import check_dataset

HTML = "text/html; charset=utf-8"
_REPORT = re.compile(r"report/(?:(?P<year>\d{4})/)?(?:(?P<part>(?!en/)[a-z]+)/)?(?P<en>en/)?")
MAX_DOCS = 256  # documents kept per site (the largest page is under 300 KB)
MAX_CONTENT = 8  # years × languages whose dashboard views are kept


@dataclass(frozen=True)
class Doc:
    """One document of the site: its bytes, media type, and the file name it downloads as ("" = shown inline)."""

    path: str
    body: bytes
    media_type: str
    download: str = ""

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the bytes (hex): what an ETag names."""
        return hashlib.sha256(self.body).hexdigest()


class Site:
    """The light site of one dataset, built lazily and kept (bounded) until its data version is replaced."""

    def __init__(
        self, dataset: Dataset, *, modified: float = 0.0, links: Links | None = None, rules: Rules | None = None
    ):
        self.dataset = dataset
        self.links = links or Links()
        self.data = OpenData(dataset, modified, rules)  # rules: the indicators' (the shipped ones when not given)
        self._series: pd.DataFrame | None = None
        self._findings: dict[str, list[Finding]] = {}
        self._content: OrderedDict[tuple[int, str], YearContent] = OrderedDict()
        self._docs: OrderedDict[str, Doc | None] = OrderedDict()
        self._lock = threading.RLock()  # a page is built once even when several requests ask for it at once

    def paths(self) -> list[str]:
        """Every document's site path: the indexes, each year's pages in both languages, then the open data."""
        out = [report_path(lang=lang) for lang in ("zh", "en")]
        for year in self.dataset.years:
            for lang in ("zh", "en"):
                out += [report_path(year, lang=lang)] + [report_path(year, p, lang) for p in PARTS]
        out += [DATA, DATA + "en/", DATA + DATAPACKAGE] + [DATA + p for p in self.data.resources]
        return out

    def get(self, path: str) -> Doc | None:
        """The document at a site path (no leading slash; a folder ends in /), or None when there is none."""
        with self._lock:
            if path in self._docs:
                self._docs.move_to_end(path)
                return self._docs[path]
            doc = self._build(path)
            self._docs[path] = doc
            while len(self._docs) > MAX_DOCS:
                self._docs.popitem(last=False)
            return doc

    def _build(self, path: str) -> Doc | None:
        if path.startswith(DATA):
            return self._data(path.removeprefix(DATA))
        if path == "":
            return self._page(index_page(self.dataset.years, "zh", self.links, path=""))
        found = _REPORT.fullmatch(path)
        if found is None:
            return None
        year, part, lang = found["year"], found["part"], "en" if found["en"] else "zh"
        if year is None:
            return self._page(index_page(self.dataset.years, lang, self.links)) if part is None else None
        if int(year) not in self.dataset.years or (part is not None and part not in PARTS):
            return None
        return self._page(year_page(self.content(int(year), lang), self.links, part))

    def _data(self, name: str) -> Doc | None:
        if name in ("", "en/"):
            lang = "en" if name else "zh"
            title = t("site.data_title", lang)
            page = Page(path=DATA + name, lang=lang, title=f"{title} · {t('app.title', lang)}",
                        body=index_body(self.data, lang), description=t("site.data_intro", lang),
                        alternate=DATA + ("" if name else "en/"), nav=site_nav(lang, self.links),
                        footer=footer(DATA + name, lang, self.links))
            return self._page(page)
        body = self.data.payload(name)
        if body is None:
            return None
        if name == DATAPACKAGE:
            return Doc(DATA + name, body, "application/json")
        resource = self.data.resources[name]
        media = resource.media_type + ("; charset=utf-8" if resource.kind in ("csv", "json") else "")
        return Doc(DATA + name, body, media, resource.download)

    @staticmethod
    def _page(page: Page) -> Doc:
        return Doc(page.path, page_html(page), HTML)

    def series(self) -> pd.DataFrame:
        if self._series is None:
            self._series = harmonised_series(self.dataset)
        return self._series

    def findings(self, lang: str) -> list[Finding]:
        if lang not in self._findings:
            self._findings[lang] = check_dataset(self.dataset, lang=lang)
        return self._findings[lang]

    def content(self, year: int, lang: str) -> YearContent:
        """What the dashboard shows of a year in a language, from its own builders (kept for a few years)."""
        with self._lock:
            key = (year, lang)
            if key not in self._content:
                self._content[key] = self._year_content(year, lang)
                while len(self._content) > MAX_CONTENT:
                    self._content.popitem(last=False)
            self._content.move_to_end(key)
            return self._content[key]

    def _year_content(self, year: int, lang: str) -> YearContent:
        dataset, series = self.dataset, self.series()
        files = tuple((DATA + r.path, r.title(lang)) for r in self.data.resources.values() if r.year == year)
        return YearContent(
            year=year, lang=lang,
            views={name: pages.VIEWS[name](dataset, series, year, lang) for name in VIEWS},
            form=official_form(dataset, year), text_figures=text_figures(dataset, year, lang),
            findings=tuple(f for f in self.findings(lang) if f.year == year),
            files=(*files, (DATA + ("en/" if lang == "en" else ""), t("site.open_data_index", lang))),
            missing=missing_notice(dataset.years, lang),
        )  # fmt: skip


def text_figures(dataset: Dataset, year: int, lang: str) -> pd.DataFrame:
    """Every figure the year's report text gives (each measure, for each reporting unit that gives it) as the
    dashboard's figure table: label (with the 管理部 for a branch's), figure, unit, source, note."""
    cat = dataset.catalogue
    rows = dataset.year_values(year)
    items = []
    for item, unit in dict.fromkeys(zip(rows["indicator"], rows["unit"], strict=True)):
        if item in cat.measures:
            found = fact(dataset, year, item, lang, unit=unit)
            if unit != CENTRE:
                found = replace(found, label=f"{found.label}（{cat.label(unit, lang)}）")
            items.append(found)
    return facts_table(items, lang)


def file_of(path: str) -> str:
    """The file a site path is written to: a folder's index.html, the site's root index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


def sitemap(paths: list[str], base_url: str, modified: float) -> bytes:
    """sitemap.xml: every page and file at its absolute URL, with the data's last change."""
    when = datetime.fromtimestamp(modified, UTC).strftime("%Y-%m-%d") if modified else ""
    lastmod = f"<lastmod>{when}</lastmod>" if when else ""
    urls = "".join(f"<url><loc>{escape(base_url + p)}</loc>{lastmod}</url>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>\n").encode()


def write_site(site: Site, out: Path, base_url: str | None = None) -> list[str]:
    """Every document as a static file under `out` (plus the root index, 404.html, and with a base URL sitemap.xml
    and robots.txt); the files written, relative to `out`. Nothing else under `out` is touched."""
    base = base_url.rstrip("/") + "/" if base_url else None
    written = []
    paths = ["", *site.paths()]
    for path in paths:
        doc = site.get(path)
        if doc is not None:
            written.append(_write(out, file_of(path), doc.body))
    written.append(_write(out, "404.html", not_found_html((base or "/") + DATA)))
    if base:
        written.append(_write(out, "sitemap.xml", sitemap(paths, base, site.data.modified)))
        written.append(_write(out, "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()))
    return written


def _write(out: Path, name: str, body: bytes) -> str:
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return name
