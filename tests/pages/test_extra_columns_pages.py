"""AppTest of a report that adds columns to its tables: the staff preview names them (as it names extra rows) and
shows each figure under its printed head; the 官方统计表 page prints them in printed order with their heads."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjj_dash.store import accounts as auth
from tests.support import reports
from tests.support.added import ADDED, S3_HEAD, added_year
from tests.support.pages import NAME, PASSWORD, log_in, open_admin, open_page, texts


@pytest.fixture
def staff(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled years and one staff account."""
    monkeypatch.delenv(auth.ENV_ACCOUNTS, raising=False)
    auth.add_user(data_copy / "accounts.json", NAME, PASSWORD)
    return data_copy


def test_the_preview_names_the_added_columns_and_each_figures_head(app, staff: Path) -> None:
    """The preview says which columns the report adds (kept as printed, outside the identities and the national
    series), warns at the first cell of each, and lists each figure — and each change it makes — under its printed
    head."""
    at = log_in(open_admin(app, staff))
    at.file_uploader(key="admin_file").upload("report.html", reports.web_page(added=ADDED), "text/html")
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert (f"报告自加的列（按所印保留，不参与勾稽关系，不计入全国统一口径）：第二十条第（一）项·“备注数量”、"
            f"三、收到和处理政府信息公开申请情况·“{S3_HEAD}”") in shown
    assert f"有官方格式没有的列“{S3_HEAD}”" in shown
    sources = next(d.value for d in at.dataframe if "出处（表、行、列、页）" in d.value.columns)
    row = sources[(sources["统计指标"] == "一、本年新收政府信息公开申请数量") & (sources["栏目"] == S3_HEAD)]
    assert row.iloc[0]["所印数字"] == "52" and f"“表2·{S3_HEAD}”列" in row.iloc[0]["出处（表、行、列、页）"]
    diff = next(d.value for d in at.dataframe if "新值" in d.value.columns)
    added = diff[(diff["指标"] == "一、本年新收政府信息公开申请数量") & (diff["栏目"] == S3_HEAD)]
    assert list(added["新值"]) == ["52"]


def test_the_tables_page_prints_the_added_column_after_the_one_it_follows(app, tmp_path: Path) -> None:
    """?year=2021: table 三's last column is the report's own, headed as printed, its figures under it."""
    at = open_page(app, "views/tables.py", added_year(tmp_path / "data"), year="2021")
    s3 = at.dataframe[4].value  # s2_1, s2_5, s2_6, s2_8, s3, s4
    assert list(s3.columns)[-2:] == [("申请人情况", "总计"), ("", S3_HEAD)]
    assert s3.iloc[0].tolist() == ["一、本年新收政府信息公开申请数量", "件", "64", "0", "0", "2", "0", "4", "70", "52"]
    assert list(at.dataframe[0].value.columns)[-1] == "备注数量"
