"""`gjj-dash peers`: adding another body's report leaves every output of the centre's data byte for byte as it was
(`years`, `export` of every year and format, `export --all`, `history`, `check`, `indicators`, and the light site with
its open data); body and year read from the report, a report stating neither refused (exit 1, Chinese, journaled)
until both are given; `list`, `remove` (journaled, files kept), `settings`; `indicators --peers` with 机关 on every
row; read-only stores and bad arguments refused with exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.paths import BUNDLED_DATA
from tests.support import reports
from tests.support.years import data_dir

YEARS = (2016, 2019, 2021)
OUTPUTS = [
    ["years"], ["history"], ["check"], ["check", "--format", "json"],
    *[["indicators", "--year", str(y), "--format", f] for y in YEARS for f in ("csv", "json")],
    *[["export", "--year", str(y), "--format", f] for y in YEARS for f in ("csv", "xlsx", "html", "json")],
    ["export", "--all", "--format", "csv"], ["export", "--all", "--format", "parquet"],
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The formats set (2016, Shanghai 2019, Pingtan 2021 as the centre's years) in a private data directory."""
    return data_dir(tmp_path, "formats")


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The project's test report (平潭综合实验区2021年度…, 200 figures) as a saved web page."""
    path = tmp_path / "平潭2021.html"
    path.write_bytes(reports.web_page())
    return path


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    code = main(list(args))
    out = capsysbinary.readouterr()
    return code, out.out, out.err.decode("utf-8")


