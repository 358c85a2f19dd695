"""AppTest of 起草年度报告 on 数据管理: staff only (after login), each published year offered, nothing drafted until the
button is pressed, then the preflight's findings on the page before the download (a year breaking an identity and a
clean one), each drafted sentence with its figures, the download per format, and the English switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.store import accounts as auth
from tests.support.pages import NAME, PASSWORD, log_in, open_admin, texts
from tests.support.years import data_dir


@pytest.fixture
def staff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory holding 2016 (old), 2019 and 2021 (new formats), with one local account."""
    folder = data_dir(tmp_path, "formats")
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(folder / "accounts.json", NAME, PASSWORD)
    return folder


def logged_in(app, folder: Path, **query: str) -> AppTest:
    return log_in(open_admin(app, folder, **query))


def drafted(at: AppTest, year: int | None = None) -> AppTest:
    """Choose the year (if given) and press 起草年度报告."""
    if year is not None:
        at.selectbox(key="drafting_year").set_value(year).run()
    at.button(key="drafting_start").click().run()
    assert not at.exception, at.exception
    return at


def test_drafting_needs_a_login(app, staff) -> None:
    """Before logging in there is no year to draft and no draft button."""
    at = open_admin(app, staff)
    assert not [s for s in at.selectbox if s.key == "drafting_year"]
    assert not [b for b in at.button if b.key == "drafting_start"]


def test_nothing_is_drafted_until_the_button_is_pressed(app, staff) -> None:
    """Every published year is offered, newest first; before the button there is no finding, sentence or download."""
    at = logged_in(app, staff)
    year = at.selectbox(key="drafting_year")
    assert year.options == ["2021", "2019", "2016"] and year.value == 2021
    assert at.button(key="drafting_start").label == "起草年度报告"
    assert "选好年度后点“起草年度报告”" in texts(at) and "起草检查" not in texts(at)
    assert not [b for b in at.get("download_button") if b.proto.label.startswith("下载起草的年度报告")]
    assert not [d for d in at.dataframe if "句子" in d.value.columns]


def test_a_clean_year_says_so_and_offers_the_word_file(app, staff) -> None:
    """Pingtan 2021 passes every check and says so; the places to fill are counted; the Word download is offered."""
    shown = texts(drafted(logged_in(app, staff)))
    assert "起草检查未发现问题" in shown and "处【待填写：…】需要工作人员撰写" in shown
    assert "2021 年度使用政府信息公开工作年度报告格式(2021年版)" in shown
    at = drafted(logged_in(app, staff))
    assert at.download_button(key="drafting_download_docx").label == "下载起草的年度报告（Word）"


def test_findings_are_listed_on_the_page_before_the_draft(app, staff) -> None:
    """2016: the error (204 > 191) and the two notes are on the page, as text in a table, marked as the quality page
    marks findings (not as the page's own alerts); the draft is still offered."""
    at = drafted(logged_in(app, staff), 2016)
    summary = next(m.value for m in at.markdown if "起草检查发现" in m.value)
    assert summary.startswith(":red[:material/error:] 起草检查发现 3 项（错误 1、警告 0、提示 2）")
    assert not [a for a in [*at.error, *at.warning, *at.info] if "起草检查" in a.value]
    table = next(d.value for d in at.dataframe if "核对项" in d.value.columns)
    assert len(table) == 3 and "204 > 94 + 91 + 6 = 191" in table["说明"].iloc[0]
    assert at.download_button(key="drafting_download_docx").label == "下载起草的年度报告（Word）"


def test_another_year_must_be_drafted_again(app, staff) -> None:
    """After drafting 2021, choosing 2016 shows the button's hint again, not 2021's findings."""
    at = drafted(logged_in(app, staff))
    at.selectbox(key="drafting_year").set_value(2016).run()
    assert "选好年度后点“起草年度报告”" in texts(at) and "起草检查未发现问题" not in texts(at)


def test_each_drafted_sentence_is_listed_with_its_figures(app, staff) -> None:
    """起草依据 lists every drafted sentence of the year beside the figures it states and their sources."""
    at = drafted(logged_in(app, staff), 2016)
    trace = next(d.value for d in at.dataframe if "句子" in d.value.columns)
    row = trace[trace["句子"] == "住房公积金门户网站全年公众浏览13810次。"].iloc[0]
    source = "（来源：年度报告正文 二、主动公开政府信息情况）"
    assert row["所述数字及来源"] == f"依据：2016年“门户网站公众浏览”13810次{source}"
    assert len(trace) == 35


def test_web_page_format_offers_the_html_download(app, staff) -> None:
    """Choosing 网页 offers the .html download under its own button."""
    at = logged_in(app, staff)
    at.radio(key="drafting_kind").set_value("html").run()
    drafted(at)
    assert at.download_button(key="drafting_download_html").label == "下载起草的年度报告（网页）"


def test_the_tab_speaks_english(app, staff) -> None:
    """With the English switch the tab, the button and the download are in English; the official title stays."""
    at = drafted(logged_in(app, staff, lang="English"))
    shown = texts(at)
    assert "Draft a year's annual report" in shown and "The checks found nothing" in shown
    assert at.button(key="drafting_start").label == "Draft the annual report"
    assert at.download_button(key="drafting_download_docx").label == "Download the drafted annual report (Word)"
    assert "2021年度政府信息公开工作年度报告" in shown
