"""The drafted narrative: a sentence for every narrative measure a year holds, each with the figures it states; the
change from the previous year where it holds the same figure (never across a format change with a caveat);
qualifiers and statements kept as the report gave them; nothing written for a figure not held."""

from __future__ import annotations

from gjj_dash.model.values import CENTRE
from gjj_dash.publish.annual_report import sentences
from gjj_dash.publish.annual_report.report import build_report
from gjj_dash.publish.annual_report.sentences import Spec, Writer


def said(report) -> dict[str, str]:
    return {s.id: s.text for s in report.sentences}


def test_2016_sentences_state_the_seeds_figures(drafts) -> None:
    """The seed's narrative figures come back as sentences: 204 条, 19000余人次 (qualifier kept), 13810 次, 3 halls."""
    text = "".join(said(drafts(2016)).values())
    for part in ("全年主动公开政府信息204条", "其中主动公开规范性文件9条", "通过政府网站公开政府信息94条",
                 "住房公积金门户网站全年公众浏览13810次", "全年向缴存职工提供个人公积金信息查询19000余人次",
                 "共有3个服务大厅", "设服务窗口19个", "有窗口工作人员25人", "对行动不便的群众开展预约上门服务30余次",
                 "上报各类宣传稿件100余篇", "政务公开领导小组办公室配置工作人员2名"):
        assert part in text, part


def test_narrative_figures_are_drafted_as_stored_even_where_the_table_differs(drafts) -> None:
    """The text says 17 查阅点 where the table says 3: the sentence states the narrative's 17 (traced to it), and
    the preflight lists the disagreement; nothing is corrected."""
    report = drafts(2016)
    sentence = next(s for s in report.sentences if s.id == "reading_points")
    assert sentence.text.startswith("设置政府信息公开查阅点17个")
    assert sentence.figures[0].ref == "narrative.reading_points" and sentence.figures[0].stated == "17个"
    assert any(f.check == "restates" and "17" in f.message for f in report.preflight.findings)


def test_statements_of_none_are_the_reports_own_words(drafts) -> None:
    """未接到/未发生 statements (value 0) are written as the report gave them, with their measure as the figure."""
    texts = said(drafts(2016))
    assert texts["requests_received"] == "中心未接到政府信息公开申请。"
    assert texts["reviews"] == "未接到政府信息公开事务的行政复议。"
    assert texts["lawsuits"] == "未发生针对有关信息公开事务的行政诉讼和申诉。"


def test_every_narrative_measure_the_year_holds_is_stated_and_traced(formats, drafts) -> None:
    """Each measure 2016 holds (centre or branch) is among the figures of some sentence."""
    held = set(formats.year_values(2016).query("format == 'measure'")["indicator"])
    traced = {i for s in drafts(2016).sentences for f in s.figures for i in f.items}
    assert held and held <= traced


def test_each_figure_carries_year_and_source(drafts) -> None:
    """A figure names its year, what it states and where it comes from (the report section or the table row)."""
    report = drafts(2016)
    visits = next(s for s in report.sentences if s.id == "portal_visits").figures[0]
    assert (visits.year, visits.stated) == (2016, "13810次") and "二、主动公开政府信息情况" in visits.source
    channel = next(s for s in report.sentences if s.id == "ch_website").figures[0]
    assert channel.ref == "narrative.ch_website" and channel.items == ("narrative.ch_website",)


def test_year_on_year_change_is_stated_where_the_previous_year_holds_the_figure(across_formats) -> None:
    """2017 against 2016: increases, decreases and no change in words; approximate figures give last year's figure."""
    texts = said(build_report(across_formats, 2017))
    assert texts["portal_visits"] == "住房公积金门户网站全年公众浏览12000次，比上年增加2000次。"
    assert texts["ch_other"] == "通过其他方式公开政府信息5条，比上年减少5条。"
    assert texts["halls"] == "共有3个服务大厅，与上年持平。"
    assert texts["fund_queries"] == "全年向缴存职工提供个人公积金信息查询18000余人次，上年为15000余人次。"
    report = build_report(across_formats, 2017)
    visits = next(s for s in report.sentences if s.id == "portal_visits")
    assert [(f.year, f.stated) for f in visits.figures] == [(2017, "12000次"), (2016, "10000次")]


