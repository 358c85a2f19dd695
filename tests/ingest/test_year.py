"""The report's year, title and body come from its own title — “2024年度…”, “…2024年政府信息公开工作年度报告”, a
year split over spans or lines or spaced in a PDF — else from the statistics period; other years in the text and
other reports named on the page are never the report's year."""

from __future__ import annotations

import pytest

from gjj_dash.ingest.document import Document
from gjj_dash.ingest.title import identity


def _doc(*lines: str, titles: tuple[str, ...] = ()) -> Document:
    doc = Document("html", titles=list(titles))
    for line in lines:
        doc.add_paragraph(line)
    return doc


@pytest.mark.parametrize(
    ("lines", "year", "body"),
    [
        (["平潭综合实验区2016年度政府信息公开工作年度报告"], 2016, "平潭综合实验区"),
        (["洪泽区人民政府", "2023 年政府信息公开工作年度报告"], 2023, "洪泽区人民政府"),
        (["全真版", "相关链接：", "平潭综合实验区", "201" "6年度政府信息公开工作年度报告"], 2016, "平潭综合实验区"),
        (["博州住房公积金管理中心2024年政府信息公开工作年度报告"], 2024, "博州住房公积金管理中心"),
        (["2024年度博州住房公积金管理中心政府信息公开工作年度报告"], 2024, "博州住房公积金管理中心"),
        (["博州住房公积金管理中心政府信息公开工作年度报告（2022年度）"], 2022, "博州住房公积金管理中心"),
    ],
    ids=["title", "two lines, spaced year", "after navigation", "…2024年…报告", "year first", "year after"],
)
def test_the_year_and_body_come_from_the_title(lines: list[str], year: int, body: str) -> None:
    """Each way a title is printed gives its year and the body it names."""
    found = identity(_doc(*lines, "2017年财政形势展望良好。"))
    assert (found.year, found.body) == (year, body)


def test_the_statistics_period_gives_the_year_when_no_title_does() -> None:
    """No title: “统计期限自2021年1月1日起至2021年12月31日止” gives 2021 (a PDF's wrapped lines joined)."""
    found = identity(_doc("本报告中所列数据统计期限自 2021 年 1 月 1 日", "起至 2021 年 12 月 31 日止。",
                          "2022年2月发布"))
    assert (found.year, found.period) == (None, 2021)


def test_a_long_sentence_naming_another_report_is_no_title() -> None:
    """“…关于编制公布2021年政府信息公开工作年度报告有关事项的通知…” in a sentence is not the title."""
    sentence = ("根据《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》等文件要求，"
                "我区编制完成了本报告。")
    assert identity(_doc(sentence)).year is None


def test_the_title_the_period_confirms_wins_over_a_navigation_link() -> None:
    """The page's navigation names the 2015 report; the article's title and period say 2021: 2021."""
    found = identity(_doc("首页 2015年度政府信息公开工作年度报告", "某区2021年度政府信息公开工作年度报告",
                          "统计期限自2021年1月1日起至2021年12月31日止。"))
    assert found.year == 2021 and found.body == "某区"


def test_the_pages_own_title_is_used_when_the_article_has_none() -> None:
    """The article starts with its text; <title> (site name cut off) names the report."""
    page_title = "平潭综合实验区2021年度政府信息公开工作年度报告_政府信息公开年报"
    found = identity(_doc("根据《条例》要求编制本报告。", titles=(page_title,)))
    assert (found.year, found.body, found.source) == (2021, "平潭综合实验区", "page_title")
