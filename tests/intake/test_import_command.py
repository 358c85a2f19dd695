"""`gjj-dash import` takes several reports at once, each published for the year it states; the same file again
changes nothing; a zip of reports is several imports; the narrative left unconfirmed is listed, never a reason to
refuse; `gjj-dash years` lists the years still missing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from gjj_dash.cli import main
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.versions import Store
from tests.support import reports


def _as_2019(page: bytes) -> bytes:
    """The same tables under a 2019 title and period (the title's year is split over two spans)."""
    return page.replace(b"2021", b"2019").replace(b"<span>21", b"<span>19")


def _files(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "a.html", tmp_path / "c.html"]
    paths[0].write_bytes(reports.web_page())
    paths[1].write_bytes(_as_2019(reports.web_page()))
    return paths


def test_several_reports_are_each_published_for_their_own_year(tmp_path: Path, capsys) -> None:
    """a.html (2021) and c.html (2019) in one command: two years published, each file named in the output."""
    data = tmp_path / "data"
    a, c = _files(tmp_path)
    assert main(["import", str(a), str(c), "--data-dir", str(data), "--reason", "按报告原样"]) == 0
    out = capsys.readouterr().out
    assert "== a.html" in out and "== c.html" in out
    assert "已发布 2021 年度第 1 版" in out and "已发布 2019 年度第 1 版" in out
    dataset = load_dataset(data)
    assert dataset.cell(2021, "n21.s3.new_received", "total").value == 70
    assert dataset.reports[2021]["reporting_unit"] == "平潭综合实验区"


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path, capsys) -> None:
    """The second import of the same bytes says so, publishes no version and leaves the year's data as it was."""
    data = tmp_path / "data"
    a = _files(tmp_path)[0]
    assert main(["import", str(a), "--data-dir", str(data)]) == 0
    before = (data / "versions" / "2021" / "1" / "values.csv").read_bytes()
    capsys.readouterr()
    assert main(["import", str(a), "--data-dir", str(data)]) == 0
    assert "内容没有变化：未发布新版本" in capsys.readouterr().out
    assert [v.number for v in Store(data).versions(2021)] == [1]
    assert (data / "versions" / "2021" / "1" / "values.csv").read_bytes() == before


def test_a_zip_of_reports_is_read_member_by_member(tmp_path: Path, capsys) -> None:
    """A zip holding two reports: each member read and published for its own year, named by zip and member."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("2021.html", reports.web_page())
        zipped.writestr("2019.html", _as_2019(reports.web_page()))
    path = tmp_path / "reports.zip"
    path.write_bytes(archive.getvalue())
    data = tmp_path / "data"
    assert main(["import", str(path), "--data-dir", str(data), "--reason", "按报告原样"]) == 0
    out = capsys.readouterr().out
    assert "== reports.zip·2021.html" in out and "== reports.zip·2019.html" in out
    assert {2019, 2021} <= set(load_dataset(data).years)


def test_a_report_without_a_year_is_refused_with_the_command_line_hint(tmp_path: Path, capsys) -> None:
    """The pasted workbook states no year: exit 1, the Chinese reason, and --year named on the command line only."""
    path = tmp_path / "table.xlsx"
    path.write_bytes(reports.pasted_workbook())
    assert main(["import", str(path), "--data-dir", str(tmp_path / "data")]) == 1
    out, err = capsys.readouterr()
    assert "无法确定年度：请指定这份文件的年度" in out and "--year" in err
    assert main(["import", str(path), "--year", "2021", "--data-dir", str(tmp_path / "data")]) == 0


def test_unconfirmed_narrative_is_listed_and_the_tables_are_published(tmp_path: Path, capsys) -> None:
    """Two figures for 主动公开: the command line lists it as not published and publishes the tables all the same."""
    page = reports.web_page().replace("全年主动公开我区各级单位政府信息2645条".encode(),
                                      "全年主动公开政府信息2645条，区直部门主动公开政府信息1200条".encode())
    path = tmp_path / "report.html"
    path.write_bytes(page)
    assert main(["import", str(path), "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "正文对“发布信息总数(叙述)”有不同的说法" in out and "命令行导入时不发布此项" in out
    assert load_dataset(tmp_path / "data").cell(2021, "narrative.disclosed") is None


def test_years_lists_the_missing_years(tmp_path: Path, capsys) -> None:
    """Bundled 2016 and an imported 2021: 2017–2020 are listed as still missing."""
    data = tmp_path / "data"
    assert main(["import", str(_files(tmp_path)[0]), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert main(["years", "--data-dir", str(data)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "缺少年度（在最早与最新年度之间没有数据）：2017、2018、2019、2020"


def test_validate_takes_several_files_and_names_each(tmp_path: Path, capsys) -> None:
    """`gjj-dash validate a.html table.xlsx`: exit 1 (the workbook states no year), each problem under its file."""
    a = _files(tmp_path)[0]
    sheet = tmp_path / "table.xlsx"
    sheet.write_bytes(reports.pasted_workbook())
    assert main(["validate", str(a), str(sheet)]) == 1
    out, err = capsys.readouterr()
    assert "a.html：文件有效：2021年度" in err
    assert any(line.startswith("table.xlsx：无法确定年度") for line in out.splitlines())