def test_no_change_is_stated_across_a_format_change_with_a_caveat(across_formats) -> None:
    """2019 (2019 format) after 2018 (old table): 新收 and 办结 are defined differently (crosswalk caveats), so no
    change is stated; 行政复议 maps without a caveat and keeps its change."""
    texts = said(build_report(across_formats, 2019))
    assert texts["requests_received"] == "本年度新收政府信息公开申请10件。"
    assert texts["requests_completed"] == "本年度办结政府信息公开申请10件。"
    assert texts["reviews"] == "本年度因政府信息公开被申请行政复议2件，比上年增加1件。"


def test_clauses_join_the_sentence_before_them(across_formats) -> None:
    """The outcome clauses follow 办理结果中 in one sentence; a blank part is left out, not written as 0."""
    paragraph = Writer(across_formats, 2019).topic("requests")
    outcomes = "办理结果中，予以公开6件，部分公开1件，不予公开1件，无法提供1件，不予处理0件，其他处理1件。"
    assert outcomes in paragraph.text
    lawsuits = Writer(across_formats, 2018).topic("appeals").text
    assert "本年度因政府信息公开被提起行政诉讼1件，比上年增加1件，其他结果1件。" in lawsuits


def test_a_clause_whose_sentence_is_not_written_starts_its_own(formats, monkeypatch) -> None:
    """Where the sentence before is not held (政务微信 blank), a clause drops its leading ， and ends in 。"""
    specs = (Spec("wechat", "t", "", ("old.s1.ch_wechat",), "通过政务微信公开政府信息{v}。"),
             Spec("parttime", "t", "", ("old.s8.staff_parttime",), "，兼职人员{v}"))
    monkeypatch.setattr(sentences, "load_sentences", lambda: specs)
    paragraph = Writer(formats, 2016).topic("t")
    assert paragraph.text == "兼职人员2人。"
    assert [s.id for s in paragraph.sentences] == ["parttime"]


def test_nothing_is_written_for_a_blank_or_missing_figure(formats) -> None:
    """A blank official cell (政务微信 2016) or a row the year does not have gives no sentence — never a 0."""
    writer = Writer(formats, 2016)
    assert formats.cell(2016, "old.s1.ch_wechat", unit=CENTRE).blank
    assert writer.sentence(Spec("w", "disclosure", "", ("old.s1.ch_wechat",), "通过政务微信公开政府信息{v}。")) is None
    assert writer.sentence(Spec("n", "disclosure", "", ("n21.s2_5.licensing@decisions",), "许可{v}。")) is None


def test_2021_sentences_restate_the_tables(drafts) -> None:
    """A 2021-format year restates its table figures: 70 new requests, 69 completed, 1 carried forward, the fee in
    万元 with its six published decimals."""
    texts = said(drafts(2021))
    assert texts["requests_received"] == "本年度新收政府信息公开申请70件。"
    assert texts["requests_completed"] == "本年度办结政府信息公开申请69件。"
    assert texts["requests_carried_forward"] == "结转下年度继续办理1件。"
    assert texts["n21_fees"] == "本年收取行政事业性收费24252.311082万元。"


def test_a_figure_printed_with_its_unit_is_stated_once_with_it(drafts) -> None:
    """Shanghai prints 采购总金额 as 251000元: the sentence states 251000元, not 251000元元."""
    texts = said(drafts(2019))
    assert texts["n19_procurement"] == "本年政府集中采购项目6个。"
    assert texts["n19_procurement_amount"] == "，采购总金额251000元"


def test_a_blank_total_summed_from_its_row_says_so(drafts) -> None:
    """Shanghai 2019 prints its detail-row 总计 cells blank: 予以公开 272 is the row's sum, and its source says so."""
    sentence = next(s for s in drafts(2019).sentences if s.id == "outcome_disclosed")
    assert sentence.text == "办理结果中，予以公开272件"
    assert "“总计”栏空白，按该行各列之和计" in sentence.figures[0].source
