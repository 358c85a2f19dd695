"""The readers: seed annex text, the old table as CSV (every encoding) / XLSX / pasted cells, and the measures CSV."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.publish.export import table_csv
from gjj_dash.publish.templates import template_bytes
from tests.support.seed import ANNEX
from tests.support.uploads import FIGURES_2017, bundled_2016, table_2017, values_of


def test_seed_annex_text_gives_exactly_the_bundled_2016_values() -> None:
    """The annex pasted as printed (one cell per line, “ |”, the stray note) reads to the bundled 2016 table."""
    upload = read_upload(ANNEX.read_bytes(), "seed-annex-2016.txt")
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.kind, upload.format, upload.year, upload.encoding) == ("table", "old", 2016, "utf-8")
    assert values_of(upload.frame) == bundled_2016()
    assert len(upload.frame) == 58
    assert upload.report["footer"] == {
        "填报单位": "博州住房公积金管理中心",
        "单位负责人": "郭成秀",
        "审核人": "马莹",
        "填报人": "张薇",
        "联系电话": "0909-2235500",
    }


def test_seed_annex_identity_is_a_warning_beside_the_value_not_a_correction() -> None:
    """204 > 94 + 91 + 6 is reported at the 204 cell's line as a warning, and 204 stays 204."""
    upload = read_upload(ANNEX.read_bytes(), "seed-annex-2016.txt")
    [warning] = [p for p in upload.problems if p.severity == "warning"]
    assert (warning.row, warning.column) == (13, "统计数")
    assert "204" in warning.message and "191" in warning.message
    assert values_of(upload.frame)["old.s1.disclosed"] == (204, False, "")


def test_annex_with_a_missing_value_cell_is_reported_at_its_line() -> None:
    """Dropping one value line does not shift every later row: the gap is named at the label's line."""
    lines = ANNEX.read_text(encoding="utf-8").splitlines()
    at = lines.index("2.政府网站公开政府信息数 |")
    del lines[at + 2]  # the "94 |" line
    upload = read_upload("\n".join(lines).encode(), "annex.txt")
    [error] = upload.errors
    assert (error.row, error.column) == (at + 1, "统计指标")
    assert "缺少统计数单元格" in error.message


def test_export_of_2016_reads_back_to_the_same_values(bundled) -> None:
    """The export's own CSV (UTF-8 with BOM) is an accepted upload and round-trips every value."""
    upload = read_upload(table_csv(bundled, 2016), "export.csv", 2016)
    assert upload.ok and upload.encoding == "utf-8-sig"
    assert values_of(upload.frame) == bundled_2016()


