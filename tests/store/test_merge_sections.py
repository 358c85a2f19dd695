"""Per-section uploads: a 2019/2021 table upload replaces only the tables it carries; the rest stay; gaps are said."""

from __future__ import annotations

import json
from pathlib import Path

from gjj_dash.cli import main
from gjj_dash.ingest.readers import read_upload
from gjj_dash.intake.staging import section_messages, stage
from gjj_dash.model.catalogue import load_catalogue
from gjj_dash.model.values import read_values
from gjj_dash.publish.templates import section_files
from gjj_dash.store.dataset import load_dataset
from gjj_dash.store.versions import Store
from tests.support.filled import section_csvs
from tests.support.years import add_report, cells, fixture

TITLES = {
    "s2_1": "第二十条第（一）项", "s2_5": "第二十条第（五）项",
    "s2_6": "第二十条第（六）项", "s2_8": "第二十条第（八）项",
    "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况",
}  # fmt: skip


def _files(tmp_path: Path) -> dict[str, Path]:
    """Pingtan 2021's filled section CSVs on disk: s3 and s4 alone, and the four tables of 二 in one file."""
    made = section_csvs("pingtan-2021", load_catalogue())
    folder = tmp_path / "upload"
    folder.mkdir()
    by_table = dict(zip(TITLES, made.items(), strict=True))
    out = {}
    for key in ("s3", "s4"):
        name, payload = by_table[key]
        (folder / name).write_bytes(payload)
        out[key] = folder / name
    two = "\r\n".join(by_table[k][1].decode("utf-8-sig") for k in ("s2_1", "s2_5", "s2_6", "s2_8"))
    (folder / "2021-二-主动公开.csv").write_bytes(two.encode("gbk"))
    out["s2"] = folder / "2021-二-主动公开.csv"
    return out


def _tables(frame) -> set[str]:
    cat = load_catalogue()
    return {cat.indicators[i].table for i in frame[frame["format"] == "new2021"]["indicator"]}


def _year(data: Path):
    values = load_dataset(data).values
    return values[values["year"] == 2021]


