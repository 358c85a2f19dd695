"""Publish: the blank templates staff fill in — the old table in the export's layout, the measures table; CSV, XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from gjj_dash.model.catalogue import Catalogue, load_catalogue
from gjj_dash.model.printed import LABEL_HEADER, UNIT_HEADER
from gjj_dash.model.values import CENTRE

KINDS = ("csv", "xlsx")
FORMATS = ("old", "measures", "2019", "2021")
NEW = {"2019": "new2019", "2021": "new2021", "new2019": "new2019", "new2021": "new2021"}
# The first header cell of each new-format section, as the printed tables have it.
FIRST_HEADER = {"s3": "", "s4": "项目"}
# The chapter of the annual report each table belongs to (二、主动公开 … 四、复议诉讼), by the table id's prefix.
CHAPTER = {"s2": "二", "s3": "三", "s4": "四"}
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
MEASURE_HEADER = ("年度", "填报单位", "指标编号", "指标名称", "计量单位", "数值", "修饰", "来源说明")
_NOTES = {
    "old": (
        "本模板与“导出 CSV”的版式相同：第一行为表头“统计指标、单位、统计数”，其后每行一个统计指标。",
        "只填写“统计数”一列；统计指标名称和单位请勿改动，也不要删除行：没有数字的行留空（显示为“—/未填报”）。",
        "约数可照报告原样填写，如“19000余”“约120”“近1000”，系统保留修饰词；“1.2万”按 12000 读取。",
        "单元格只填数值，不要使用公式；标题行（单位为“——”）不填统计数。",
        "年度在上传页面选择或用 gjj-dash import --year 指定；也可在表头上方加一行“(2017年度)”。",
        "用 Excel/WPS 另存为 CSV（GBK 或 UTF-8 均可）或 .xlsx 后上传；不接受 .xls、.xlsm 和加密文件。",
    ),
    "new": (
        "每个工作表（CSV 中每一段）是年度报告的一张表：第一列为官方行名称，第一行为官方列名称，请勿改动。",
        "只填写数字；没有数字的格子留空（显示为“—/未填报”），不要填 0 以外的占位符号。",
        "“三、本年度办理结果”“（三）不予公开”等分组行不填数字；各行“总计”请照报告原样填写，空着的保持空着。",
        "表四按“行政复议、未经复议直接起诉、复议后起诉”三行填写结果维持、结果纠正、其他结果、尚未审结、总计。",
        "年度在上传页面选择或用 --year 指定；单元格只填数值，不要使用公式。",
    ),
    "measures": (
        "每行一个数值：年度、填报单位（中心或各管理部，名称或编号均可）、指标编号、数值；其余列可留空。",
        "数值可写约数，如“19000余”；也可把修饰词（余、多、近、超、约、以上）写在“修饰”列。",
        "“有/无”类指标填“是”或“否”（或写出具体名称）；文字类指标把文字写在“数值”列。",
        "“数值”留空的行不会保存；报告只给中心合计的数值，请只填中心一行，不要拆分到各管理部。",
    ),
}


def template_name(fmt: str, kind: str) -> str:
    """The download name of a template (ASCII, so every browser and mail client keeps it)."""
    return f"gjj-dash-template-{fmt}.{kind}"


def section_name(fmt: str, catalogue: Catalogue, table: str) -> str:
    """A section CSV's file name: year of the format, order, chapter and official title (2021-5-三-收到和处理….csv)."""
    fmt = NEW[fmt]
    tables = [t.id for t in catalogue.tables_of(fmt)]
    title = _NUMBERED.sub("", catalogue.tables[(fmt, table)].title).replace("/", "／")
    return f"{fmt.removeprefix('new')}-{tables.index(table) + 1}-{CHAPTER.get(table[:2], '')}-{title}.csv"


def section_files(fmt: str, catalogue: Catalogue | None = None) -> list[tuple[str, bytes]]:
    """One CSV per section of a 2019/2021 format (name, bytes): the form's title, the header, the row labels.

    The title line (政府信息公开工作年度报告统计表(2021年格式)) lets a section the two versions share (table 四)
    be read in its format without a year.
    """
    cat = catalogue or load_catalogue()
    title = cat.formats[NEW[fmt]].table_title
    return [
        (section_name(fmt, cat, t.id), _csv([[title], *section_rows(cat, NEW[fmt], t.id)]))
        for t in cat.tables_of(NEW[fmt])
    ]


