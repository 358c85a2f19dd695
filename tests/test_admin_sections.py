"""AppTest of 数据管理 for section uploads: the preview confirms the format and names the tables still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash import auth
from gjj_dash.catalogue import load_catalogue
from tests.filled import section_csvs
from tests.test_admin_page import NAME, PASSWORD, log_in, open_page, upload


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with one local account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def test_preview_of_one_section_confirms_the_format_and_names_the_missing_tables(app, staff: Path) -> None:
    """§三 of Pingtan 2021 for 2021: “识别为…(2021年版)”, a warning naming §二's tables and §四, and publishable."""
    name, payload = next((n, b) for n, b in section_csvs("pingtan-2021", load_catalogue()).items() if "-三-" in n)
    at = upload(log_in(open_page(app, staff)), payload, name, year=2021)
    assert [i.value for i in at.info][0] == "识别为政府信息公开工作年度报告格式(2021年版)（国办公开办函〔2021〕30号）"
    [warning] = [w.value for w in at.warning if "仍缺少" in w.value]
    assert warning.startswith("发布后 2021 年度仍缺少：第二十条第（一）项、第二十条第（五）项、第二十条第（六）项、")
    assert "四、政府信息公开行政复议、行政诉讼情况" in warning and "三、收到" not in warning
    assert not at.error and at.button(key="admin_publish").label == "确认发布 2021 年度数据"


def test_template_tab_offers_each_new_format_as_section_csvs(app, staff: Path) -> None:
    """The 2019 and 2021 templates are offered as one CSV, the workbook, and a zip of one CSV per section."""
    at = log_in(open_page(app, staff))
    buttons = {b.key: b.proto.label for b in at.get("download_button")}
    assert buttons["admin_template_2021_sections"] == "各表分别一个 CSV（zip）：gjj-dash-template-2021-sections.zip"
    assert {"admin_template_2019_sections", "admin_template_2021_csv", "admin_template_2021_xlsx"} <= set(buttons)
