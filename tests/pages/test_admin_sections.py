"""AppTest of 数据管理 for section uploads: the preview confirms the format and names the tables still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.store import accounts as auth
from tests.support.filled import section_csvs
from tests.support.pages import NAME, PASSWORD, log_in, open_admin, shown, upload


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with one local account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def test_preview_of_one_section_confirms_the_format_and_names_the_missing_tables(app, staff: Path) -> None:
    """§三 of Pingtan 2021 for 2021: “识别为…(2021年版)”, a warning naming §二's tables and §四, and publishable."""
    name, payload = next((n, b) for n, b in section_csvs("pingtan-2021", load_catalogue()).items() if "-三-" in n)
    at = upload(log_in(open_admin(app, staff)), payload, name, year=2021)
    assert shown(at.info[0].value) == "识别为政府信息公开工作年度报告格式(2021年版)（国办公开办函〔2021〕30号）"
    [warning] = [w.value for w in at.warning if "仍缺少" in w.value]
    assert warning.startswith("发布后 2021 年度仍缺少：第二十条第（一）项、第二十条第（五）项、第二十条第（六）项、")
    assert "四、政府信息公开行政复议、行政诉讼情况" in warning and "三、收到" not in warning
    assert not at.error and at.button(key="admin_publish").label == "确认发布 2021 年度数据"


def test_template_tab_offers_each_new_format_as_section_csvs(app, staff: Path) -> None:
    """The 2019 and 2021 templates are offered as one CSV, the workbook, and a zip of one CSV per section."""
    at = log_in(open_admin(app, staff))
    buttons = {b.key: b.proto.label for b in at.get("download_button")}
    assert buttons["admin_template_2021_sections"] == "各表分别一个 CSV（zip）：gjj-dash-template-2021-sections.zip"
    assert {"admin_template_2019_sections", "admin_template_2021_csv", "admin_template_2021_xlsx"} <= set(buttons)


def test_the_section_templates_filled_and_zipped_publish_the_whole_year(app, staff: Path) -> None:
    """The six filled 2021 section CSVs in one zip: recognised, nothing missing, published as one version whose
    original is the zip itself."""
    import io
    import zipfile

    from gjj_dash.store.dataset import load_dataset
    from gjj_dash.store.versions import Store

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in section_csvs("pingtan-2021", load_catalogue()).items():
            archive.writestr(name, payload)
    at = upload(log_in(open_admin(app, staff)), buffer.getvalue(), "平潭2021各节.zip", year=2021)
    assert shown(at.info[0].value) == "识别为政府信息公开工作年度报告格式(2021年版)（国办公开办函〔2021〕30号）"
    assert not [w.value for w in at.warning if "仍缺少" in w.value] and not at.error
    at.button(key="admin_publish").click().run()
    assert not at.exception, at.exception
    [version] = Store(staff).versions(2021)
    assert Store(staff).original(version.sha256) == buffer.getvalue()
    assert load_dataset(staff).cell(2021, "n21.s3.new_received", "total").value == 70
