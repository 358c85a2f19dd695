"""Uploaded text is text in the real browser: a public deployment whose store holds markup in every uploaded string
draws no link to it, no image from it and no colour from it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from tests.browser import servers
from tests.browser.tab import Tab
from tests.support.hostile import hostile_data


@pytest.fixture(scope="module")
def hostile_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve --public` whose 2016 is the hostile store's (markup in every uploaded text)."""
    root = tmp_path_factory.mktemp("hostile_server")
    made = hostile_data(root / "made")
    try:
        server = servers.start(root / "served", "public")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        shutil.rmtree(server.data_dir / "years" / "2016")
        shutil.copytree(made / "years" / "2016", server.data_dir / "years" / "2016")
        yield server
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/tables"])
def test_uploaded_markup_draws_no_link_image_or_colour(browser, hostile_server: servers.Server, path: str) -> None:
    """The uploaded text is on the page as written, and the DOM holds no <a href*=evil>, no <img src*=evil> or
    src=x, and no coloured “x”."""
    context = browser.new_context()
    try:
        tab = Tab(context.new_page(), hostile_server.url).open(path, expect="onerror=alert(1)")
        page = tab.page
        assert "<img src=x onerror=alert(1)>" in tab.main_text()
        assert page.locator("a[href*='evil']").count() == 0
        assert page.locator("img[src*='evil'], img[src='x']").count() == 0
        assert page.locator(".stMarkdownColoredText", has_text=re.compile(r"^x$")).count() == 0
        assert page.locator("[data-testid=stMain] .katex").count() == 0
    finally:
        context.close()
