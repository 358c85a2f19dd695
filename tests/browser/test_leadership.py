"""Browser test of the leadership board (public deployment, seed 2016 + a 2021-format year) on a 1280×800 screen:
the nine indicators and the flags above the fold; an opened indicator shows its formula, rows and chart; the brief
downloads as a one-page PDF."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import servers

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "years" / "formats" / "years"
SCREEN = {"width": 1280, "height": 800}
EXPANDER = '[data-testid="stMain"] [data-testid="stExpander"]'


@pytest.fixture(scope="module")
def board_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve --public` holding the bundled 2016 and the Pingtan table as 2021 (2021 format)."""
    try:
        server = servers.start(tmp_path_factory.mktemp("board"), "public")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        shutil.copytree(FORMATS / "2021", server.data_dir / "years" / "2021")
        yield server
    finally:
        server.stop()


@pytest.fixture
def screen(browser, board_server: servers.Server) -> Iterator[object]:
    """A fresh 1280×800 tab on that server."""
    from tests.browser.tab import Tab  # optional dependency: Playwright, only once a browser was found

    context = browser.new_context(locale="zh-CN", viewport=SCREEN, accept_downloads=True)
    try:
        yield Tab(context.new_page(), board_server.url)
    finally:
        context.close()


def bottom(tab, locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


@pytest.mark.parametrize("path", ["/?year=2021", "/overview?year=2021"])
def test_indicators_and_flags_are_above_the_fold(screen, path: str) -> None:
    """At 1280×800, every indicator's line (name, headline, tag, last year) and the first flag with its page link
    are inside the first screen."""
    screen.open(path, expect="争议转化率 21.4%")
    headers = screen.page.locator(f"{EXPANDER} summary")
    assert headers.count() == 9
    names = headers.all_inner_texts()
    assert any("实质公开率" in n and "50.7%" in n and "样本一般" in n for n in names), names
    assert any("复议纠错率" in n and "3 件中 0 件" in n and "样本偏少" in n for n in names), names
    for n in range(9):
        assert bottom(screen, headers.nth(n)) <= SCREEN["height"], names[n]
    flag = screen.page.get_by_text("争议转化率 21.4%（15 / 70 件，2021年）高于关注线 10%。")
    assert bottom(screen, flag) <= SCREEN["height"]
    link = screen.page.get_by_role("link", name="查看“官方统计表”（2021年）")
    assert bottom(screen, link) <= SCREEN["height"]
    screen.assert_clean()


def test_opening_an_indicator_shows_its_formula_and_sources(screen) -> None:
    """A click on 复议纠错率 opens its formula, numerator and denominator rows, sources and a chart with its table."""
    screen.open("/?year=2021", expect="复议纠错率")
    screen.page.locator(f"{EXPANDER} summary", has_text="复议纠错率").click()
    screen.settle("公式：")
    opened = screen.page.locator(EXPANDER, has_text="复议纠错率")
    text = opened.inner_text()
    assert "公式：行政复议结果纠正 ÷（结果维持 + 结果纠正 + 其他结果）" in text
    assert "行政复议·其他结果 2 件（2021年：表四 行政复议·其他结果）" in text
    assert "来源（本年度报表格式中的行）：" in text and "行政复议·结果维持：表四 行政复议·结果维持" in text
    assert opened.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert not screen.charts_without_alt_or_table()
    screen.assert_clean()


def test_the_brief_downloads_as_one_pdf_page(screen) -> None:
    """下载 PDF gives a one-page PDF whose text carries the indicators' headlines."""
    screen.open("/?year=2021", expect="下载 PDF")
    with screen.page.expect_download(timeout=60_000) as caught:
        screen.page.get_by_role("button", name="下载 PDF").click()
    download = caught.value
    assert download.suggested_filename.startswith("gjj-brief-2021-") and download.suggested_filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "实质公开率 50.7%" in text and "复议纠错率 3 件中 0 件" in text
