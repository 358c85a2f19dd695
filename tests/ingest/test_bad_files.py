"""A corpus of bad files built here: each refused with its Chinese message at row and column, by the reader and the CLI.

CORPUS is importable (`from tests.ingest.test_bad_files import CORPUS`) so the store's tests can feed the same files to
`gjj-dash import` and check that nothing is published.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.decode import clean_name
from gjj_dash.ingest.readers import read_upload
from gjj_dash.publish.templates import template_bytes
from tests.support.uploads import csv_bytes, rows_2017, table_2017

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Bad:
    """One bad file: how to build it, its name, and the problem it must be refused with (row/column where known)."""

    id: str
    name: str
    build: Callable[[], bytes]
    words: str
    row: int | None = None
    column: str | None = None
    year: int | None = 2017


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@cache
def _xlsx() -> bytes:
    return template_bytes("old", "xlsx")


def _with_formula() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(_xlsx()))
    book["统计表"]["C3"] = "=SUM(100,104)"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_macro() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_xlsx())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return _zip({**members, "xl/vbaProject.bin": b"\x00" * 64})


@cache
def _bomb(megabytes: int) -> bytes:
    return _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\x00" * (megabytes << 20)})


def _gbk_with_stray_byte() -> bytes:
    lines = table_2017().encode("gbk").split(b"\r\n")
    lines[4] += b"\xff"
    return b"\r\n".join(lines)


def _extra_field(row: int) -> bytes:
    lines = table_2017().split("\r\n")
    lines[row - 1] += ",x"
    return "\r\n".join(lines).encode()


def _rows(change: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[], bytes]:
    return lambda: csv_bytes(change(rows_2017()))


def _set(row: int, column: int, text: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        rows[row - 1][column] = text
        return rows

    return change


CORPUS: list[Bad] = [
    Bad("empty", "a.csv", lambda: b"", "文件为空"),
    Bad("bom only", "a.csv", lambda: b"\xef\xbb\xbf\r\n \r\n", "文件为空"),
    Bad("binary garbage", "a.csv", lambda: bytes(range(1, 256)) * 4, "无法识别文件编码", 2),
    Bad("png renamed csv", "a.csv", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "控制字符 U+0000", 3),
    Bad("control character", "a.csv", lambda: "统计指标,单位,统计数\n\x07,条,1\n".encode(), "控制字符 U+0007", 2),
    Bad("utf-16 without bom", "a.csv", lambda: table_2017().encode("utf-16-le"), "没有字节顺序标记"),
    Bad("broken utf-16", "a.txt", lambda: "统计指标\t单位\n".encode("utf-16") + b"\x41", "不是有效的 UTF-16", 2),
    Bad("gbk stray byte", "a.csv", _gbk_with_stray_byte, "无法识别文件编码", 5),
    Bad("xls", "a.xls", lambda: OLE + b"\x00" * 512, "不支持旧版 Excel 97-2003"),
    Bad("xls renamed csv", "a.csv", lambda: OLE + b"\x00" * 512, "不支持旧版 Excel 97-2003"),
    Bad("encrypted", "a.xlsx", lambda: OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, "文件已加密"),
    Bad("xlsm name", "a.xlsm", _xlsx, "含宏的工作簿"),
    Bad("macro inside", "a.xlsx", _with_macro, "含宏的工作簿"),
    Bad("xlsx renamed csv", "a.csv", _xlsx, "内容是 Excel 工作簿"),
    Bad("csv renamed xlsx", "a.xlsx", lambda: table_2017().encode(), "内容不是 Excel 工作簿"),
    Bad("zip not workbook", "a.xlsx", lambda: _zip({"word/document.xml": b"<w/>"}), "缺少 xl/workbook.xml"),
    Bad("corrupt workbook", "a.xlsx", lambda: _zip({"xl/workbook.xml": b"<not xml"}), "无法读取 Excel 工作簿"),
    Bad("truncated zip", "a.xlsx", lambda: _xlsx()[:300], "无法读取 Excel 工作簿"),
    Bad("zip bomb", "a.xlsx", lambda: _bomb(60), "超过上限 50 MB（可能是“压缩炸弹”）"),
    Bad("zip ratio", "a.xlsx", lambda: _bomb(5), "压缩比"),
    Bad("formula cell", "a.xlsx", _with_formula, "单元格是公式", 3, "C"),
    Bad("pdf", "a.pdf", lambda: b"%PDF-1.7\n" + b"x" * 64, "PDF 文件"),
    Bad("exe", "a.exe", lambda: b"MZ" + b"\x00" * 64, "不支持的文件类型“.exe”"),
    Bad("oversized file", "a.csv", lambda: b"a,b,c\n" * (10 * 1024 * 1024 // 6 + 1), "超过上传上限 10.0 MB"),
    Bad("oversized cell", "a.csv", _rows(_set(4, 0, "长" * 5000)), "单元格有 5000 个字符", 4, "A"),
    Bad("too many rows", "a.csv", lambda: table_2017().encode() + b",,\r\n" * 2100, "文件行数超过上限 2000 行", 2001),
    Bad("too many columns", "a.csv", lambda: table_2017().encode() + b"," * 70 + b"\r\n", "超过上限 60 列", 67),
    Bad("field count", "a.csv", lambda: _extra_field(5), "本行有 4 个字段，表头有 3 个", 5),
    Bad(
        "duplicate header", "a.csv", lambda: table_2017().replace("统计数", "统计数,统计数", 1).encode(), "重复", 1, "D"
    ),
    Bad("unterminated quote", "a.csv", lambda: table_2017().encode() + b'"x,1\r\n', "CSV 格式错误", 67),
    Bad("no header", "a.csv", lambda: b"a,b,c\n1,2,3\n", "未找到表头"),
    Bad(
        "run-together text",
        "a.txt",
        lambda: "一、本年新收政府信息公开申请数量640020470\n二、上年结转政府信息公开申请数量0000000\n".encode(),
        "连在一起",
    ),
    Bad(
        "html label",
        "a.csv",
        _rows(_set(3, 0, "<img src=x onerror=alert(1)>")),
        "“<img src=x onerror=alert(1)>”",
        3,
        "统计指标",
    ),
    Bad(
        "markdown label",
        "a.csv",
        _rows(_set(3, 0, "**粗体**[链接](http://x)")),
        "“**粗体**[链接](http://x)”",
        3,
        "统计指标",
    ),
    Bad("not a number", "a.csv", _rows(_set(3, 2, "二百零四")), "不是有效的数字", 3, "统计数"),
    Bad("infinity", "a.csv", _rows(_set(3, 2, "inf")), "不是有效的数字", 3, "统计数"),
    Bad(
        "year mismatch",
        "a.csv",
        lambda: b"(2016\xe5\xb9\xb4\xe5\xba\xa6),,\r\n" + table_2017().encode(),
        "不一致",
        1,
        "A",
    ),
]


@pytest.mark.parametrize("bad", CORPUS, ids=[b.id for b in CORPUS])
def test_bad_file_is_refused_with_row_and_column(bad: Bad) -> None:
    """The reader returns (never raises) a Chinese error naming the file row and column where there is one."""
    upload = read_upload(bad.build(), bad.name, bad.year)
    assert not upload.ok
    hits = [p for p in upload.errors if bad.words in p.message]
    assert hits, [p.line() for p in upload.problems]
    assert (hits[0].row, hits[0].column) == (bad.row, bad.column)
    assert "Traceback" not in hits[0].message and "内部错误" not in hits[0].message


@pytest.mark.parametrize("bad", CORPUS, ids=[b.id for b in CORPUS])
def test_cli_validate_lists_each_problem_on_its_own_line(
    bad: Bad, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gjj-dash validate` exits 1 and prints exactly one line per problem, the expected one among them."""
    path = tmp_path / ("case" + Path(bad.name).suffix)
    path.write_bytes(bad.build())
    code = main(["validate", str(path), *(["--year", str(bad.year)] if bad.year else [])])
    out = capsys.readouterr()
    expected = read_upload(bad.build(), path.name, bad.year)
    assert code == 1
    assert out.out.splitlines() == [("" if p.severity == "error" else "提示：") + p.line() for p in expected.problems]
    assert any(bad.words in line for line in out.out.splitlines())
    assert "Traceback" not in out.err and "未被接受" in out.err


