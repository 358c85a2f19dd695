"""A provincial table (Fujian's 指标名称 | 计量单位 | 2016年度 | 历年累计) is kept, not refused: stored with its printed
labels in printed order and its two columns, exported as printed, and only rows meaning the same feed the national
series (marked as derived); its rows break no national identity."""

from __future__ import annotations

from pathlib import Path

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.series import harmonised_series
from gjj_dash.quality.checks import check_values
from gjj_dash.store.dataset import load_dataset

ROWS = [("主动公开文件数", "条", "3460", "85376"), ("其中：1、政府网站公开数", "条", "3460", "85376"),
        ("2、政府公报公开数", "条", "0", "0"), ("受理政府信息依申请公开总数", "条", "2", "9"),
        ("其中：1、当面申请数", "条", "1", "4"), ("2、网上申请数", "条", "1", "5"),
        ("3、信函、传真申请数", "条", "0", "0"), ("接受行政诉讼、举报数", "件", "0", "0"),
        ("行政复议数", "件", "1", "3"), ("行政诉讼数", "件", "0", "1")]


def _page() -> bytes:
    """A Fujian-format report page (2017's wording for 受理…总数; no 收费减免 row), saved as GBK."""
    heads = ("指标名称", "计量单位", "2017年度", "历年累计")
    head = "".join(f"<td><span>{h[:2]}</span><span>{h[2:]}</span></td>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    return ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
            "<div><p>平潭综合实验区</p><p>2017年度政府信息公开工作年度报告</p>"
            "<p>2017年全区受理政府信息公开申请2件。</p><p>七、政府信息公开情况统计表</p>"
            f"<table><tr>{head}</tr>{body}</table></div></body></html>").encode("gbk")


def _imported(tmp_path: Path, capsys) -> Path:
    page = tmp_path / "report.html"
    page.write_bytes(_page())
    data = tmp_path / "data"
    assert main(["import", str(page), "--data-dir", str(data)]) == 0, capsys.readouterr().out
    return data


def test_a_fujian_table_is_stored_and_exported_as_printed(tmp_path: Path, capsys) -> None:
    """The CSV export prints the table's head and every row as the report did: label, unit, 本年度, 历年累计."""
    data = _imported(tmp_path, capsys)
    out = tmp_path / "2017.csv"
    assert main(["export", "--year", "2017", "--format", "csv", "-o", str(out), "--data-dir", str(data)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "指标名称,单位,2017年度,历年累计"
    assert lines[1:] == [",".join(row) for row in ROWS]
    assert load_dataset(data).format_of(2017) == "old_fujian"


def test_only_rows_meaning_the_same_feed_the_national_series(tmp_path: Path, capsys) -> None:
    """受理…总数 → requests received, 行政复议数 → reconsiderations (本年度 only); 接受行政诉讼、举报数 → none."""
    dataset = load_dataset(_imported(tmp_path, capsys))
    series = harmonised_series(dataset).query("year == 2017").set_index("series")
    assert series.loc["requests_received", "value"] == 2 and series.loc["reviews", "value"] == 1
    assert series.loc["lawsuits", "value"] == 0 and "complaints" not in series.index
    mappings = dataset.catalogue.harmonised["requests_received"].mappings
    caveats = {m.caveat for m in mappings if m.format == "old_fujian"}
    assert any("推导" in c for c in caveats)


def test_the_variant_rows_break_no_identity(tmp_path: Path, capsys) -> None:
    """受理 2 = 当面 1 + 网上 1 + 信函 0 in both columns: no identity finding for the year; a wrong sum is found."""
    dataset = load_dataset(_imported(tmp_path, capsys))
    assert [f for f in check_values(dataset.values, dataset.catalogue, dataset.reports) if f.year == 2017
            and f.check in ("sum", "subset", "channel")] == []
    wrong = dataset.values.copy()
    wrong.loc[(wrong["indicator"] == "fj.req_online") & (wrong["column"] == "this_year"), "value"] = 5.0
    found = [f for f in check_values(wrong, dataset.catalogue, dataset.reports) if f.year == 2017]
    assert [f.check for f in found] == ["sum"] and "受理依申请公开信息总数" in found[0].message


def test_a_fujian_table_copied_one_cell_per_line_is_read_as_printed() -> None:
    """The same table copied out of a browser (each cell on its own line, the year's head “2017年度” among them)."""
    cells = ["指标名称", "计量单位", "2017年度", "历年累计", *(c for row in ROWS for c in row)]
    text = "平潭综合实验区2017年度政府信息公开工作年度报告\n" + "\n\n".join(cells)
    upload = read_upload(text.encode("utf-8"), "copied.txt")
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.year, upload.format, len(upload.frame[upload.frame["format"] != "measure"])) == (2017,
                                                                                                     "old_fujian", 20)
    assert [r["label"] for r in upload.report["printed_rows"]] == [row[0] for row in ROWS]
