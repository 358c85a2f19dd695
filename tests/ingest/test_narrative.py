"""Narrative measures are read from the report's own sentences, each with the sentence as its source; “未收到/未发生/
无” wordings give 0 with their sentence; a measure stated with different figures is left to confirm, never guessed."""

from __future__ import annotations

import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.ingest.sentences import read_narrative
from gjj_dash.model.catalogue import Catalogue
from tests.support import reports


@pytest.mark.parametrize(
    ("sentence", "measure", "value"),
    [
        ("全年主动公开我区各级单位政府信息2645条，主要通过政府网站进行公开。", "narrative.disclosed", 2645),
        ("本年度全区共收到70件申请，及时依法依规办结69件。", "narrative.requests_received", 70),
        ("2023年全区受理政府信息公开申请21件，均在法定期限答复。", "narrative.requests_received", 21),
        ("2016年全区未收到有关政府信息公开申请。", "narrative.requests_received", 0),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "narrative.reviews", 0),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "narrative.lawsuits", 0),
        ("2021年，无收取信息处理费情况。", "narrative.fees", 0),
        ("门户网站全年公众浏览达13810次。", "portal.visits", 13810),
        ("中心设有3个服务大厅，共设服务窗口19个，窗口工作人员25人。", "halls.windows", 19),
    ],
)
def test_a_stated_measure_is_read_with_its_sentence(catalogue: Catalogue, sentence: str, measure: str,
                                                    value: float) -> None:
    """One sentence, one figure (0 for a “none” wording), the sentence kept as it was printed."""
    found = {h.measure: h for h in read_narrative([sentence], catalogue).read}
    assert found[measure].value == value and found[measure].sentence == sentence


def test_differing_statements_are_left_to_confirm(catalogue: Catalogue) -> None:
    """3460 in one sentence, 1822 in the next (a part): neither is read; both sentences wait for a person."""
    sentences = ["2016年全区主动公开政府信息3460条。", "其中，区直各部门主动公开政府信息1822条。"]
    narrative = read_narrative(sentences, catalogue)
    assert "narrative.disclosed" not in {h.measure for h in narrative.read}
    assert [h.value for h in narrative.unsure["narrative.disclosed"]] == [3460, 1822]


def test_the_report_publishes_its_narrative_figures_sourced_to_their_sentences() -> None:
    """The web page's narrative gives 2645 items, 70 requests and no fees, each record's source its sentence."""
    upload = read_upload(reports.web_page(), "report.html")
    measures = upload.frame[upload.frame["format"] == "measure"].set_index("indicator")
    assert measures.loc["narrative.disclosed", "value"] == 2645
    assert measures.loc["narrative.requests_received", "value"] == 70
    assert measures.loc["narrative.fees", "value"] == 0
    assert measures.loc["narrative.requests_received", "source"].endswith(
        "正文：“本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。”")


def test_a_report_with_differing_statements_says_so_and_is_still_read() -> None:
    """An unconfirmed measure is a warning naming its figures; the report's tables are read all the same."""
    page = reports.web_page().replace("全年主动公开我区各级单位政府信息2645条".encode(),
                                      "全年主动公开政府信息2645条，其中区直部门主动公开政府信息1200条".encode())
    upload = read_upload(page, "report.html")
    assert upload.ok
    warning = next(p.message for p in upload.warnings if "不同的说法" in p.message)
    assert "2645" in warning and "1200" in warning
    assert "narrative.disclosed" not in set(upload.frame["indicator"])
    assert "narrative.disclosed" in upload.report["narrative"]["unconfirmed"]
