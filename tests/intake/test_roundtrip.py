"""Export → import round trips of every format (old 2016, 2019, 2021), and the format told from the labels."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store.dataset import load_dataset
from tests.support.years import add_report, cells, fixture

CASES = [("bundled-2016", 2016), ("shanghai-2019", 2019), ("pingtan-2019", 2020), ("pingtan-2021", 2021)]


def _data_dir(tmp_path: Path, name: str, year: int) -> Path:
    """The bundled data, or a transcribed report as the year."""
    return BUNDLED_DATA if name == "bundled-2016" else add_report(tmp_path / "data", name, year)


def _exported(tmp_path: Path, data: Path, year: int, kind: str) -> bytes:
    target = tmp_path / f"export.{kind}"
    assert main(["export", "--year", str(year), "--format", kind, "-o", str(target), "--data-dir", str(data)]) == 0
    return target.read_bytes()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "year"), CASES)
def test_cli_export_reads_back_to_the_same_values(tmp_path: Path, name: str, year: int, kind: str) -> None:
    """`gjj-dash export --format csv|xlsx` of every format, read by read_upload, gives exactly the year's cells."""
    data = _data_dir(tmp_path, name, year)
    expected = load_dataset(data).values
    expected = expected[expected["year"] == year]
    upload = read_upload(_exported(tmp_path, data, year, kind), f"export.{kind}", year)
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.format == load_dataset(data).format_of(year)
    assert cells(upload.frame) == cells(expected)
    assert len(cells(expected)) == {"bundled-2016": 58, "pingtan-2021": 200}.get(name, 198)


def test_2021_xlsx_export_keeps_2021_columns_of_table_two(tmp_path: Path) -> None:
    """The 2021 XLSX (one printed sheet, 单位 column, three header rows over 三) reads 2021's columns, not 2019's."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    upload = read_upload(_exported(tmp_path, data, 2021, "xlsx"), "export.xlsx", 2021)
    assert upload.ok and upload.format == "new2021"
    got = upload.frame.set_index(["indicator", "column"])["value"]
    assert (got[("n21.s2_1.normative", "issued")], got[("n21.s2_1.normative", "repealed")]) == (69, 3)
    assert got[("n21.s2_1.normative", "in_force")] == 665 and got[("n21.s2_5.licensing", "decisions")] == 2293
    assert got[("n21.s2_8.fees", "amount")] == pytest.approx(24252.311082)
    assert got[("n21.s3.new_received", "natural")] == 64 and got[("n21.s3.new_received", "total")] == 70
    assert got[("n21.s3.other_other", "natural")] == 1 and got[("n21.s4.lawsuit_direct", "upheld")] == 12
    notes = [p.message for p in upload.problems if p.severity == "note"]
    assert "按政府信息公开工作年度报告格式(2021年版)读取（由表中的行、列名称判断）" in notes
    assert "文件包含本格式的全部 6 张表" in notes


def test_qualifier_and_blank_survive_the_round_trip(tmp_path: Path) -> None:
    """A 2021 cell printed “约70” and a blank fee cell come back as 70 with 约 and as blank (not 0), CSV and XLSX."""
    frame = fixture("pingtan-2021")
    total = (frame["indicator"] == "n21.s3.new_received") & (frame["column"] == "total")
    frame.loc[total, ["raw", "qualifier"]] = ["约70", "约"]
    fees = frame["indicator"] == "n21.s2_8.fees"
    frame.loc[fees, ["raw", "value", "blank"]] = ["", float("nan"), True]
    data = add_report(tmp_path / "data", "pingtan-2021", frame=frame)
    for kind in ("csv", "xlsx"):
        upload = read_upload(_exported(tmp_path, data, 2021, kind), f"e.{kind}", 2021)
        assert upload.ok, [p.line() for p in upload.errors]
        got = cells(upload.frame)
        assert got[("n21.s3.new_received", "total")] == (70.0, False, "约", "")
        assert got[("n21.s2_8.fees", "amount")] == (None, True, "", "")
        assert got == cells(load_dataset(data).values)


def test_2021_labels_with_a_2020_year_are_read_as_2021_and_warned(tmp_path: Path) -> None:
    """The labels decide the format even against the year, and the disagreement is a warning naming both."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    upload = read_upload(_exported(tmp_path, data, 2021, "csv"), "export.csv", 2020)
    assert upload.ok and upload.format == "new2021" and upload.year == 2020
    [warning] = [p.message for p in upload.problems if "请确认年度和模板" in p.message]
    assert "2020 年度的报告应使用政府信息公开工作年度报告格式(2019年试行版)" in warning


def test_a_section_both_versions_share_is_read_by_the_year_and_says_so() -> None:
    """Table 四 alone (no words of one version) is read in the year's format, and the note says the year decided."""
    text = "项目,结果维持,结果纠正,其他结果,尚未审结,总计\n行政复议,1,0,2,0,3\n行政诉讼,,,,,\n"
    text += "未经复议直接起诉,12,0,0,0,12\n复议后起诉,0,0,0,0,0\n"
    upload = read_upload(text.encode(), "s4.csv", 2022)
    assert upload.ok and upload.format == "new2021"
    assert "按政府信息公开工作年度报告格式(2021年版)读取：表中的行、列名称两种格式都有，按年度 2022 判断" in [
        p.message for p in upload.problems
    ]
    got = upload.frame.set_index(["indicator", "column"])["value"]
    assert got[("n21.s4.review", "total")] == 3 and got[("n21.s4.lawsuit_direct", "total")] == 12


def test_export_with_a_changed_unit_is_an_error_at_its_cell(tmp_path: Path) -> None:
    """The export's 单位 column is checked: 个 where the row's unit is 件 is an error at that row and 单位."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    book = openpyxl.load_workbook(io.BytesIO(_exported(tmp_path, data, 2021, "xlsx")))
    sheet = book.active
    row = next(r for r in sheet.iter_rows() if r[0].value == "行政许可")
    row[1].value = "个"
    out = io.BytesIO()
    book.save(out)
    upload = read_upload(out.getvalue(), "e.xlsx", 2021)
    message = f"第{row[0].row}行“2021年度·单位”列：“行政许可”的单位应为“件”，文件中为“个”"
    assert [p.line() for p in upload.errors] == [message]

