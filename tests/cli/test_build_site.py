"""`gjj-dash build-site OUT/`: every light page and open-data file written with relative links, a sitemap only with
--base-url, dashboard links only with --dashboard-url, and Chinese usage errors (exit 2) for bad addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.publish.open_data import OpenData
from gjj_dash.store.dataset import load_dataset


def test_build_site_writes_the_pages_and_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0; index, the year's pages in both languages, the data files byte for byte; says what it wrote."""
    out = tmp_path / "site"
    assert main(["build-site", str(out), "--data-dir", str(BUNDLED_DATA)]) == 0
    err = capsys.readouterr().err
    assert "已写入" in err and "年度：2016" in err and "未生成 sitemap.xml" in err and "不链接到交互式看板" in err
    for name in ("index.html", "404.html", "report/index.html", "report/2016/index.html", "report/2016/en/index.html",
                 "report/2016/requests/en/index.html", "data/index.html", "data/en/index.html"):
        assert (out / name).is_file(), name
    data = OpenData(load_dataset(BUNDLED_DATA))
    for name in data.resources:
        assert (out / "data" / name).read_bytes() == data.payload(name), name
    page = (out / "report/2016/index.html").read_text(encoding="utf-8")
    assert 'href="../../data/2016.csv"' in page and "<script" not in page and "?year=" not in page
    assert not (out / "sitemap.xml").exists()


def test_base_and_dashboard_urls_give_a_sitemap_and_dashboard_links(tmp_path: Path) -> None:
    """--base-url: sitemap.xml with absolute URLs; --dashboard-url: each part links to the dashboard's page."""
    out = tmp_path / "site"
    code = main(["build-site", str(out), "--base-url", "https://example.gov.cn/open",
                 "--dashboard-url", "https://dashboard.example.gov.cn", "--data-dir", str(BUNDLED_DATA)])
    assert code == 0
    assert "<loc>https://example.gov.cn/open/report/2016/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    page = (out / "report/2016/index.html").read_text(encoding="utf-8")
    assert 'href="https://dashboard.example.gov.cn/halls?year=2016"' in page


@pytest.mark.parametrize("flag", ["--base-url", "--dashboard-url"])
@pytest.mark.parametrize("url", ["example.gov.cn", "ftp://example.gov.cn/", "https://x/?a=1", "javascript:alert(1)"])
def test_an_address_that_is_not_a_web_url_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str,
                                                     url: str) -> None:
    """Exit 2 with one Chinese line; nothing written."""
    out = tmp_path / "site"
    assert main(["build-site", str(out), flag, url, "--data-dir", str(BUNDLED_DATA)]) == 2
    assert "无效" in capsys.readouterr().err and not out.exists()


def test_out_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """OUT naming an existing file: exit 2, the file untouched."""
    out = tmp_path / "site"
    out.write_text("keep", encoding="utf-8")
    assert main(["build-site", str(out), "--data-dir", str(BUNDLED_DATA)]) == 2
    assert "不是目录" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep"


def test_an_empty_data_directory_builds_an_index_saying_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No year published: exit 0, the index says the data directory holds no year, no year pages."""
    empty = tmp_path / "empty"
    (empty / "years").mkdir(parents=True)
    out = tmp_path / "site"
    assert main(["build-site", str(out), "--data-dir", str(empty)]) == 0
    assert "数据目录中还没有任何年度的数据" in (out / "index.html").read_text(encoding="utf-8")
    assert not (out / "report" / "2016").exists() and "年度：无" in capsys.readouterr().err