def outputs(capsysbinary: pytest.CaptureFixture[bytes], data: Path, site: Path) -> dict[str, bytes]:
    """Every command's stdout and every file of the light site built from the data directory."""
    found = {}
    for args in OUTPUTS:
        code, out, _ = run(capsysbinary, *args, "--data-dir", str(data))
        assert code == 0, args
        found[" ".join(args)] = out
    assert main(["build-site", str(site), "--base-url", "https://example.gov.cn", "--data-dir", str(data)]) == 0
    capsysbinary.readouterr()
    found.update({f"site/{p.relative_to(site)}": p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    return found


def test_adding_and_removing_a_body_leaves_every_output_of_the_centre_byte_identical(
        data: Path, report: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Before, after adding a body for 2021 (and switching the public comparison on), after removing it: the same
    bytes from every command and in every file of the light site (pages, open data, datapackage, sitemap)."""
    before = outputs(capsysbinary, data, tmp_path / "before")
    assert len([k for k in before if k.startswith("site/data/")]) > 10 and "site/sitemap.xml" in before
    assert run(capsysbinary, "peers", "add", str(report), "--data-dir", str(data))[0] == 0
    assert run(capsysbinary, "peers", "settings", "--public", "on", "--data-dir", str(data))[0] == 0
    added = outputs(capsysbinary, data, tmp_path / "added")
    assert run(capsysbinary, "peers", "remove", "平潭综合实验区", "--data-dir", str(data))[0] == 0
    removed = outputs(capsysbinary, data, tmp_path / "removed")
    assert added == before
    assert removed == before


def test_body_and_year_are_read_from_the_report(data: Path, report: Path,
                                               capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """No --body, no --year: 平潭综合实验区 2021 from the page itself; the listing names it; a second add of the same
    file changes nothing."""
    code, out, _ = run(capsysbinary, "peers", "add", str(report), "--by", "张薇", "--data-dir", str(data))
    assert code == 0
    added = "已加入对比：平潭综合实验区 2021 年度（人民政府（全辖区），据机关名称判断），第1版，"
    assert out.decode().startswith(added)
    code, out, _ = run(capsysbinary, "peers", "list", "--data-dir", str(data))
    lines = out.decode().splitlines()
    assert lines[0] == "机关\t类型\t年度\t版本\t文件\t加入时间\t操作人"
    assert lines[1].startswith("平潭综合实验区\t人民政府（全辖区）\t2021\t第1版\t平潭2021.html\t")
    assert lines[1].endswith("\t张薇") and lines[2].startswith("公众部署：不显示对比")
    code, out, _ = run(capsysbinary, "peers", "add", str(report), "--data-dir", str(data))
    assert (code, out.decode()) == (0, "平潭综合实验区 2021 年度已是这份文件（第1版），没有变化\n")


def test_a_real_published_report_names_its_body(data: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """洪泽区人民政府's 2023 PDF as published: body and year from its title; its two wrong totals said, kept."""
    folder = reports.shared_published()
    if folder is None or not (folder / "2023_hongze.pdf").is_file():
        pytest.skip("../shared/reference/published/2023_hongze.pdf is not on this machine (real published report)")
    code, out, _ = run(capsysbinary, "peers", "add", str(folder / "2023_hongze.pdf"), "--data-dir", str(data))
    text = out.decode()
    assert code == 0 and "已加入对比：洪泽区人民政府 2023 年度（人民政府（全辖区），据机关名称判断）" in text
    assert text.count("注意：该报告自身的勾稽关系不成立（按原样加入）") == 2


def test_a_report_stating_neither_body_nor_year_is_refused_until_both_are_given(
        data: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """A spreadsheet paste: exit 1, both reasons and how to give them, one peer_reject line, nothing listed; with
    --body and --year it is added."""
    sheet = tmp_path / "统计表.xlsx"
    sheet.write_bytes(reports.pasted_workbook())
    code, out, err = run(capsysbinary, "peers", "add", str(sheet), "--data-dir", str(data))
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        "未加入对比：统计表.xlsx",
        "  无法确定年度：请指定这份文件的年度（文件中没有写明年度，如标题“2024年度…”、统计期限或“(2024年度)”）",
        "  报告没有写明发布机关（标题中的机关名称或“填报单位”），无法确定是哪个机关的报告",
        "  （命令行：用 --year YYYY 指定年度）",
        "  （命令行：用 --body 机关名称 指定）",
    ]
    journal = [json.loads(line) for line in (data / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["action"] for e in journal] == ["peer_reject"] and journal[0]["filename"] == "统计表.xlsx"
    assert not (data / "peers").exists() or not any((data / "peers").glob("*/2021"))
    code, out, _ = run(capsysbinary, "peers", "add", str(sheet), "--body", "平潭综合实验区", "--year", "2021",
                       "--data-dir", str(data))
    assert code == 0 and "已加入对比：平潭综合实验区 2021 年度" in out.decode()


def test_removing_is_journaled_and_keeps_the_files(data: Path, report: Path,
                                                 capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """remove: one peer_remove line with who and why, the version folder and the original still on disk; a body
    not listed exits 1 naming those that are."""
    run(capsysbinary, "peers", "add", str(report), "--data-dir", str(data))
    files = sorted(p for p in (data / "peers").rglob("*") if p.is_file())
    code, out, _ = run(capsysbinary, "peers", "remove", "平潭综合实验区", "--year", "2021", "--by", "李",
                       "--reason", "报告已更正", "--data-dir", str(data))
    assert (code, out.decode()) == (0, "已移出对比：平潭综合实验区 2021 年度（第1版的文件保留，已记入审计日志）\n")
    entry = json.loads((data / "audit.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (entry["action"], entry["user"], entry["body"], entry["year"], entry["reason"]) == (
        "peer_remove", "李", "平潭综合实验区", 2021, "报告已更正")
    assert all(p.is_file() for p in files)
    assert run(capsysbinary, "peers", "list", "--data-dir", str(data))[1].decode().startswith("（还没有对比机关）")
    code, _, err = run(capsysbinary, "peers", "remove", "平潭综合实验区", "--data-dir", str(data))
    assert code == 1 and err == "gjj-dash：对比机关中没有“平潭综合实验区”。现有：（无）\n"


def test_indicators_with_peers_name_the_body_on_every_row(data: Path, report: Path,
                                                          capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """--peers: 机关 first on every row — the centre's name from units.csv, then the one staff set — and the body's
    rows with its kind, rank and file; without a body for the year, the centre's rows alone, said on stderr."""
    run(capsysbinary, "peers", "add", str(report), "--data-dir", str(data))

    def rows(year: str) -> tuple[list[dict[str, str]], str]:
        code, out, err = run(capsysbinary, "indicators", "--year", year, "--peers", "--data-dir", str(data))
        assert code == 0
        return list(csv.DictReader(io.StringIO(out.decode("utf-8-sig")))), err

    found, _ = rows("2021")
    assert list(found[0])[0] == "机关" and list(found[0])[-4:] == ["机关类型", "对比排序", "不排名原因", "来源文件"]
    assert {r["机关"] for r in found} == {"博州住房公积金管理中心", "平潭综合实验区"}
    body = next(r for r in found if r["机关"] == "平潭综合实验区" and r["编号"] == "disclosure_rate")
    assert (body["数值"], body["样本"], body["机关类型"], body["来源文件"]) == (
        "50.7", "样本一般", "另一类机关：人民政府（全辖区）", "平潭2021.html")
    small = next(r for r in found if r["机关"] == "平潭综合实验区" and r["编号"] == "review_correction_rate")
    assert (small["显示"], small["对比排序"], small["不排名原因"]) == ("3 件中 0 件", "", "样本偏少，不按比率排名")
    run(capsysbinary, "peers", "settings", "--centre-name", "博尔塔拉州住房公积金管理中心", "--data-dir", str(data))
    assert {r["机关"] for r in rows("2021")[0]} == {"博尔塔拉州住房公积金管理中心", "平潭综合实验区"}
    alone, err = rows("2019")
    assert {r["机关"] for r in alone} == {"博尔塔拉州住房公积金管理中心"} and "2019 年度没有对比机关" in err


def test_read_only_stores_and_bad_arguments_exit_2(report: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """The bundled data/ is never written; an unknown kind and a missing operation are usage errors."""
    code, _, err = run(capsysbinary, "peers", "add", str(report), "--data-dir", str(BUNDLED_DATA))
    assert code == 2 and "程序自带的 data/ 目录只读" in err and not (BUNDLED_DATA / "peers").exists()
    code, _, err = run(capsysbinary, "peers", "add", str(report), "--kind", "城堡")
    assert code == 2 and "机关类型“城堡”无效，可选：fund_centre（住房公积金管理中心）" in err
    assert run(capsysbinary, "peers")[0] == 2


def test_the_brief_compares_unless_told_not_to(data: Path, report: Path, tmp_path: Path,
                                               capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`brief` with a body listed for 2021: one comparison line per indicator naming it; --no-peers: none."""
    run(capsysbinary, "peers", "add", str(report), "--data-dir", str(data))
    target = tmp_path / "b.html"
    assert main(["brief", "--year", "2021", "-o", str(target), "--data-dir", str(data)]) == 0
    html = target.read_text(encoding="utf-8")
    assert html.count('<tr class="cmp">') == 9 and "平潭综合实验区〔另一类机关〕 50.7%（第1）" in html
    assert main(["brief", "--year", "2021", "-o", str(target), "--no-peers", "--data-dir", str(data)]) == 0
    assert 'class="cmp"' not in target.read_text(encoding="utf-8")
