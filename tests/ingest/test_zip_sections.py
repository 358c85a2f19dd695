"""A zip of filled section CSVs (the staff page's section templates, filled in) is one upload of the whole year."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.ingest.decode import Limits
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.store.versions import Store
from tests.support.filled import exported_cells, filled_cells, import_and_export, section_csvs
from tests.support.years import FIXTURES, cells, fixture


def _zip(members: dict[str, bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            archive.writestr(folder + name, payload)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["pingtan-2021", "shanghai-2019", "pingtan-2019"])
def test_a_zip_of_the_filled_sections_reads_as_the_whole_table(name: str) -> None:
    """Every section of the format in one zip (in a folder, with the files an archiver adds): every cell read."""
    cat = load_catalogue()
    fmt, year, _ = FIXTURES[name]
    members = section_csvs(name, cat) | {".DS_Store": b"\x00\x01"}
    with_fork = io.BytesIO(_zip(members, folder="各节/"))
    with zipfile.ZipFile(with_fork, "a") as archive:
        archive.writestr("__MACOSX/各节/._x.csv", b"\x00\x05\x16\x07")
    upload = read_upload(with_fork.getvalue(), f"{year}年各节.zip", year)
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.format == fmt and upload.encoding == "zip"
    assert cells(upload.frame) == cells(fixture(name))


def test_a_zip_imports_by_cli_exports_exactly_and_is_kept_byte_for_byte(tmp_path: Path) -> None:
    """`gjj-dash import 各节.zip`: the year's 200 cells come back in the export; the zip is the stored original."""
    files = section_csvs("pingtan-2021", load_catalogue())
    path = tmp_path / "平潭2021各节.zip"
    path.write_bytes(_zip(files))
    exported = exported_cells(import_and_export(tmp_path, [path]))
    assert exported == filled_cells(files) and len(exported) == 200
    [version] = Store(tmp_path / "store").versions(2021)
    assert Store(tmp_path / "store").original(version.sha256) == path.read_bytes()


def test_a_zip_of_some_sections_updates_only_those(tmp_path: Path) -> None:
    """Two sections zipped after the whole year: the year keeps the other four tables (merged by table)."""
    files = section_csvs("pingtan-2021", load_catalogue())
    whole, part = tmp_path / "all.zip", tmp_path / "part.zip"
    whole.write_bytes(_zip(files))
    part.write_bytes(_zip({n: b for n, b in files.items() if "-三-" in n or "-四-" in n}))
    exported = exported_cells(import_and_export(tmp_path, [whole, part]))
    assert exported == filled_cells(files)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"a.csv": b"x", "run.exe": b"MZ"}, "压缩包中的“run.exe”不是 CSV 或 TXT 文件"),
        ({"说明/": b""}, "压缩包中没有 CSV 或 TXT 文件"),
        ({"a.csv": "统计指标,单位,统计数\n".encode("utf-16-le")}, "“a.csv”："),
    ],
)
def test_a_bad_zip_is_refused_with_a_chinese_message_naming_the_file(members: dict, message: str) -> None:
    upload = read_upload(_zip(members), "各节.zip", 2021)
    assert not upload.ok
    assert message in upload.errors[0].line()


def test_zip_limits_and_damage_are_refused_before_reading() -> None:
    """Too many members, a bomb, a renamed text file and a damaged archive: one clear Chinese line each."""
    many = _zip({f"{n}.csv": b"a" for n in range(5)})
    assert "超过上限 3 个" in read_upload(many, "x.zip", 2021, lim=Limits(max_members=3)).errors[0].line()
    bomb = _zip({"a.csv": b"0" * (3 << 20)})
    assert "可能是“压缩炸弹”" in read_upload(bomb, "x.zip", 2021, lim=Limits(max_unzipped=1 << 20)).errors[0].line()
    assert "不是压缩包" in read_upload(b"statistics,1\n", "x.zip", 2021).errors[0].line()
    assert "无法读取压缩包" in read_upload(_zip({"a.csv": b"x" * 500})[:60], "x.zip", 2021).errors[0].line()


def test_a_zip_error_names_the_section_file_and_row(tmp_path: Path, capsys) -> None:
    """A wrong figure in one section of the zip: the CLI names the row and the file·column, and publishes nothing."""
    files = section_csvs("pingtan-2021", load_catalogue())
    name = next(n for n in files if "-三-" in n)
    files[name] = files[name].replace(b",70\r\n", b",abc\r\n", 1)
    path = tmp_path / "bad.zip"
    path.write_bytes(_zip(files))
    assert main(["import", str(path), "--year", "2021", "--data-dir", str(tmp_path / "store")]) == 1
    out = capsys.readouterr()
    assert f"“{name}·总计”列" in out.out + out.err, out
    assert Store(tmp_path / "store").versions(2021) == []


def test_every_problem_inside_a_zip_names_its_file() -> None:
    """Row numbers repeat from file to file: a field-count slip, an over-long cell and a member over the upload cap
    each say which member they are in; .tsv members are read as on their own; archiver clutter is skipped."""
    files = section_csvs("pingtan-2021", load_catalogue())
    name = next(n for n in files if "-三-" in n)
    broken = dict(files) | {name: files[name].replace(b",70\r\n", b",70,1\r\n", 1)}
    lines = [p.line() for p in read_upload(_zip(broken), "x.zip", 2021).errors]
    assert any(line.startswith("第3行：") and f"“{name}”：本行有 9 个字段" in line for line in lines), lines
    long_cell = dict(files) | {name: files[name].replace(b",70\r\n", b"," + b"7" * 1200 + b"\r\n", 1)}
    lines = [p.line() for p in read_upload(_zip(long_cell), "x.zip", 2021).problems]
    assert any(f"“{name}·H”列：单元格有 1200 个字符" in line for line in lines), lines
    noise = random.Random(6).randbytes(600_000).hex().encode()  # 1.1 MB that hardly compresses
    big = read_upload(_zip({"a.csv": noise}), "x.zip", 2021, lim=Limits(max_bytes=1 << 20))
    assert big.errors[0].line().startswith("“a.csv”：文件大小为 1.1 MB，超过上传上限 1.0 MB")
    tsv = {n.replace(".csv", ".tsv"): b.replace(b",", b"\t") for n, b in files.items()}
    clutter = {"__MACOSX\\._a.csv": b"\x00\x05", "各节\\.hidden.csv": b"\x00"}
    upload = read_upload(_zip(tsv | clutter), "x.zip", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    assert cells(upload.frame) == cells(fixture("pingtan-2021"))
