"""Zip and workbook bombs: refused in Chinese while they inflate, the importing process staying under 300 MB."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gjj_dash.ingest.decode import Limits
from gjj_dash.ingest.inflate import member, verify
from gjj_dash.ingest.messages import Refusal
from gjj_dash.ingest.workbook import read_workbook, read_zip
from tests.support.bombs import MIB, archive, honest, liar, workbook_bomb, zeros

PEAK_MB = 300
# Runs the real CLI as its own child and prints its exit code, output and peak resident memory (KiB on Linux).
MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "gjj_dash", *sys.argv[1:]], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "out": done.stdout + done.stderr, "peak_kib": peak}))
"""


def imported(path: Path, data: Path) -> dict:
    """`gjj-dash import path` in a process of its own: exit code, output and that process's peak RSS."""
    done = subprocess.run([sys.executable, "-c", MEASURE, "import", str(path), "--year", "2021", "--data-dir",
                           str(data)], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


BOMBS = {
    # a section CSV declaring 4 KB that inflates to 3 GiB (zipfile's read() inflated it whole: 2.2 GB)
    "lying.zip": (lambda: archive([liar("s1.csv", 3072)]), "声明的不符"),
    # a report member of the same kind inside a zip of reports (expanded member by member)
    "reports.zip": (lambda: archive([honest("a.html", b"<p>2021</p>"), liar("b.html", 3072)]), "声明的不符"),
    # an honest member of 9 MB of zeros: 9000 to 1
    "ratio.zip": (lambda: archive([honest("s1.csv", bytes(9 * MIB))]), "压缩比"),
    # a real workbook with a sheet member declaring 4 KB that inflates to 3 GiB: refused before openpyxl opens it
    "bomb.xlsx": (lambda: workbook_bomb(3072), "声明的不符"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_refused_in_chinese_and_the_import_stays_small(tmp_path: Path, name: str) -> None:
    """Each bomb: exit 1, the Chinese reason (a zip bomb), nothing published, peak RSS of the import ≤ 300 MB."""
    build, reason = BOMBS[name]
    path = tmp_path / name
    path.write_bytes(build())
    assert path.stat().st_size < 10 * MIB
    result = imported(path, tmp_path / "store")
    print(f"{name}: peak RSS {result['peak_kib'] / 1024:.0f} MB")
    assert result["code"] == 1, result["out"]
    assert reason in result["out"] and "压缩炸弹" in result["out"] and "拒绝读取" in result["out"]
    assert not (tmp_path / "store" / "versions").exists()
    assert result["peak_kib"] / 1024 <= PEAK_MB


def test_a_liar_is_refused_on_the_first_chunk_past_its_declared_size() -> None:
    """read_zip and read_workbook refuse the lying member by name; an honest zip reads byte for byte."""
    with pytest.raises(Refusal, match="“s1.csv”解压后的大小与文件声明的不符"):
        read_zip(archive([liar("s1.csv", 64)]), Limits())
    with pytest.raises(Refusal, match="“sheet2.xml”解压后的大小与文件声明的不符"):
        read_workbook(workbook_bomb(64), Limits())
    good = archive([honest("s1.csv", "统计指标,单位,统计数\r\n".encode()), honest("s2.csv", b"")])
    assert read_zip(good, Limits()) == [("s1.csv", "统计指标,单位,统计数\r\n".encode()), ("s2.csv", b"")]


def test_the_running_limit_stops_at_the_cap_and_the_ratio() -> None:
    """A member is held to the upload cap as it inflates; a member over 1 MB compressed past 100:1 is refused."""
    big = archive([honest("s1.csv", b"x1,2\r\n" * (MIB // 2))])  # 3 MiB of text
    with zipfile.ZipFile(io.BytesIO(big)) as source:
        info = source.infolist()[0]
    with pytest.raises(Refusal, match="解压后超过 1.0 MB"):
        member(big, info, Limits(max_bytes=MIB))
    with pytest.raises(Refusal, match="压缩比超过 100 倍"):
        verify(big, [info], Limits())
    assert len(zeros(2)) < 5000


def test_a_directory_pointing_past_the_end_of_the_file_is_refused_in_chinese() -> None:
    """A zip whose central directory names a local header beyond the file's end is refused as damaged (it used to
    escape as 内部错误 from struct.error)."""
    payload = bytearray(archive([honest("s1.csv", "统计指标,单位,统计数\r\n".encode())]))
    entry = payload.index(b"PK\x01\x02")
    payload[entry + 42:entry + 46] = (len(payload) + 1000).to_bytes(4, "little")
    with pytest.raises(Refusal, match="无法读取压缩包：文件已损坏"):
        read_zip(bytes(payload), Limits())
