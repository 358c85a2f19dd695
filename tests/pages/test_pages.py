"""AppTest of every registered page with the bundled data, and the overview's figures."""

from __future__ import annotations

import pytest

from gjj_dash.i18n import t
from tests.support.pages import shown, texts

PAGES = [
    "views/overview.py",
    "views/disclosure.py",
    "views/halls.py",
    "views/portal.py",
    "views/requests.py",
    "views/tables.py",
    "views/dictionary.py",
    "views/quality.py",
    "views/admin.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(app, page: str) -> None:
    """Each page of the staff deployment renders with the bundled data under a title that starts with its name."""
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    name = page.removeprefix("views/").removesuffix(".py")
    assert at.title[0].value.startswith(t(f"page.{name}"))  # the router's name opens the page's own title


def test_overview_shows_the_2016_figures_with_units_sources_and_qualifier(app) -> None:
    """204, 13,810 and 19,000+ appear with their units and sources, and the single-year sentence."""
    at = app().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["主动公开政府信息数"] == "204 条"
    assert metrics["门户网站公众浏览"] == "13,810 次"
    assert metrics["个人公积金信息查询"] == "19,000+ 人次"
    assert (metrics["服务大厅"], metrics["服务窗口"], metrics["窗口工作人员"]) == ("3 个", "19 个", "25 人")
    shown = texts(at)
    assert "来源：政府信息公开情况统计表「(一)主动公开政府信息数」" in shown
    assert "来源：年度报告正文 二、主动公开政府信息情况" in shown
    assert "目前只载入了 2016 年一个年度" in shown
    assert "报告未按管理部分别列出" in shown
    assert "报告正文：“中心未接到政府信息公开申请”" in shown
    assert "报告正文：“204 = 9 + 94 + 91 + 6 + 4(规范性文件9、政府网站94、政务微博91、其他方式6、回应热点4)”" in shown


def test_year_comes_from_the_url(app) -> None:
    """?year=2016 selects 2016."""
    at = app(query={"year": "2016"}).run()
    assert at.selectbox(key="year").value == 2016
    assert "2016 年度主要数据一览" in texts(at)


@pytest.mark.parametrize(
    ("asked", "shown"), [("2018", 2018), ("2017", 2017), (None, 2018), ("1999", 2018), ("x", 2018), ("²", 2018)]
)
def test_the_url_always_names_the_year_shown(app, tmp_path, asked: str | None, shown: int) -> None:
    """The URL's year is shown (the newest when absent or not published) and the URL names it even when it is the
    newest, the selector's first choice; choosing another year rewrites it."""
    from tests.support.years import data_dir

    at = app(data_dir(tmp_path, "trend"), query={"year": asked} if asked else None).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="year").value == shown
    assert f"{shown} 年度主要数据一览" in texts(at)
    assert at.query_params["year"] == str(shown)
    at.selectbox(key="year").select(2016).run()
    assert at.query_params["year"] == "2016" and "2016 年度主要数据一览" in texts(at)


@pytest.mark.parametrize(("query", "code"), [(None, "zh-CN"), ({"lang": "English"}, "en")])
def test_the_page_declares_the_language_it_shows(app, query: dict | None, code: str) -> None:
    """Streamlit's page says `<html lang="en">`; the sidebar's script sets the language actually shown."""
    at = app(query=query).run()
    script = f'<script>document.documentElement.lang = "{code}";</script>'
    assert [e.proto.body for e in at.sidebar.get("html")] == [script]


def test_english_switch_changes_the_app_text(app) -> None:
    """?lang=English switches the app's own text and the catalogue labels."""
    at = app(query={"lang": "English"}).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Items proactively disclosed" in labels
    assert "Key figures of 2016" in texts(at)
    sources = [shown(c.value) for c in at.caption if "Source" in c.value or "来源" in c.value]
    assert sources and all(c.startswith("Source: ") and "来源" not in c for c in sources)  # no Chinese colon either


def test_public_mode_has_no_staff_page(app) -> None:
    """The public deployment never registers 数据管理."""
    at = app(public=True).run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not registered in public mode
        at.switch_page("views/admin.py").run()
