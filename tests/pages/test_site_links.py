"""The dashboard's sidebar links to the light page and the open data of the year shown, and names their addresses."""

from __future__ import annotations


def test_the_sidebar_links_to_the_years_light_page_and_open_data(app) -> None:
    """On 主动公开 for 2016: links to /report/2016/ and /data/, and the addresses of 2016.csv, all.csv and the
    data package."""
    at = app(public=True, query={"year": "2016"})
    at.switch_page("views/disclosure.py").run()
    assert not at.exception
    links = " ".join(m.value for m in at.sidebar.markdown)
    assert "(/report/2016/)" in links and "(/data/)" in links and "2016 年度轻量版页面" in links
    footer = " ".join(c.value for c in at.sidebar.caption)
    assert "/data/2016.csv" in footer and "/data/all.csv" in footer and "/data/datapackage.json" in footer


def test_in_english_the_links_lead_to_the_english_pages(app) -> None:
    """?lang=English: the light page and the data index in English (…/en/)."""
    at = app(query={"year": "2016", "lang": "English"}).run()
    assert not at.exception
    links = " ".join(m.value for m in at.sidebar.markdown)
    assert "(/report/2016/en/)" in links and "(/data/en/)" in links and "light page" in links
