"""The drafted report's structure per format: title stating the year, the opening the format asks for, the sections
in order, places for prose, the contact from the year's data — and the outline and sentence catalogues as data
contracts."""

from __future__ import annotations

import pytest

from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.publish.annual_report.blocks import Fill, Heading, Lines, Paragraph, TableBlock
from gjj_dash.publish.annual_report.outline import PARTS, load_outline
from gjj_dash.publish.annual_report.report import ReportError, build_report, report_name
from gjj_dash.publish.annual_report.sentences import LIST_PREFIX, load_sentences

SECTIONS_NEW = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
SUBS_2021 = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障",
             "（一）存在的主要问题", "（二）改进情况"]
SECTIONS_OLD = ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、存在问题和改进措施"]


def headings(report, level: int) -> list[str]:
    return [b.text for b in report.blocks if isinstance(b, Heading) and b.level == level]


@pytest.mark.parametrize(("year", "sections"), [(2016, SECTIONS_OLD), (2019, SECTIONS_NEW), (2021, SECTIONS_NEW)])
def test_sections_follow_the_years_format(drafts, year, sections) -> None:
    """Each year's sections are its format's, in order: 一、概述 … for the old table, 一 … 六 for 2019/2021."""
    assert headings(drafts(year), 1) == sections


def test_2021_overall_section_has_the_five_subheadings_of_the_format(drafts) -> None:
    """一、总体情况 carries 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障; 五 its problems and improvements."""
    assert headings(drafts(2021), 2) == SUBS_2021


@pytest.mark.parametrize(("year", "tables"), [(2016, ["main"]), (2019, ["s2_1+s2_5+s2_6+s2_8+s2_9", "s3", "s4"]),
                                              (2021, ["s2_1+s2_5+s2_6+s2_8", "s3", "s4"])])
def test_statistics_stand_in_sections_two_three_four(drafts, year, tables) -> None:
    """The new formats print table 二 (its 第二十条 sub-tables in one), 三 and 四 under their sections; the old one
    prints its table as the annex, after 附件：."""
    report = drafts(year)
    assert [t.key for t in report.tables] == tables
    blocks = list(report.blocks)
    for table in (b for b in blocks if isinstance(b, TableBlock)):
        before = [b for b in blocks[: blocks.index(table)] if isinstance(b, Heading) and b.level == 1][-1]
        expected = {"s2": "二、", "s3": "三、", "s4": "四、", "ma": "四、"}[table.table.key[:2]]
        assert before.text.startswith(expected)
    if year == 2016:
        lines = [line for b in blocks if isinstance(b, Lines) for line in b.lines]
        assert lines[:4] == ["附件：", "政府信息公开情况统计表", "(2016年度)", "填报单位(盖章)：博州住房公积金管理中心"]
        names = "单位负责人：郭成秀\u3000\u3000审核人：马莹\u3000\u3000填报人：张薇"
        assert lines[-2:] == [names, "联系电话：0909-2235500"]


def test_title_states_the_body_and_the_year(drafts) -> None:
    """The title is 〈body〉Y年度政府信息公开工作年度报告, so that a re-import finds the year without being told."""
    assert drafts(2016).title == "博州住房公积金管理中心2016年度政府信息公开工作年度报告"
    assert drafts(2021).title == "测试夹具：平潭综合实验区（非本中心）2021年度政府信息公开工作年度报告"


@pytest.mark.parametrize(("year", "basis"), [
    (2016, "《中华人民共和国政府信息公开条例》"),
    (2019, "国办公开办函〔2019〕60号"),
    (2021, "国办公开办函〔2021〕30号"),
])
def test_opening_names_its_basis_and_the_statistics_period(drafts, year, basis) -> None:
    """The first paragraph says what the report is compiled under and 统计期限为Y年1月1日至Y年12月31日."""
    first = next(b for b in drafts(year).blocks if isinstance(b, Paragraph))
    assert first.text.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert basis in first.text and "编制" in first.text
    assert f"统计期限为{year}年1月1日至{year}年12月31日" in first.text