def test_cli_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """0 for a valid file (summary names year and encoding), 2 for a missing file or missing argument."""
    good = tmp_path / "2017.csv"
    good.write_bytes(table_2017().encode("gbk"))
    assert main(["validate", str(good), "--year", "2017"]) == 0
    out = capsys.readouterr()
    assert "文件有效：2017年度" in out.err and "GB18030/GBK" in out.err
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["validate"]) == 2
    assert "缺少必需参数" in capsys.readouterr().err
    assert main(["validate", str(good), "--year", "17"]) == 2


def test_client_file_name_is_never_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """“../../etc/cron.d/x.csv” is kept as the label “x.csv”; reading writes no file anywhere."""
    monkeypatch.chdir(tmp_path)
    for name, cleaned in [
        ("../../etc/cron.d/x.csv", "x.csv"),
        ("..\\..\\Windows\\x.csv", "x.csv"),
        ("/etc/passwd", "passwd"),
        ("a\nb\x00.csv", "ab.csv"),
        ("..", "上传文件"),
    ]:
        assert clean_name(name) == cleaned
    upload = read_upload(table_2017().encode(), "../../etc/cron.d/x.csv", 2017)
    assert upload.ok and upload.report["file_name"] == "x.csv"
    assert set(upload.frame["source"]) == {"政府信息公开情况统计表（上传文件“x.csv”）"}
    assert list(tmp_path.iterdir()) == []


def test_html_and_markdown_are_kept_as_text() -> None:
    """Footer names and measure text holding HTML or Markdown are stored exactly as typed, never interpreted."""
    text = table_2017() + "填报人:<b onclick=x>张薇</b>,,\r\n"
    upload = read_upload(text.encode(), "t.csv", 2017)
    assert upload.ok and upload.report["footer"]["填报人"] == "<b onclick=x>张薇</b>"
    payload = "年度,填报单位,指标编号,数值\n2017,centre,it.system_v4,<script>x</script> *升级*\n".encode()
    upload = read_upload(payload, "m.csv")
    assert upload.frame.iloc[0]["text"] == "<script>x</script> *升级*"


def test_upload_cap_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """$GJJ_DASH_MAX_UPLOAD_MB lowers the cap: a 3 KB table is refused at 0.001 MB."""
    monkeypatch.setenv("GJJ_DASH_MAX_UPLOAD_MB", "0.001")
    [error] = read_upload(table_2017().encode(), "t.csv", 2017).errors
    assert "超过上传上限" in error.message
