"""`gjj-dash draft`: the file is written and the command exits 0 whatever the preflight finds (the findings printed);
the format follows --format or the file's suffix; a year not held or a file that cannot be written exits 1 in
Chinese with nothing written; usage errors exit 2."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from gjj_dash.cli import main
from tests.support.years import YEARS

FORMATS = str(YEARS / "formats")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_year_with_findings_is_drafted_and_exits_0(capsys, tmp_path: Path) -> None:
    """2016 breaks an identity (204 > 191): the Word file is written, exit 0, and the findings are printed."""
    target = tmp_path / "r.docx"
    code, out, err = run(capsys, "draft", "--year", "2016", "-o", str(target))
    assert code == 0
    assert out.startswith("起草检查发现 3 项：错误 1 项，警告 0 项，提示 2 项。")
    assert "2016年 [错误]" in out and "204 > 94 + 91 + 6 = 191" in out and "处【待填写：…】" in out
    assert f"已写入 {target}" in err
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text == "博州住房公积金管理中心2016年度政府信息公开工作年度报告"


@pytest.mark.parametrize(("name", "args", "head"), [
    ("r.html", (), b"<!DOCTYPE html>"),
    ("r.htm", (), b"<!DOCTYPE html>"),
    ("r.docx", (), b"PK\x03\x04"),
    ("report", (), b"PK\x03\x04"),
    ("r.docx", ("--format", "html"), b"<!DOCTYPE html>"),
    ("r.html", ("--format", "docx"), b"PK\x03\x04"),
])  # fmt: skip
def test_format_follows_the_option_else_the_suffix(capsys, tmp_path: Path, name, args, head) -> None:
    """--format decides; without it .html/.htm give a web page and anything else a Word file."""
    target = tmp_path / name
    code, _, _ = run(capsys, "draft", "--year", "2021", "--data-dir", FORMATS, *args, "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(head)


def test_a_clean_year_says_so(capsys, tmp_path: Path) -> None:
    """Pingtan 2021 has no finding: the one line says the checks found nothing."""
    code, out, _ = run(capsys, "draft", "--year", "2021", "--data-dir", FORMATS, "-o", str(tmp_path / "r.html"))
    assert code == 0 and out.startswith("起草检查未发现问题")


def test_a_year_not_held_exits_1_in_chinese(capsys, tmp_path: Path) -> None:
    """A year the data does not hold: exit 1, a Chinese message naming the years held, no file."""
    target = tmp_path / "r.docx"
    code, out, err = run(capsys, "draft", "--year", "2020", "--data-dir", FORMATS, "-o", str(target))
    assert code == 1 and out == ""
    assert err.strip() == "gjj-dash：没有 2020 年度的数据，无法起草年度报告（已有年度：2016、2019、2021）"
    assert not target.exists()


@pytest.mark.parametrize(("where", "reason"), [
    ("missing/r.docx", "所在目录不存在"),
    (".", "这是一个目录，请给出文件名"),
])
def test_a_file_that_cannot_be_written_exits_1_in_chinese(capsys, tmp_path: Path, where, reason) -> None:
    """A missing folder or a folder given as the file: exit 1 and a Chinese reason; nothing printed as a draft."""
    target = tmp_path / where
    code, out, err = run(capsys, "draft", "--year", "2016", "-o", str(target))
    assert code == 1 and out == ""
    assert err.strip() == f"gjj-dash：无法写入 {target}：{reason}；文稿未保存"


@pytest.mark.parametrize(("args", "message"), [
    (("draft", "-o", "r.docx"), "缺少必需参数：--year"),
    (("draft", "--year", "2016"), "缺少必需参数：-o/--output"),
    (("draft", "--year", "16", "-o", "r.docx"), "年度“16”无效"),
    (("draft", "--year", "2016", "--format", "pdf", "-o", "r.pdf"), "参数 --format 的取值“pdf”无效"),
])  # fmt: skip
def test_usage_errors_exit_2_in_chinese(capsys, args, message) -> None:
    """A missing year or output, a bad year or format: exit 2 with one Chinese line."""
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err


def test_importing_the_cli_does_not_load_the_report_writer() -> None:
    """`import gjj_dash.cli` stays light: the writer (pandas, python-docx) loads only when drafting."""
    code = ("import sys, gjj_dash.cli; "
            "print(any(m.startswith(('docx', 'pandas', 'gjj_dash.publish')) for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