def test_contact_comes_from_the_years_report_or_is_left_to_fill(drafts) -> None:
    """2016's contact is the one its report gave; a year without one gets 【待填写：网址】 and the like."""
    contact_2016 = list(drafts(2016).blocks)[1].text
    assert "http://gjj.xjboz.gov.cn/" in contact_2016 and "博乐市北京南路468号" in contact_2016
    assert "833400" in contact_2016 and "0909-2235500" in contact_2016 and "待填写" not in contact_2016
    contact_2021 = list(drafts(2021).blocks)[1].text
    for field in ("网址", "地址", "邮编", "电话"):
        assert f"【待填写：{field}】" in contact_2021


def test_prose_only_people_can_write_is_left_as_marked_places(drafts) -> None:
    """Problems, improvements and the overview are 【待填写：…】 places; the count is what the draft shows."""
    report = drafts(2021)
    prompts = [b.prompt for b in report.blocks if isinstance(b, Fill)]
    assert "存在的主要问题" in prompts and "改进措施" in prompts and "本年度政府信息公开工作总体情况" in prompts
    assert report.places == len(prompts) + 4  # and the four contact fields


def test_fee_place_is_left_out_when_the_data_says_it(drafts) -> None:
    """Section 六's 信息处理费 place is written only when no sentence states the fee; 2016's fee text fills 三."""
    assert any("信息处理费" in b.prompt for b in drafts(2021).blocks if isinstance(b, Fill))
    report = drafts(2016)
    assert any("目前尚未开展收费工作" in b.text for b in report.blocks if isinstance(b, Paragraph))
    assert not any(b.prompt == "依申请公开工作的其他情况" for b in report.blocks if isinstance(b, Fill))


def test_a_year_not_held_cannot_be_drafted(formats) -> None:
    """A year the data lacks is refused with a Chinese reason naming the years held."""
    with pytest.raises(ReportError, match="没有 2020 年度的数据.*2016、2019、2021"):
        build_report(formats, 2020)


def test_file_name_carries_title_version_and_no_unsafe_character(drafts) -> None:
    """The download's name is the title + （草稿）, the data version, the suffix; no character a file system refuses."""
    assert report_name(drafts(2016), "docx", "0123456789abcdef") == \
        "博州住房公积金管理中心2016年度政府信息公开工作年度报告（草稿）-01234567.docx"
    named = report_name(drafts(2019), "html")
    assert named.endswith("（草稿）.html") and not set('\\/:*?"<>|') & set(named)


def test_every_format_has_an_outline_of_known_parts() -> None:
    """Every catalogue format has an outline; its parts are known kinds, its tables the format's, its topics written."""
    cat = load_catalogue()
    outline = load_outline()
    topics = {s.topic for s in load_sentences()}
    assert set(cat.formats) <= set(outline)
    for fmt in cat.formats:
        parts = outline[fmt]
        assert {p.kind for p in parts} <= set(PARTS)
        assert [p.kind for p in parts][:2] == ["opening", "contact"]
        tables = {t.id for t in cat.tables_of(fmt)}
        printed = {i for p in parts if p.kind == "table" for i in p.text.split()}
        assert printed == tables, fmt
        assert {p.text for p in parts if p.kind == "topic"} <= topics


def test_every_sentence_states_catalogue_items_and_every_measure_has_a_sentence() -> None:
    """Each sentence's items are catalogue rows (with a real column), measures or harmonised series; every narrative
    measure of measures.csv is stated by some sentence (itself or its group's list)."""
    cat = load_catalogue()
    covered: set[str] = set()
    for spec in load_sentences():
        assert spec.format in ("", *cat.formats), spec.id
        for ref in spec.items:
            if ref.startswith(LIST_PREFIX):
                group = ref.removeprefix(LIST_PREFIX)
                assert cat.measures_in(group), spec.id
                covered |= {m.id for m in cat.measures_in(group)}
                continue
            item, _, column = ref.partition("@")
            assert item in cat.indicators or item in cat.measures or item in cat.harmonised, spec.id
            if column:
                ind = cat.indicators[item]
                assert column in {c.id for c in cat.columns_of(ind.format, ind.table)}, spec.id
            covered |= {item} | {m.indicator for m in getattr(cat.harmonised.get(item), "mappings", ())}
        assert ("{v}" in spec.template) != ("{list}" in spec.template or "{text}" in spec.template), spec.id
    assert set(cat.measures) <= covered