def test_three_uploads_of_sections_build_the_whole_2021_table(tmp_path: Path, capsys) -> None:
    """§三, then §二, then §四 by `gjj-dash import`: each keeps the others; after the three the year is the fixture."""
    files, data = _files(tmp_path), tmp_path / "store"
    expected = cells(fixture("pingtan-2021"))

    assert main(["import", str(files["s3"]), "--year", "2021", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "提示：按政府信息公开工作年度报告格式(2021年版)读取（由表中的行、列名称判断）" in out
    missing = "、".join(TITLES[k] for k in ("s2_1", "s2_5", "s2_6", "s2_8", "s4"))
    assert f"警告：发布后 2021 年度仍缺少：{missing}。" in out
    assert f"文件包含：{TITLES['s3']}；不含：" in out
    year = _year(data)
    assert _tables(year) == {"s3"} and len(year) == 175
    assert cells(year) == {k: v for k, v in expected.items() if k[0].startswith("n21.s3.")}

    assert main(["import", str(files["s2"]), "--year", "2021", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"提示：以下各表保留 2021 年度当前发布的数值：{TITLES['s3']}" in out
    assert f"警告：发布后 2021 年度仍缺少：{TITLES['s4']}。" in out
    assert _tables(_year(data)) == {"s2_1", "s2_5", "s2_6", "s2_8", "s3"}

    assert main(["import", str(files["s4"]), "--year", "2021", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "提示：发布后 2021 年度的 6 张表齐全。" in out and "仍缺少" not in out
    assert cells(_year(data)) == expected and len(expected) == 200
    got = _year(data).set_index(["indicator", "column"])["value"]
    assert got[("n21.s2_1.normative", "in_force")] == 665 and got[("n21.s3.new_received", "total")] == 70
    assert got[("n21.s4.lawsuit_direct", "total")] == 12


def test_each_section_upload_is_its_own_version_kept_byte_for_byte(tmp_path: Path) -> None:
    """Three uploads make versions 1–3; each original file is stored as uploaded and version 1 still holds §三 only."""
    files, data = _files(tmp_path), tmp_path / "store"
    for key in ("s3", "s2", "s4"):
        assert main(["import", str(files[key]), "--year", "2021", "--data-dir", str(data)]) == 0
    store = Store(data)
    versions = sorted(store.versions(2021), key=lambda v: v.number)
    assert [(v.number, v.previous, v.format) for v in versions] == [(1, 0, "new2021"), (2, 1, "new2021"),
                                                                    (3, 2, "new2021")]
    for version, key in zip(versions, ("s3", "s2", "s4"), strict=True):
        assert store.original(version.sha256) == files[key].read_bytes()
    assert [v.uploaded_rows for v in versions] == [175, 10, 15]
    assert [v.rows for v in versions] == [175, 185, 200]
    first = read_values(data / "versions" / "2021" / "1" / "values.csv")
    assert _tables(first) == {"s3"}
    assert [e["action"] for e in store.journal(2021)] == ["publish"] * 3


def test_a_section_over_a_whole_year_replaces_only_that_section(tmp_path: Path) -> None:
    """§三 with one figure changed, staged over the full 2021 year: §二 and §四 kept, §三 replaced, no gap left."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    text = _files(tmp_path)["s3"].read_bytes().decode("utf-8-sig")
    assert "\r\n3.其他,1," in text
    payload = text.replace("\r\n3.其他,1,", "\r\n3.其他,2,").encode("utf-8")
    staged = stage(Store(data), payload, "s3.csv", 2021)
    assert staged.ok, [p.line() for p in staged.upload.errors]
    frame = staged.proposal.frame
    assert len(frame) == 200 and _tables(frame) == set(TITLES)
    assert [(c.indicator, c.column) for c in staged.changes] == [("n21.s3.other_other", "natural")]
    messages = section_messages(staged, load_catalogue())
    kept = "、".join(TITLES[k] for k in ("s2_1", "s2_5", "s2_6", "s2_8", "s4"))
    assert messages == [
        ("note", f"以下各表保留 2021 年度当前发布的数值：{kept}"),
        ("note", "发布后 2021 年度的 6 张表齐全。"),
    ]


def test_an_upload_of_another_format_stands_alone(tmp_path: Path) -> None:
    """A 2019-format §三 for a year holding a 2021 table replaces the whole table and warns that it does."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    s3 = section_csvs("pingtan-2019", load_catalogue())
    payload = next(b for n, b in s3.items() if "-三-" in n)
    staged = stage(Store(data), payload, "s3-2019.csv", 2021)
    assert staged.ok and staged.upload.format == "new2019"
    frame = staged.proposal.frame
    assert set(frame["format"]) == {"new2019"} and staged.proposal.report["format"] == "new2019"
    messages = section_messages(staged, load_catalogue())
    assert messages[0] == ("warning", "2021 年度当前发布的是政府信息公开工作年度报告格式(2021年版)：本次上传的"
                           "政府信息公开工作年度报告格式(2019年试行版)将整体取代它（两种格式不会混在同一年度）。")
    gaps = "、".join([*(TITLES[k] for k in ("s2_1", "s2_5", "s2_6", "s2_8")), "第二十条第（九）项", TITLES["s4"]])
    tail = "。这些表在官方统计表中显示为“—”（未填报），可稍后分别上传。"
    assert ("warning", f"发布后 2021 年度仍缺少：{gaps}{tail}") in messages
    expected = "2021 年度的报告应使用政府信息公开工作年度报告格式(2021年版)"
    assert any(expected in p.message for p in staged.upload.warnings)


def test_measures_upload_keeps_every_section(tmp_path: Path) -> None:
    """A supplementary-measures file over a sectioned year keeps all 200 table cells."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    text = "年度,填报单位,指标编号,数值\n2021,centre,portal.visits,13810\n"
    upload = read_upload(text.encode(), "m.csv")
    assert upload.ok, [p.line() for p in upload.errors]
    staged = stage(Store(data), text.encode(), "m.csv")
    assert staged.ok and len(staged.proposal.frame[staged.proposal.frame["format"] == "new2021"]) == 200
    assert section_messages(staged, load_catalogue()) == []
    assert json.loads(json.dumps(staged.proposal.report))["format"] == "new2021"


def test_blank_tables_of_a_whole_template_over_published_figures_are_warned(tmp_path: Path) -> None:
    """The one-file template with only §三 filled: the five blank tables would blank published figures — a warning."""
    data = add_report(tmp_path / "data", "pingtan-2021")
    made = section_csvs("pingtan-2021", load_catalogue())
    blank = dict(section_files("2021"))
    parts = [(made if "-三-" in name else blank)[name].decode("utf-8-sig") for name in made]
    staged = stage(Store(data), "\r\n".join(parts).encode("utf-8"), "whole.csv", 2021)
    assert staged.ok, [p.line() for p in staged.upload.errors]
    [blanked] = [text for sev, text in section_messages(staged, load_catalogue()) if "全部为空" in text]
    others = "、".join(TITLES[k] for k in ("s2_1", "s2_5", "s2_6", "s2_8", "s4"))
    assert blanked.startswith(f"文件中的“{others}”全部为空：发布后将以空白（未填报）取代 2021 年度当前发布的数值。")
    assert len([c for c in staged.changes if c.indicator.startswith("n21.s2_1.")]) == 6
