"""Issue 6's must-show for the 2021 format: section templates, filled from Pingtan 2021, import and export exactly."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.publish.templates import section_files, sections_zip
from tests.support.filled import (
    csv_rows,
    exported_cells,
    filled_cells,
    filled_workbook,
    import_and_export,
    section_csvs,
)
from tests.support.pages import shown as unescaped
from tests.support.pages import texts
from tests.support.years import FIXTURES, cells, fixture

NAMES_2021 = [
    "2021-1-二-第二十条第（一）项.csv",
    "2021-2-二-第二十条第（五）项.csv",
    "2021-3-二-第二十条第（六）项.csv",
    "2021-4-二-第二十条第（八）项.csv",
    "2021-5-三-收到和处理政府信息公开申请情况.csv",
    "2021-6-四-政府信息公开行政复议、行政诉讼情况.csv",
]
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_template_split_writes_one_csv_per_section(tmp_path: Path) -> None:
    """`gjj-dash template --format 2021 -o DIR/` writes six CSVs: official headers on top, official labels first."""
    cat = load_catalogue()
    assert main(["template", "--format", "2021", "-o", f"{tmp_path}/t/"]) == 0
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == NAMES_2021
    s3 = csv_rows((tmp_path / "t" / NAMES_2021[4]).read_bytes())
    assert s3[1][1:] == APPLICANTS
    assert [r[0] for r in s3[2:]] == [i.label for i in cat.rows("new2021", "s3")]
    assert s3[2][0] == "一、本年新收政府信息公开申请数量" and s3[-1][0] == "四、结转下年度继续办理"
    s21 = csv_rows((tmp_path / "t" / NAMES_2021[0]).read_bytes())
    assert s21[1:] == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "", "", ""],
                       ["行政规范性文件", "", "", ""]]  # fmt: skip
    assert main(["template", "--format", "2019", "--split", "-o", str(tmp_path / "s19")]) == 0
    names = sorted(p.name for p in (tmp_path / "s19").iterdir())
    assert len(names) == 7 and names[4] == "2019-5-二-第二十条第（九）项.csv"
    assert csv_rows((tmp_path / "s19" / names[4]).read_bytes())[1] == ["信息内容", "采购项目数量", "采购总金额"]
    target = tmp_path / "all.csv"
    assert main(["template", "--format", "2021", "-o", str(target)]) == 0  # -o a file: still every section in one
    assert csv_rows(target.read_bytes())[0] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def test_template_split_refuses_an_xlsx_target_and_writes_old_formats_whole(tmp_path: Path, capsys) -> None:
    """--split with -o x.xlsx is a one-line usage error; the old table into a directory is its one template CSV."""
    assert main(["template", "--format", "2021", "--split", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "按表分别输出时 -o 应为目录，不能是 .xlsx 文件" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
    assert main(["template", "--format", "old", "-o", f"{tmp_path}/old/"]) == 0
    [written] = (tmp_path / "old").iterdir()
    assert written.name == "gjj-dash-template-old.csv"
    assert csv_rows(written.read_bytes())[0] == ["统计指标", "单位", "统计数"]


def test_sections_zip_holds_the_same_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The staff page's zip holds each section CSV byte for byte, under the same names, and is the same file
    whenever it is made (no timestamp inside: a clock a year later gives the same bytes)."""
    first = sections_zip("2021")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == dict(section_files("2021"))
    later = time.time() + 366 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(later))
    assert sections_zip("2021") == first


@pytest.mark.parametrize("name", ["pingtan-2021", "shanghai-2019", "pingtan-2019"])
def test_each_filled_section_imports_on_its_own(name: str) -> None:
    """Every filled section CSV (2021: six, 2019: seven) is an accepted upload of exactly its own table's figures."""
    cat = load_catalogue()
    fmt, year, _ = FIXTURES[name]
    expected = cells(fixture(name))
    seen: dict = {}
    for (file_name, payload), table in zip(section_csvs(name, cat).items(), cat.tables_of(fmt), strict=True):
        upload = read_upload(payload, file_name, year)
        assert upload.ok, [p.line() for p in upload.errors]
        assert upload.format == fmt and {cat.indicators[i].table for i in upload.frame["indicator"]} == {table.id}
        seen |= cells(upload.frame)
    assert seen == expected and len(seen) == (200 if fmt == "new2021" else 198)


def test_filled_section_csvs_import_by_cli_and_export_exactly(tmp_path: Path) -> None:
    """Must show: the six filled section CSVs imported with `gjj-dash import`; the CSV export gives every cell back."""
    files = section_csvs("pingtan-2021", load_catalogue())
    for name, payload in files.items():
        (tmp_path / name).write_bytes(payload)
    exported = exported_cells(import_and_export(tmp_path, [tmp_path / n for n in files]))
    filled = filled_cells(files)
    assert len(filled) == 200 and exported == filled
    assert filled[("三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "总计")] == "70"
    assert filled[("第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）")] == "24252.311082"
    assert filled[("四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉", "结果维持")] == "12"


def test_filled_workbook_imports_by_cli_and_exports_exactly(tmp_path: Path) -> None:
    """Must show: the filled 2021 XLSX workbook (a sheet per section) imports; the CSV export holds its 200 cells."""
    book = tmp_path / "平潭2021.xlsx"
    book.write_bytes(filled_workbook("pingtan-2021", load_catalogue()))
    exported = exported_cells(import_and_export(tmp_path, [book]))
    assert exported == filled_cells(section_csvs("pingtan-2021", load_catalogue()))


def test_official_table_page_shows_the_imported_2021_year_with_applicant_columns(app, tmp_path: Path) -> None:
    """AppTest: the imported year renders table 三 with the applicant-type headers and Pingtan's figures."""
    files = section_csvs("pingtan-2021", load_catalogue())
    for name, payload in files.items():
        (tmp_path / name).write_bytes(payload)
    import_and_export(tmp_path, [tmp_path / n for n in files])
    at = app(tmp_path / "store", query={"year": "2021"}).run()
    at.switch_page("views/tables.py").run()
    assert not at.exception, at.exception
    assert unescaped(at.subheader[0].value) == "政府信息公开工作年度报告统计表(2021年格式)"
    s3 = next(d.value for d in at.dataframe if ("申请人情况", "自然人") in list(d.value.columns))
    assert [label for _, label in s3.columns][2:9] == APPLICANTS
    assert ("法人或其他组织", "社会公益组织") in list(s3.columns)
    rows = {r[0].strip("\u3000"): r[1:9] for r in s3.itertuples(index=False)}
    assert rows["一、本年新收政府信息公开申请数量"] == ("件", "64", "0", "0", "2", "0", "4", "70")
    assert rows["（七）总计"] == ("件", "63", "0", "0", "2", "0", "4", "69")
    assert rows["1.本机关不掌握相关政府信息"] == ("件", "22", "0", "0", "0", "0", "3", "25")
    shown = texts(at)
    assert "2,293" in shown and "665" in shown
