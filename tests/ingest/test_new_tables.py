"""The 2019/2021 formats: filled templates (CSV sections, XLSX sheets) and printed report rows read to real figures."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.values import read_values
from gjj_dash.publish.templates import section_rows, template_bytes

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
SHANGHAI_CELLS = Path("/work/shared/reference/reports/2019_shanghai-govoffice_new2019_cells.txt")


def fixture(name: str) -> pd.DataFrame:
    return read_values(REPORTS / name)


def cells_of(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[float | None, bool, str, str]]:
    """(indicator, column) → (value, blank, qualifier, raw): everything a reader must reproduce."""
    return {
        (r.indicator, r.column): (None if math.isnan(r.value) else r.value, bool(r.blank), r.qualifier, r.raw)
        for r in frame.itertuples(index=False)
    }


def filled_sections(frame: pd.DataFrame, fmt: str, cat: Catalogue) -> list[list[list[str]]]:
    """Each section of the template with the fixture's cells typed in as printed (raw text)."""
    raw = {(r.indicator, r.column): r.raw for r in frame.itertuples(index=False)}
    out = []
    for table in cat.tables_of(fmt):
        rows = section_rows(cat, fmt, table.id)
        columns = cat.columns_of(fmt, table.id)
        for row, ind in zip(rows[1:], cat.rows(fmt, table.id), strict=True):
            row[1:] = [raw.get((ind.id, c.id), "") for c in columns]
        out.append(rows)
    return out


def csv_text(sections: list[list[list[str]]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, rows in enumerate(sections):
        writer.writerows(([[]] if n else []) + rows)
    return buffer.getvalue()


def printed_text(frame: pd.DataFrame, fmt: str, cat: Catalogue) -> str:
    """The tables as a report page prints them, one row per line, cells joined by “ | ” (formats.md §2)."""
    raw = {(r.indicator, r.column): r.raw for r in frame.itertuples(index=False)}
    lines = ["二、主动公开政府信息情况"]
    for table in cat.tables_of(fmt):
        columns = cat.columns_of(fmt, table.id)
        rows = cat.rows(fmt, table.id)
        if table.id.startswith("s2"):
            lines += [table.title, " | ".join(["信息内容", *(c.label for c in columns)])]
            lines += [" | ".join([i.label, *(raw[(i.id, c.id)] for c in columns)]) for i in rows]
        elif table.id == "s3":
            lines += [table.title, f"{table.caption} | 申请人情况", "自然人 | 法人或其他组织 | 总计"]
            lines.append("商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他")
            groups: list[str] = []
            for ind in rows:
                if ind.level == "G":
                    groups.append(ind.label)  # a row-spanning label: printed before the first row of its block
                    continue
                lines.append(" | ".join([*groups, ind.label, *(raw[(ind.id, c.id)] for c in columns)]))
                groups = []
        else:
            lines += [table.title, "行政复议 | 行政诉讼"]
            lines.append("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉")
            lines.append(" | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
            flat = [raw[(i.id, c.id)] for i in rows if i.level != "G" for c in columns]
            lines.append(" | ".join(flat))
        lines.append("")
    lines.append("五、存在的主要问题及改进情况")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "fmt", "year"), [("pingtan-2021.csv", "new2021", 2021), ("pingtan-2019.csv", "new2019", 2019)]
)
def test_filled_template_csv_reads_every_figure(name: str, fmt: str, year: int) -> None:
    """A template filled with a real report's table (all sections in one CSV, GBK) reads to exactly its cells."""
    cat = load_catalogue()
    expected = fixture(name)
    upload = read_upload(csv_text(filled_sections(expected, fmt, cat)).encode("gbk"), "t.csv", year)
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.format, upload.year, upload.encoding) == (fmt, year, "gb18030")
    assert cells_of(upload.frame) == cells_of(expected)
    assert any("读取（由表中的行、列名称判断）" in p.message and p.severity == "note" for p in upload.problems)