def test_gbk_csv_of_a_new_year_reads_correctly() -> None:
    """A 2017 table saved by Chinese Excel (GBK, CRLF) reads with its figures, blanks and the 余 qualifier."""
    upload = read_upload(table_2017().encode("gbk"), "2017年统计表.csv", 2017)
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.year, upload.encoding) == (2017, "gb18030")
    got = values_of(upload.frame)
    assert got["old.s1.disclosed"] == (230, False, "")
    assert got["old.s9.trainees"] == (20, False, "余")
    assert got["old.s1.ch_gazette"] == (None, True, "")
    assert set(upload.frame["year"]) == {2017}
    raw = upload.frame.set_index("indicator")["raw"]
    assert raw["old.s9.trainees"] == "20余"
    [note] = [p for p in upload.problems if p.severity == "note"]
    assert "20余" in note.message and note.column == "统计数"


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("utf-8"), "utf-8"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        (lambda text: text.encode("gb18030"), "gb18030"),
        (lambda text: text.replace(",", "\t").encode("utf-16"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16-bom-tab"],
)
def test_every_encoding_reads_the_same_table(encode, encoding: str) -> None:
    """UTF-8, UTF-8 with BOM, GB18030 and tab-separated UTF-16 with BOM give the same values; the encoding is named."""
    upload = read_upload(encode(table_2017()), "t.csv", 2017)
    assert upload.ok and upload.encoding == encoding
    assert values_of(upload.frame)["old.s1.ch_website"] == (120, False, "")


def test_filled_xlsx_template_reads_its_numbers_and_text() -> None:
    """The XLSX template filled in Excel style (numbers as numbers, 约数 as text) reads like the CSV."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes("old", "xlsx")))
    sheet = book["统计表"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in FIGURES_2017:
            text = FIGURES_2017[row[0].value]
            row[2].value = int(text) if text.isdigit() else text
    out = io.BytesIO()
    book.save(out)
    upload = read_upload(out.getvalue(), "2017.xlsx", 2017)
    assert upload.ok and upload.encoding == "xlsx"
    assert values_of(upload.frame) == values_of(read_upload(table_2017().encode(), "t.csv", 2017).frame)


def test_year_from_the_form_line_and_a_mismatch_is_an_error() -> None:
    """“(2017年度)” above the header gives the year; --year 2018 against it is an error at that row."""
    text = "政府信息公开情况统计表,,\n(2017年度),,\n填报单位(盖章):博州住房公积金管理中心,,\n" + table_2017()
    assert read_upload(text.encode(), "t.csv").year == 2017
    upload = read_upload(text.encode(), "t.csv", 2018)
    [error] = upload.errors
    assert (error.row, error.column) == (2, "A")
    assert "2017" in error.message and "2018" in error.message


def test_footer_rows_after_the_table_go_into_the_report() -> None:
    """单位负责人/审核人/填报人 and 联系电话 lines (split over cells by Excel) become the report's footer."""
    text = table_2017() + "单位负责人: 李四,审核人:王五,填报人:赵六\n联系电话: 0909-1234567,,\n"
    upload = read_upload(text.encode(), "t.csv", 2017)
    assert upload.ok
    assert upload.report["footer"] == {
        "单位负责人": "李四",
        "审核人": "王五",
        "填报人": "赵六",
        "联系电话": "0909-1234567",
    }


def test_label_variants_match_after_normalisation() -> None:
    """Full-width brackets and colons, ㈠, spaces inside labels and “1、” numbering all find their rows."""
    text = table_2017()
    for old, new in [
        ("统计指标", "统 计 指 标"),
        ("(一)主动公开政府信息数", "㈠主动公开政府信息数"),
        ("其中:主动公开规范性文件数", "其中：主动公开规范性文件数"),
        ("(二)申请办结数", "（二）申请 办结数"),
        ("1.政府公报公开政府信息数", "1、政府公报公开政府信息数"),
    ]:
        text = text.replace(old, new, 1)
    upload = read_upload(text.encode(), "t.csv", 2017)
    assert upload.ok, [p.line() for p in upload.errors]
    assert values_of(upload.frame)["old.s1.disclosed"] == (230, False, "")


def test_repeated_labels_are_matched_within_their_section() -> None:
    """(二)被依法纠错数 under 四 and under 五 land on the reconsideration and the lawsuit rows respectively."""
    text = table_2017()
    text = text.replace("四、行政复议数量,件,", "四、行政复议数量,件,1").replace(
        "五、行政诉讼数量,件,", "五、行政诉讼数量,件,2"
    )
    parts = text.split("(二)被依法纠错数,件,")
    text = parts[0] + "(二)被依法纠错数,件,1" + parts[1] + "(二)被依法纠错数,件,2" + parts[2]
    upload = read_upload(text.encode(), "t.csv", 2017)
    assert upload.ok
    got = values_of(upload.frame)
    assert got["old.s4.corrected"][0] == 1 and got["old.s5.corrected"][0] == 2
    assert not upload.warnings or all("纠错" not in p.message for p in upload.warnings)


def test_pasted_rows_of_cells_read_like_the_csv() -> None:
    """A report's table pasted as “label | unit | value” lines, among prose lines, reads the same figures."""
    rows = ["以下为附件统计表：", "(2017年度)"] + [" | ".join(r) for r in csv.reader(io.StringIO(table_2017()))]
    upload = read_upload("\n".join(rows).encode(), "paste.txt")
    assert upload.ok and upload.year == 2017
    assert values_of(upload.frame)["old.s1.ch_weibo"] == (100, False, "")


def test_measures_csv_reads_ids_labels_qualifiers_flags_and_text() -> None:
    """Units by id or label, 余 in the value or in 修饰, 是 for a flag, text kept verbatim — one row each."""
    text = (
        "年度,填报单位,指标编号,数值,修饰,来源说明\n"
        '2017,博州住房公积金管理中心,portal.visits,"15,200",,二、主动公开政府信息情况\n'
        "2017,centre,queries.personal,21000,余,\n"
        "2017,博乐管理部,facility.cctv,是,,\n"
        "2017,中心,website.columns,机构介绍、**动态资讯**,,\n"
        "2017,centre,halls.count,,,\n"
    )
    upload = read_upload(text.encode("gbk"), "measures.csv")
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.kind, upload.year, upload.format) == ("measures", 2017, None)
    assert "format" not in upload.report  # the year's table format stays as it is
    frame = upload.frame.set_index(["unit", "indicator"])
    assert frame.loc[("centre", "portal.visits"), "value"] == 15200
    assert frame.loc[("centre", "portal.visits"), "source"] == "二、主动公开政府信息情况"
    assert tuple(frame.loc[("centre", "queries.personal"), ["value", "qualifier"]]) == (21000, "余")
    assert frame.loc[("bole", "facility.cctv"), "value"] == 1
    assert frame.loc[("centre", "website.columns"), "text"] == "机构介绍、**动态资讯**"
    assert ("centre", "halls.count") not in frame.index  # an empty value is not a figure
    assert set(upload.frame["format"]) == {"measure"}


