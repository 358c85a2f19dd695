"""publish/site: every document of the light site by path (and nothing else), written out as static files whose
relative links all land on a written file, with the 404 page, and a sitemap and robots.txt only given a base URL."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.publish import site as site_module
from gjj_dash.publish.light_page import Links
from gjj_dash.publish.site import Site, file_of, write_site
from gjj_dash.store.dataset import load_dataset
from tests.support.light import parse


@pytest.fixture(scope="module")
def site() -> Site:
    """The bundled year (2016) with a dashboard link."""
    return Site(load_dataset(BUNDLED_DATA), modified=1_700_000_000.0, links=Links("https://dash.example/"))


def test_every_path_listed_gives_a_document_of_the_right_type(site: Site) -> None:
    """Indexes and pages are UTF-8 HTML; data files have their media type and download name."""
    kinds = {}
    for path in site.paths():
        doc = site.get(path)
        assert doc is not None and doc.body, path
        kinds[path] = (doc.media_type, doc.download)
    assert kinds["report/2016/"] == ("text/html; charset=utf-8", "")
    assert kinds["data/2016.csv"] == ("text/csv; charset=utf-8", "gjj-open-data-2016.csv")
    assert kinds["data/2016.json"] == ("application/json; charset=utf-8", "gjj-open-data-2016.json")
    assert kinds["data/2016.xlsx"][0] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert kinds["data/datapackage.json"] == ("application/json", "")


@pytest.mark.parametrize(
    "path",
    ["report/2017/", "report/2016/charts/", "report/2016/en/en/", "report/2016", "report/en/2016/", "data/2017.csv",
     "data/x", "data/en/2016.csv", "years/2016/values.csv", "report/2016/halls/en/x/", "report/0016/"],
)
def test_an_unknown_path_gives_nothing(site: Site, path: str) -> None:
    """A year not held, a part that does not exist, a misplaced language folder, a file outside data/: None."""
    assert site.get(path) is None


def test_documents_are_built_once_and_kept_within_bounds(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking twice gives the same bytes object; no more than MAX_DOCS documents are kept."""
    assert site.get("report/2016/") is site.get("report/2016/")
    monkeypatch.setattr(site_module, "MAX_DOCS", 3)
    fresh = Site(site.dataset)
    for path in fresh.paths()[:6]:
        assert fresh.get(path) is not None
    assert list(fresh._docs) == fresh.paths()[3:6]


def _local_links(file: Path) -> list[str]:
    html = file.read_text(encoding="utf-8")
    return [h for h in parse(html).links if not h.startswith(("http://", "https://", "data:", "#"))]


def test_written_site_links_land_on_written_files(site: Site, tmp_path: Path) -> None:
    """Every relative link of every written page resolves to a file that was written (a folder to its index.html),
    and every fragment to an id on that page."""
    out = tmp_path / "site"
    written = write_site(site, out)
    assert {"index.html", "404.html", "report/2016/index.html", "report/2016/en/index.html", "data/index.html",
            "data/2016.csv", "data/datapackage.json"} <= set(written)
    broken = []
    for name in (n for n in written if n.endswith(".html") and n != "404.html"):
        for link in _local_links(out / name):
            target, _, fragment = link.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target or posixpath.basename(name)))
            file = out / (resolved + "/index.html" if target.endswith("/") or target in ("./", "../") else resolved)
            if not file.is_file():
                broken.append(f"{name} → {link}")
            elif fragment and fragment not in parse(file.read_text(encoding="utf-8")).ids:
                broken.append(f"{name} → {link} (no #{fragment})")
    assert broken == []


def test_the_404_page_is_chinese_and_links_to_the_data_index(site: Site, tmp_path: Path) -> None:
    """404.html says in Chinese the page or file is not there and links to /data/ (at the base URL when given)."""
    write_site(site, tmp_path / "a")
    write_site(site, tmp_path / "b", "https://example.gov.cn/open")
    plain, based = ((tmp_path / x / "404.html").read_text(encoding="utf-8") for x in ("a", "b"))
    assert '<html lang="zh-CN">' in plain and "未找到该页面或文件" in plain and 'href="/data/"' in plain
    assert 'href="https://example.gov.cn/open/data/"' in based


def test_a_sitemap_and_robots_only_with_a_base_url(site: Site, tmp_path: Path) -> None:
    """Without --base-url no sitemap; with it, every document at its absolute URL and the data's date."""
    write_site(site, tmp_path / "a")
    assert not (tmp_path / "a" / "sitemap.xml").exists() and not (tmp_path / "a" / "robots.txt").exists()
    write_site(site, tmp_path / "b", "https://example.gov.cn/open/")
    root = ET.fromstring((tmp_path / "b" / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert locs == ["https://example.gov.cn/open/" + p for p in ["", *site.paths()]]
    assert {e.text for e in root.findall("s:url/s:lastmod", ns)} == {"2023-11-14"}
    assert "Sitemap: https://example.gov.cn/open/sitemap.xml" in (tmp_path / "b" / "robots.txt").read_text()


def test_a_folder_is_written_as_its_index() -> None:
    """report/2016/ → report/2016/index.html; the root → index.html; a file keeps its name."""
    assert file_of("report/2016/") == "report/2016/index.html" and file_of("") == "index.html"
    assert file_of("data/2016.csv") == "data/2016.csv"
