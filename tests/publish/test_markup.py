"""publish/markup: relative links between site paths, accessible tables from frames, escaped text, and a page with
its language, alternate and style but no script and nothing fetched."""

from __future__ import annotations

import pandas as pd
import pytest

from gjj_dash.publish.markup import Page, cell, frame_table, href, page_html, prose


@pytest.mark.parametrize(
    ("here", "there", "expected"),
    [
        ("report/2016/", "data/2016.csv", "../../data/2016.csv"),
        ("report/2016/halls/en/", "report/2016/en/", "../../en/"),
        ("report/2016/", "report/2016/#q-1", "./#q-1"),
        ("report/2016/halls/", "report/2016/#q-2", "../#q-2"),
        ("", "report/2016/", "report/2016/"),
        ("", "data/", "data/"),
        ("data/", "data/2016.csv", "2016.csv"),
        ("data/en/", "data/datapackage.json", "../datapackage.json"),
        ("data/2016.csv", "report/", "../report/"),
        ("report/", "", "../"),
    ],
)
def test_links_between_site_paths_are_relative(here: str, there: str, expected: str) -> None:
    """From a page's folder to any other site path, with the fragment kept and a folder's slash kept."""
    assert href(here, there) == expected


def test_a_frame_becomes_a_table_with_column_and_row_headers() -> None:
    """Column headers scope=col, the first column's cells are row headers scope=row, figures marked as numbers."""
    frame = pd.DataFrame({"指标": ["主动公开", "查询"], "数值": ["204", "19,000+"], "单位": ["条", "人次"]})
    html = frame_table(frame, "主动公开与查询")
    assert '<th scope="col">指标</th><th scope="col">数值</th><th scope="col">单位</th>' in html
    assert '<th scope="row">主动公开</th><td class="num">204</td><td>条</td>' in html
    assert '<td class="num">19,000+</td>' in html and "<caption" in html and "主动公开与查询</caption>" in html


def test_grouped_columns_get_a_group_header_row() -> None:
    """Two-level columns (group, column): the group spans its columns with scope=colgroup."""
    columns = pd.MultiIndex.from_tuples([("", "指标"), ("申请人", "自然人"), ("申请人", "法人")])
    html = frame_table(pd.DataFrame([["新收", "3", "1"]], columns=columns))
    assert '<th scope="colgroup" colspan="2">申请人</th>' in html and '<th scope="col">法人</th>' in html


def test_text_is_escaped_formula_safe_in_cells_and_prose_reads_no_mark() -> None:
    """A cell starting with = gets a leading ' and markup is escaped; prose reads no mark, not even **bold**."""
    assert cell("=HYPERLINK(\"x\")") == "&#x27;=HYPERLINK(&quot;x&quot;)" and cell("-185") == "-185"
    assert prose("**统计口径**：<script>x</script>") == "**统计口径**：&lt;script&gt;x&lt;/script&gt;"


def test_a_page_declares_its_language_and_other_language_and_holds_no_script() -> None:
    """<html lang>, an alternate link to the English page, an inline style, a skip link, and no script or fetch."""
    page = Page(path="report/2016/", lang="zh", title="2016", body="<h1>2016</h1>", alternate="report/2016/en/",
                nav=(("data/", "开放数据"), ("https://example.invalid/", "看板")), footer="<p>来源</p>")
    html = page_html(page).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert '<link rel="alternate" hreflang="en" href="en/">' in html and 'hreflang="en" lang="en">English</a>' in html
    assert '<a href="../../data/">开放数据</a>' in html and '<a href="https://example.invalid/">看板</a>' in html
    assert "<script" not in html and "<style>" in html and 'href="#main"' in html and '<main id="main">' in html
    assert "@media print" in html and "size: A4" in html
