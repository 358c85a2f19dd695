"""AppTest of 导入年度报告 on 数据管理: several reports dropped at once are previewed and published per year, with the
report's identity, each figure's place, the narrative with its sentences, a person's choice where the text differs,
the reason box in the preview's own words, and the years still missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gjj_dash.store import accounts as auth
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.versions import Store
from tests.support import reports
from tests.support.pages import NAME, PASSWORD, log_in, open_admin, texts
from tests.support.uploads import damaged_zip


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled years and one staff account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def logged_in(app, data: Path) -> AppTest:
    return log_in(open_admin(app, data))


def _as_2019(page: bytes) -> bytes:
    return page.replace(b"2021", b"2019").replace(b"<span>21", b"<span>19")


def _drop(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    uploader = at.file_uploader(key="admin_file")
    for name, payload in files:
        uploader.upload(name, payload, "text/html")
    at.run()
    assert not at.exception, at.exception
    return at


def test_two_reports_are_previewed_and_published_each_for_its_year(app, staff) -> None:
    """2021 and 2019 dropped together: a preview per year, a publish button per year; publishing 2021 leaves 2019."""
    at = _drop(logged_in(app, staff), ("a.html", reports.web_page()), ("b.html", _as_2019(reports.web_page())))
    shown = texts(at)
    assert "共 2 个文件，2 个年度" in shown and "2021 年度" in shown and "2019 年度" in shown
    assert f"报告：《{reports.TITLE}》（网页），发布机关：平潭综合实验区" in shown
    assert "已有年度：2016。" in shown
    at.button(key="admin_publish_2021_a.html").click().run()
    assert not at.exception, at.exception
    assert "已发布 2021 年度第 1 版" in texts(at)
    assert Store(staff).current(2021) == 1 and Store(staff).current(2019) == 0
    assert "其间缺少：2017、2018、2019、2020" in texts(at.run())


def test_each_figure_is_shown_beside_the_place_it_came_from(app, staff) -> None:
    """The figures' table names the row, the column, the figure as printed and the report's table, row and column."""
    at = _drop(logged_in(app, staff), ("report.html", reports.web_page()))
    sources = next(d.value for d in at.dataframe if "出处（表、行、列、页）" in d.value.columns)
    row = sources[(sources["统计指标"] == "一、本年新收政府信息公开申请数量") & (sources["栏目"] == "社会公益组织")]
    assert row.iloc[0]["所印数字"] == "2" and "表2" in row.iloc[0]["出处（表、行、列、页）"]
    narrative = next(d.value for d in at.dataframe if "原句" in d.value.columns)
    assert "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。" in list(narrative["原句"])


def test_a_figure_the_text_states_differently_is_published_only_as_a_person_chose_it(app, staff) -> None:
    """Two figures for 主动公开 in the text: nothing chosen by default; the chosen sentence's figure is published with
    the sentence and the confirmation in its source."""
    page = reports.web_page().replace("全年主动公开我区各级单位政府信息2645条".encode(),
                                      "全年主动公开政府信息2645条，区直部门主动公开政府信息1200条".encode())
    at = _drop(logged_in(app, staff), ("report.html", page))
    choice = at.radio(key="admin_confirm_narrative.disclosed")
    assert choice.value == "—"
    choice.set_value(next(o for o in choice.options if o.startswith("主动公开政府信息2645条"))).run()
    at.button(key="admin_publish").click().run()
    cell = load_dataset(staff).cell(2021, "narrative.disclosed")
    assert cell.value == 2645 and "由 张薇 在预览中确认" in cell.source and "全年主动公开政府信息2645条" in cell.source


def test_a_report_breaking_its_own_identities_asks_for_a_reason_in_the_previews_words(app, staff) -> None:
    """总计 printed 71 against rows summing to 70: the reason box speaks of the report's figures, no CLI flag."""
    page = reports.web_page().replace(b"<span>70</span>", b"<span>71</span>", 1)
    at = _drop(logged_in(app, staff), ("report.html", page))
    reason = at.text_input(key="admin_reason")
    assert reason.label.startswith("这份报告自身的数字对不上") and "--" not in reason.label
    assert "--reason" not in texts(at) and "--year" not in texts(at)
    reason.input("报告原文如此")
    at.button(key="admin_publish").click().run()
    assert Store(staff).journal()[-1]["reason"] == "报告原文如此"


def test_the_same_file_already_published_offers_nothing_to_publish(app, staff) -> None:
    """Dropping the very file a year was published from says so and shows no publish button."""
    at = _drop(logged_in(app, staff), ("report.html", reports.web_page()))
    at.button(key="admin_publish").click().run()
    again = _drop(logged_in(app, staff), ("report.html", reports.web_page()))
    assert "这份文件就是已发布的 2021 年度第 1 版" in texts(again)
    assert not [b for b in again.button if b.key == "admin_publish"]


def test_a_narrative_figure_differing_from_the_table_is_shown_beside_it(app, staff) -> None:
    """The text says 72 requests, table 三 says 70: a warning, and both figures side by side, neither corrected."""
    page = reports.web_page().replace("共收到70件申请".encode(), "共收到72件申请".encode())
    at = _drop(logged_in(app, staff), ("report.html", page))
    assert "正文所述的数字与统计表不一致" in texts(at)
    checks = next(d.value for d in at.dataframe if "对照" in d.value.columns)
    row = checks[checks["正文指标"] == "收到政府信息公开申请(叙述)"].iloc[0]
    assert (row["正文所述"], row["统计表"], row["对照"]) == ("72", "70", "不一致（两者均按原样保留）")


def test_a_damaged_zip_is_refused_naming_its_damaged_file_in_chinese(app, staff) -> None:
    """A zip of reports whose first file fails its checksum: the page says which file is damaged and what to do,
    never “内部错误”, and offers nothing to publish."""
    payload = damaged_zip({"a.html": reports.web_page() * 3, "b.html": reports.web_page()})
    at = logged_in(app, staff)
    at.file_uploader(key="admin_file").upload("报告.zip", payload, "application/zip")
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "压缩包中的“a.html”已损坏（解压后校验不符），无法读取：请重新压缩或重新下载后上传" in shown
    assert "内部错误" not in shown
    assert not [b for b in at.button if str(b.key or "").startswith("admin_publish_")]
