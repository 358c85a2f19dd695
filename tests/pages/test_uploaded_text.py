"""Uploaded text is text: a store whose every uploaded string holds links, images, HTML, colour, emphasis, code and
maths renders on every page, and in every light page and export, with none of it read as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.publish import export
from gjj_dash.publish.site import Site
from gjj_dash.store.accounts import ENV_ACCOUNTS, add_user
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.peers import PeerStore
from tests.support import reports
from tests.support.hostile import MARKUP, hostile_data, html_leaks, page_leaks
from tests.support.pages import NAME, PASSWORD, log_in, open_page, texts
from tests.support.years import data_dir

PUBLIC = ["views/overview.py", "views/disclosure.py", "views/halls.py", "views/portal.py", "views/requests.py",
          "views/tables.py", "views/dictionary.py", "views/quality.py"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_data(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("lang", ["zh", "English"])
@pytest.mark.parametrize("script", PUBLIC)
def test_every_public_page_shows_uploaded_markup_as_text(app, hostile: Path, script: str, lang: str) -> None:
    """No Markdown element, label or chart of the page reads an uploaded string as a link, image, HTML, colour,
    emphasis, code or maths; the uploaded title still reaches the page, shown character for character."""
    at = open_page(app, script, hostile, public=True, lang=lang)
    assert page_leaks(at) == []
    if script in ("views/tables.py", "views/overview.py"):
        assert MARKUP in texts(at)


def test_the_staff_page_shows_uploaded_markup_as_text(app, hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """数据管理, logged in, its history, audit log and drafting panels (the report drafted) on the same store:
    nothing read as markup."""
    monkeypatch.delenv(ENV_ACCOUNTS, raising=False)
    add_user(hostile / "accounts.json", NAME, PASSWORD)
    at = log_in(open_page(app, "views/admin.py", hostile))
    assert page_leaks(at) == []
    at.button(key="drafting_start").click().run()  # the draft's title is built from the uploaded 填报单位
    assert not at.exception and page_leaks(at) == []


def test_a_comparison_bodys_name_is_text_on_the_public_overview(app, tmp_path: Path) -> None:
    """A comparison body named with markup, the comparison switched on for the public: the overview shows the name,
    and nothing of it is read as markup."""
    data = data_dir(tmp_path, "formats")
    page = reports.web_page()
    store = PeerStore(data, read_only=False)
    store.add(read_upload(page, "平潭2021.html"), page, f"{MARKUP}.html", f"平潭{MARKUP}", "government_office", "staff",
              "测试")
    store.set_settings("测试", public=True)
    at = open_page(app, "views/overview.py", data, public=True, year="2021")
    assert "www.evil.example" in texts(at)
    assert page_leaks(at) == []


def test_light_pages_and_html_exports_hold_no_link_or_image_from_an_upload(hostile: Path) -> None:
    """Every light page of the site (both languages, every part, the indexes) and the printed form's HTML export:
    no <a href> to the uploaded address and no <img>; the uploaded text is there, escaped."""
    dataset = load_dataset(hostile)
    site = Site(dataset)
    pages = [site.get(path) for path in site.paths() if not path.startswith("data/") or path.endswith("/")]
    assert len(pages) > 10
    for doc in pages:
        assert doc is not None and html_leaks(doc.body.decode("utf-8")) == [], doc.path
    form = export.table_html(dataset, 2016).decode("utf-8")
    assert html_leaks(form) == [] and "&lt;img src=x onerror=alert(1)&gt;" in form