def test_filled_xlsx_workbook_reads_every_figure() -> None:
    """The 2021 workbook (one sheet per section) filled with Pingtan 2021's figures reads to exactly its cells."""
    cat = load_catalogue()
    expected = fixture("pingtan-2021.csv")
    book = openpyxl.load_workbook(io.BytesIO(template_bytes("2021", "xlsx")))
    for sheet, rows in zip(book.worksheets, filled_sections(expected, "new2021", cat), strict=False):
        for r, row in enumerate(rows[1:], start=2):
            for c, text in enumerate(row[1:], start=2):
                if text:
                    sheet.cell(r, c).value = float(text) if "." in text else int(text)
    out = io.BytesIO()
    book.save(out)
    upload = read_upload(out.getvalue(), "pingtan-2021.xlsx", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    assert cells_of(upload.frame) == cells_of(expected)


def test_printed_rows_read_with_group_labels_and_flat_table_four() -> None:
    """Report rows with “ | ” cells — 三's header rows, group labels, 四 as 15 figures — give every Shanghai cell."""
    cat = load_catalogue()
    expected = fixture("shanghai-2019.csv")
    upload = read_upload(printed_text(expected, "new2019", cat).encode(), "shanghai.txt", 2019)
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.format == "new2019"
    assert cells_of(upload.frame) == cells_of(expected)
    blank_totals = [p for p in upload.problems if "“总计”栏空白" in p.message]
    assert blank_totals and blank_totals[0].severity == "note"  # kept blank, said so, never computed


def report_figures(text: str) -> list[str]:
    """Every figure cell of a “ | ” report text in reading order, found without the package: a table line's cells
    after its leading label cells, where all of them are figures (digits, “251000元”) or empty."""
    start, end = text.index("二、主动公开政府信息情况"), text.index("五、政府信息公开工作存在的主要问题")
    out: list[str] = []
    for line in text[start:end].splitlines():
        if "|" not in line:
            continue
        cells = [c.strip() for c in line.split("|")]
        at = 0
        while at < len(cells) and cells[at] and not re.fullmatch(r"\d+(\.\d+)?元?", cells[at]):
            at += 1
        figures = cells[at:]
        if figures and all(re.fullmatch(r"(\d+(\.\d+)?元?)?", c) for c in figures) and len(figures) >= 2:
            out += figures
    return out


@pytest.mark.skipif(not SHANGHAI_CELLS.is_file(), reason="the shared reference reports are not on this machine")
def test_shanghai_report_text_as_published_reads_every_figure() -> None:
    """The Shanghai 2019 report's text itself (prose and tables, “ | ” cells) imports with every figure as printed:
    equal to the fixture cell for cell, and to the report's own figure cells read independently, in printed order."""
    cat = load_catalogue()
    upload = read_upload(SHANGHAI_CELLS.read_bytes(), SHANGHAI_CELLS.name, 2019)
    assert upload.ok and upload.format == "new2019"
    assert cells_of(upload.frame) == cells_of(fixture("shanghai-2019.csv"))
    raw = {(r.indicator, r.column): r.raw for r in upload.frame.itertuples(index=False)}
    printed = [
        raw[(ind.id, col.id)]
        for table in cat.tables_of("new2019")
        for ind in cat.rows("new2019", table.id)
        if ind.has_value
        for col in cat.columns_of("new2019", table.id)
    ]
    figures = report_figures(SHANGHAI_CELLS.read_text(encoding="utf-8"))
    assert len(figures) == len(printed) == 198 and figures == printed
    got = upload.frame.set_index(["indicator", "column"])["value"]
    assert (got[("n19.s2_1.rules", "total_published")], got[("n19.s2_9.procurement", "amount")]) == (524, 251000)
    assert (got[("n19.s3.new_received", "total")], got[("n19.s3.total", "total")]) == (859, 805)
    assert (got[("n19.s4.review", "total")], got[("n19.s4.lawsuit_direct", "pending")]) == (7, 1)


def test_hand_filled_variants_are_accepted() -> None:
    """“三、本年度办 理结果”, “现行有效件”, 规范性文件 for 行政规范性文件 and full-width brackets still match."""
    cat = load_catalogue()
    text = csv_text(filled_sections(fixture("pingtan-2021.csv"), "new2021", cat))
    for old, new in [
        ("三、本年度办理结果", "三、本年度办 理结果"),
        ("现行有效件数", "现行有效件"),
        ("行政规范性文件", "规范性文件"),
        ("（一）予以公开", "(一)予以公开"),
        ("社会公益组织", "社会公益 组织"),
    ]:
        text = text.replace(old, new, 1)
    upload = read_upload(text.encode(), "t.csv", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.frame.set_index(["indicator", "column"]).loc[("n21.s2_1.normative", "in_force"), "value"] == 665


def test_wrong_cells_are_located_in_section_and_column() -> None:
    """A word in a figure cell and a missing row are errors at the file row and the official column name."""
    cat = load_catalogue()
    sections = filled_sections(fixture("pingtan-2021.csv"), "new2021", cat)
    sections[4][1][1] = "六十四"  # 一、本年新收 · 自然人
    del sections[0][2]  # 行政规范性文件
    upload = read_upload(csv_text(sections).encode(), "t.csv", 2021)
    lines = [p.line() for p in upload.errors]
    assert "第15行“自然人”列：“六十四”不是有效的数字" in lines
    assert "“统计指标”列：缺少统计指标“行政规范性文件”一行（没有数字也请保留该行，统计数留空）" in lines


def test_broken_identity_in_table_three_is_a_warning_at_its_row() -> None:
    """一 + 二 = （七）+ 四 broken by one cell is reported beside the figures, and the figure is kept as typed."""
    cat = load_catalogue()
    sections = filled_sections(fixture("pingtan-2021.csv"), "new2021", cat)
    sections[4][1][1] = "65"
    upload = read_upload(csv_text(sections).encode(), "t.csv", 2021)
    assert upload.ok
    warnings = [p for p in upload.warnings if p.severity == "warning"]
    assert warnings and all("不会自动更正" in p.message for p in warnings)
    assert any(p.row == 16 for p in warnings)
    assert upload.frame.set_index(["indicator", "column"]).loc[("n21.s3.new_received", "natural"), "value"] == 65


def test_format_needs_labels_or_a_year() -> None:
    """Table 四 alone fits both versions: the year decides, and without one the upload says it cannot tell."""
    cat = load_catalogue()
    four = section_rows(cat, "new2021", "s4")
    text = csv_text([four])
    assert read_upload(text.encode(), "s4.csv", 2020).format == "new2019"
    errors = [p.message for p in read_upload(text.encode(), "s4.csv").errors]
    assert any("无法判断是2019年格式还是2021年格式" in m for m in errors)


def test_run_together_report_text_is_refused() -> None:
    """Cells extracted without separators (“行政许可396442278”) are refused with a clear message, not split."""
    text = "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可396442278\n行政处罚2648-18538\n"
    [error] = read_upload(text.encode(), "pingtan.txt", 2019).errors
    assert "连在一起" in error.message and "| " in error.message


def test_new_format_templates_from_the_cli(tmp_path: Path) -> None:
    """`gjj-dash template --format 2021` writes every section in one CSV; -o x.xlsx one sheet per section."""
    from gjj_dash.cli import main

    target = tmp_path / "t.csv"
    assert main(["template", "--format", "2021", "-o", str(target)]) == 0
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["项目", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] in rows
    assert main(["template", "--format", "2019", "-o", str(tmp_path / "t.xlsx")]) == 0
    names = openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames
    assert names[0] == "第二十条第（一）项" and names[-1] == "填写说明" and len(names) == 8