def sections_zip(fmt: str, catalogue: Catalogue | None = None) -> bytes:
    """Every section CSV of a format in one zip (fixed times, so the same catalogue gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in section_files(fmt, catalogue):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), payload, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def template_rows(fmt: str, catalogue: Catalogue | None = None) -> list[list[str]]:
    """The template as rows of text, header first."""
    cat = catalogue or load_catalogue()
    if fmt == "old":
        rows = [[ind.label, ind.unit, ""] for ind in cat.rows("old") if ind.level != "N"]
        return [[LABEL_HEADER, UNIT_HEADER, cat.columns_of("old", "main")[0].label], *rows]
    if fmt in NEW:
        out: list[list[str]] = []
        for n, table in enumerate(cat.tables_of(NEW[fmt])):
            out += ([[]] if n else []) + section_rows(cat, NEW[fmt], table.id)
        return out
    if fmt == "measures":
        centre = cat.units[CENTRE].label
        rows = [["", centre, m.id, m.label, m.unit, "", "", ""] for m in cat.measures.values()]
        return [list(MEASURE_HEADER), *rows]
    raise ValueError(f"未知的模板格式 {fmt}")


def section_rows(catalogue: Catalogue, fmt: str, table: str) -> list[list[str]]:
    """One new-format section: a header of official column names, then each official row label (groups included)."""
    columns = catalogue.columns_of(fmt, table)
    first = FIRST_HEADER.get(table, "信息内容") or catalogue.tables[(fmt, table)].caption
    rows = [[ind.label, *[""] * len(columns)] for ind in catalogue.rows(fmt, table)]
    return [[first, *[c.label for c in columns]], *rows]


def template_bytes(fmt: str, kind: str = "csv", catalogue: Catalogue | None = None, section: str = "") -> bytes:
    """A blank template: CSV as UTF-8 with BOM (Excel opens it), or an XLSX workbook with a sheet of instructions.

    For the 2019/2021 formats the CSV holds every section one after another (a blank line between), or only
    `section` (a table id such as s3); the XLSX has one sheet per section.
    """
    if kind not in KINDS:
        raise ValueError(f"未知的模板类型 {kind}")
    cat = catalogue or load_catalogue()
    if fmt in NEW and kind == "xlsx":
        return _xlsx_sections(NEW[fmt], cat)
    rows = section_rows(cat, NEW[fmt], section) if section and fmt in NEW else template_rows(fmt, cat)
    return _csv(rows) if kind == "csv" else _xlsx(fmt, rows)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _book(fmt: str):
    import xlsxwriter  # only the XLSX templates need it

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": template_name(fmt, "xlsx"), "created": dt.datetime(2024, 1, 1)})
    return buffer, book, book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})


def _sheet(book, bold, title: str, rows: list[list[str]], widths: list[int]) -> None:
    sheet = book.add_worksheet(title)
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row, bold if r == 0 else None)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 1)


def _finish(buffer: io.BytesIO, book, bold, notes: tuple[str, ...]) -> bytes:
    sheet = book.add_worksheet("填写说明")
    sheet.set_column(0, 0, 110)
    for r, line in enumerate(notes):
        sheet.write_string(r, 0, f"{r + 1}. {line}")
    book.close()
    return buffer.getvalue()


def _xlsx(fmt: str, rows: list[list[str]]) -> bytes:
    buffer, book, bold = _book(fmt)
    if fmt == "old":
        _sheet(book, bold, "统计表", rows, [70, 8, 12])
    else:
        _sheet(book, bold, "补充指标", rows, [8, 26, 28, 34, 8, 12, 8, 40])
    return _finish(buffer, book, bold, _NOTES[fmt])


def _xlsx_sections(fmt: str, catalogue: Catalogue) -> bytes:
    """One sheet per section, named by its official title (第二十条第（一）项 …, 三、…, 四、…)."""
    buffer, book, bold = _book(fmt)
    for table in catalogue.tables_of(fmt):
        rows = section_rows(catalogue, fmt, table.id)
        _sheet(book, bold, table.title[:31], rows, [40 if table.id == "s3" else 24] + [14] * (len(rows[0]) - 1))
    return _finish(buffer, book, bold, _NOTES["new"])
