"""The gjj-dash CLI: official CSV export of 2016, years, usage errors in Chinese with exit code 2."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from gjj_dash.cli import main
from tests.support.seed import annex_rows
from tests.support.years import data_dir, gap_years


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_2016_csv_matches_the_annex_row_for_row(tmp_path: Path) -> None:
    """All 65 labels in order, units and values as printed; UTF-8 with BOM; blanks stay empty."""
    target = tmp_path / "t.csv"
    assert main(["export", "--year", "2016", "--format", "csv", "-o", str(target)]) == 0
    payload = target.read_bytes()
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert rows[0] == ["统计指标", "单位", "统计数"]
    assert [tuple(r) for r in rows[1:]] == annex_rows()
    values = [r[2] for r in rows[1:] if r[2]]
    assert values == ["204", "94", "91", "6", "4", "4", "3", "2", "2", "2", "4"]


def test_export_writes_to_stdout_through_the_console_script() -> None:
    """`python -m gjj_dash export` prints the same bytes to stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "gjj_dash", "export", "--year", "2016", "--format", "csv"],
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode("utf-8-sig").splitlines()[2] == "(一)主动公开政府信息数,条,204"


def test_years_lists_each_year_with_its_format(capsys: pytest.CaptureFixture[str]) -> None:
    """`gjj-dash years` names the year and the old national table."""
    code, out, _ = run(capsys, "years")
    assert code == 0
    assert out.startswith("2016\told\t政府信息公开情况统计表")


def test_years_lists_the_years_not_loaded_in_between(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2016, 2019 and 2024 held: each year with its format and body, then the years missing between them; a line
    saying none is missing when there is no gap."""
    code, out, _ = run(capsys, "years", "--data-dir", str(gap_years(tmp_path)))
    assert code == 0
    lines = out.splitlines()
    assert [line.split("\t")[:2] for line in lines[:3]] == [["2016", "old"], ["2019", "new2019"], ["2024", "new2021"]]
    assert lines[3:] == ["缺少年度（在最早与最新年度之间没有数据）：2017、2018、2020、2021、2022、2023"]
    code, out, _ = run(capsys, "years", "--data-dir", str(data_dir(tmp_path / "trend", "trend")))
    assert code == 0 and out.splitlines()[-1] == "最早与最新年度之间没有缺少的年度"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--year", "2015"], "数据中没有 2015 年度"),
        (["export", "--year", "20x6"], "年度“20x6”无效"),
        (["export", "--year", "2016", "--format", "pdf"], "取值“pdf”无效"),
        (["export", "--bogus"], "无法识别的参数"),
        (["frobnicate"], "取值“frobnicate”无效"),
    ],
)
def test_usage_errors_are_one_chinese_line_with_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """No traceback, one line, exit code 2."""
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_data_dir_option_and_variable(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """--data-dir after the subcommand wins over $GJJ_DASH_DATA_DIR; an empty store starts from the bundled data."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("GJJ_DASH_DATA_DIR", str(tmp_path / "nowhere"))
    code, out, _ = run(capsys, "years", "--data-dir", str(empty))
    assert code == 0 and out.startswith("2016")
