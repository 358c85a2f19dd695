"""`gjj-dash validate` run as a process: exit 1 for a file that cannot be accepted, 0 for one that can (the quality
audit's findings listed, not counted), and every refusal said in Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gjj_dash.paths import BUNDLED_DATA
from tests.support import reports
from tests.support.uploads import csv_bytes, damaged_zip, rows_2017, set_value, table_2017


def _validate(tmp_path: Path, name: str, payload: bytes, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real command line on one file (as `python -m gjj_dash`, the console script's code)."""
    path = tmp_path / name
    path.write_bytes(payload)
    return subprocess.run([sys.executable, "-m", "gjj_dash", "validate", str(path), *extra], capture_output=True,
                          text=True, timeout=120, check=False, cwd=tmp_path)


SECTIONS = table_2017().encode() * 3
REFUSED = [
    ("garbage", "2017.csv", bytes(range(256)) * 8, "可能是二进制文件"),
    ("damaged section zip", "2017.zip", damaged_zip({"2017.csv": SECTIONS}), "压缩包中的“2017.csv”已损坏"),
    ("damaged zip of reports", "reports.zip", damaged_zip({"a.csv": SECTIONS, "b.pdf": b"%PDF-1.4" * 40}),
     "压缩包中的“a.csv”已损坏"),
    ("unknown layout", "2017.csv", "甲,乙\n1,2\n".encode(), "未找到表头"),
    ("not a number", "2017.csv", csv_bytes(set_value(rows_2017(), "(一)主动公开政府信息数", "二百")), "不是有效的数字"),
]


@pytest.mark.parametrize(("name", "payload", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_file_that_cannot_be_accepted_exits_1_saying_why_in_chinese(
    tmp_path: Path, name: str, payload: bytes, words: str
) -> None:
    """Unreadable, damaged, of no known layout or holding a word where a figure goes: exit 1, the reason on stdout
    in Chinese, never “内部错误” or a traceback."""
    run = _validate(tmp_path, name, payload, "--year", "2017")
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert words in run.stdout
    assert "未被接受" in run.stderr
    assert "内部错误" not in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_an_accepted_file_exits_0_with_its_quality_findings_listed(tmp_path: Path) -> None:
    """The bundled 2016 table (204 items against channels adding up to 191) is accepted: exit 0, the identity finding
    printed as a 提示 line, the summary naming the year."""
    export = subprocess.run([sys.executable, "-m", "gjj_dash", "export", "--year", "2016", "--data-dir",
                             str(BUNDLED_DATA)], capture_output=True, timeout=120, check=True).stdout
    run = _validate(tmp_path, "2016.csv", export)
    assert run.returncode == 0, (run.stdout, run.stderr)
    assert "文件有效：2016年度" in run.stderr
    assert any(line.startswith("提示：") and "204 > 94 + 91 + 6 = 191" in line for line in run.stdout.splitlines())


def test_a_missing_file_is_a_usage_error_exit_2(tmp_path: Path) -> None:
    """A path that names no file: exit 2 (how the command was used), said in Chinese."""
    run = subprocess.run([sys.executable, "-m", "gjj_dash", "validate", str(tmp_path / "无.csv")], capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 2 and "找不到文件" in run.stderr


def test_a_report_whose_text_differs_from_its_table_is_accepted_with_the_finding_listed(tmp_path: Path) -> None:
    """The published report says 72 requests where its table 三 says 70: exit 0, the narrative finding printed as a
    提示 line (listed, not counted)."""
    page = reports.web_page().replace("共收到70件申请".encode(), "共收到72件申请".encode())
    run = _validate(tmp_path, "平潭2021.html", page)
    assert run.returncode == 0, (run.stdout, run.stderr)
    notes = [line for line in run.stdout.splitlines() if line.startswith("提示：数据质量检查：")]
    assert any("72" in line and "70" in line for line in notes), run.stdout
    assert all(line.endswith("（只列出，不影响文件能否接受）") for line in notes)