def test_measures_csv_accepts_english_headers_and_the_template() -> None:
    """year,unit,measure,value,qualifier,source headers work; the measures template with one figure filled is valid."""
    upload = read_upload(b"year,unit,measure,value,qualifier,source\n2017,jinghe,halls.windows,6,,\n", "m.csv")
    assert upload.ok and upload.frame.iloc[0][["unit", "value"]].tolist() == ["jinghe", 6]
    lines = template_bytes("measures").decode("utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",,,", ",13810,,", 1)
    filled = "\n".join(lines).encode()
    upload = read_upload(filled, "m.csv", 2017)
    assert upload.ok and upload.frame[["indicator", "value"]].values.tolist() == [["portal.visits", 13810]]


def test_old_template_is_the_export_layout_with_empty_values(bundled, tmp_path) -> None:
    """`gjj-dash template --format old` writes the export's rows (labels, units) with every 统计数 empty."""
    from gjj_dash.cli import main

    exported = list(csv.reader(io.StringIO(table_csv(bundled, 2016).decode("utf-8-sig"))))
    target = tmp_path / "old.csv"
    assert main(["template", "--format", "old", "-o", str(target)]) == 0
    payload = target.read_bytes()
    assert payload == template_bytes("old", "csv") and payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert rows[0] == exported[0] == ["统计指标", "单位", "统计数"]
    assert [r[:2] for r in rows] == [r[:2] for r in exported]
    assert {r[2] for r in rows[1:]} == {""}


def test_xlsx_template_has_the_table_and_instructions(tmp_path) -> None:
    """-o NAME.xlsx writes a workbook: sheet 统计表 in the export layout, sheet 填写说明; it reads back blank."""
    from gjj_dash.cli import main

    target = tmp_path / "old.xlsx"
    assert main(["template", "--format", "old", "-o", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["统计表", "填写说明"]
    sheet = book["统计表"]
    assert [c.value for c in sheet[1]] == ["统计指标", "单位", "统计数"]
    assert sheet["A3"].value == "(一)主动公开政府信息数" and sheet["B3"].value == "条"
    upload = read_upload(target.read_bytes(), "old.xlsx", 2017)
    assert upload.ok and len(upload.frame) == 58 and bool(upload.frame["blank"].all())
    measures = openpyxl.load_workbook(io.BytesIO(template_bytes("measures", "xlsx")))["补充指标"]
    assert [c.value for c in measures[1]][:4] == ["年度", "填报单位", "指标编号", "指标名称"]
    assert measures["C2"].value == "portal.visits"


def test_a_pipe_separated_csv_is_read_as_csv_quotes_and_field_counts_and_all() -> None:
    """A “|”-separated export is a CSV: a quoted “1,230” is one cell, and a short row is refused by its field count."""
    text = table_2017("|")
    quoted = read_upload(text.replace("(一)主动公开政府信息数|条|230", '"(一)主动公开政府信息数"|条|"1,230"').encode(),
                         "a.csv", 2017)
    assert quoted.ok and quoted.encoding == "utf-8"
    assert values_of(quoted.frame)["old.s1.disclosed"] == (1230, False, "")
    short = read_upload(text.replace("(一)主动公开政府信息数|条|230", "(一)主动公开政府信息数|条").encode(),
                        "a.csv", 2017)
    assert [p.line() for p in short.errors] == [
        "第3行：本行有 2 个字段，表头有 3 个：请检查是否多了或少了分隔符（逗号、制表符或“|”）"]
