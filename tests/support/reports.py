"""Test support: a published 2021-format report built in every form staff hold — web page, Word, PDF, browser copy,
a workbook pasted from the page — from one set of figures and merged-cell tables, so each reader is tested on the
same report and the expected figures are known.

The figures are those of 平潭综合实验区2021年度政府信息公开工作年度报告 (transcribed from the published page, see
../shared/reference/published/README.md); the tables keep its merged cells, including table 三's irregular head
(自然人 spanning an empty cell and half of 商业企业, so every row's 商业企业 cell spans two columns).

With `added`, the same report as a province prints it with columns of its own (issue 18): table 二's first
sub-table with a last column 备注数量 ("二"), table 三 with a column 其中：网上申请 after 总计, its head spanning the
three head rows ("三"). Their figures deliberately break the identities a national column would have to keep.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Cm

Cell = tuple[str, int, int]  # text, rowspan, colspan

TITLE = "平潭综合实验区2021年度政府信息公开工作年度报告"
NARRATIVE = [
    "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
    "全年主动公开我区各级单位政府信息2645条，主要通过政府网站等媒介进行公开。",
    "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
    "2021年，无收取信息处理费情况。",
]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S3 = [  # label, 7 figures (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
    ("一、本年新收政府信息公开申请数量", "64 0 0 2 0 4 70"), ("二、上年结转政府信息公开申请数量", "0 0 0 0 0 0 0"),
    ("（一）予以公开", "27 0 0 2 0 1 30"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "5 0 0 0 0 0 5"),
    ("1.属于国家秘密", "0 0 0 0 0 0 0"), ("2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    ("3.危及“三安全一稳定”", "0 0 0 0 0 0 0"), ("4.保护第三方合法权益", "0 0 0 0 0 0 0"),
    ("5.属于三类内部事务信息", "1 0 0 0 0 0 1"), ("6.属于四类过程性信息", "0 0 0 0 0 0 0"),
    ("7.属于行政执法案卷", "6 0 0 0 0 0 6"), ("8.属于行政查询事项", "1 0 0 0 0 0 1"),
    ("1.本机关不掌握相关政府信息", "22 0 0 0 0 3 25"), ("2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"), ("1.信访举报投诉类申请", "0 0 0 0 0 0 0"),
    ("2.重复申请", "0 0 0 0 0 0 0"), ("3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"), ("5.要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("3.其他", "1 0 0 0 0 0 1"), ("（七）总计", "63 0 0 2 0 4 69"), ("四、结转下年度继续办理", "1 0 0 0 0 0 1"),
]  # fmt: skip
GROUPS = {"（一）予以公开": ("三、本年度办理结果", 22), "1.属于国家秘密": ("（三）不予公开", 8),
          "1.本机关不掌握相关政府信息": ("（四）无法提供", 3), "1.信访举报投诉类申请": ("（五）不予处理", 5),
          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": ("（六）其他处理", 3)}  # fmt: skip
S4 = "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0"
# What a reader must give back: (catalogue row, column) → figure, for a few cells of every table.
EXPECTED = {
    ("n21.s2_1.normative", "issued"): 69, ("n21.s2_1.normative", "in_force"): 665,
    ("n21.s2_5.licensing", "decisions"): 2293, ("n21.s2_8.fees", "amount"): 24252.311082,
    ("n21.s3.new_received", "commercial"): 0, ("n21.s3.new_received", "public_interest"): 2,
    ("n21.s3.new_received", "total"): 70, ("n21.s3.unavailable_not_held", "other"): 3,
    ("n21.s3.other_other", "natural"): 1, ("n21.s3.total", "total"): 69, ("n21.s3.carried_forward", "total"): 1,
    ("n21.s4.review", "total"): 3, ("n21.s4.lawsuit_direct", "upheld"): 12,
    ("n21.s4.lawsuit_after_review", "total"): 0,
}  # fmt: skip
FIGURES = 200  # every figure of tables 二, 三 and 四
ADDED_S2 = ("备注数量", ("0", "4"))  # table 二 (一)'s own column: 规章, 行政规范性文件
# Table 三's own column, one figure per row of S3: 一 + 二 ≠ （七）总计 + 四 and the detail rows do not add up to
# （七）总计 — identities a catalogue column must keep, which a report's own column is never checked against.
ADDED_S3 = ("其中：网上申请", "52 0 21 4 0 0 0 0 1 0 5 1 19 0 0 0 0 0 0 0 0 0 1 50 3")
ADDED_FIGURES = len(ADDED_S2[1]) + len(S3)


def _c(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return (text, rowspan, colspan)


def table_2(added: bool = False) -> list[list[Cell]]:
    """Table 二: the four 第二十条 sub-tables in one table, single value cells spanning three columns (four, with
    the first sub-table's own 备注数量 column)."""
    width = 4 + added
    head, notes = [_c(ADDED_S2[0])] if added else [], [[_c(n)] if added else [] for n in ADDED_S2[1]]
    rows = [[_c("第二十条第（一）项", 1, width)],
            [_c("信息内容"), _c("本年制发件数"), _c("本年废止件数"), _c("现行有效件数"), *head],
            [_c("规章"), _c("0"), _c("0"), _c("0"), *notes[0]],
            [_c("行政规范性文件"), _c("69"), _c("3"), _c("665"), *notes[1]]]
    subtables = (("第二十条第（五）项", "本年处理决定数量", [("行政许可", "2293")]),
                 ("第二十条第（六）项", "本年处理决定数量", [("行政处罚", "1282"), ("行政强制", "42")]),
                 ("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", "24252.311082")]))
    for caption, head_text, items in subtables:
        rows += [[_c(caption, 1, width)], [_c("信息内容"), _c(head_text, 1, width - 1)]]
        rows += [[_c(label), _c(value, 1, width - 1)] for label, value in items]
    return rows


def table_3(added: bool = False) -> list[list[Cell]]:
    """Table 三 with its three head rows, its row-spanning group labels and its irregular 商业企业 column (and,
    `added`, its own column after 总计)."""
    rows = [[_c(NOTE, 3, 3), _c("申请人情况", 1, 8), *([_c(ADDED_S3[0], 3, 1)] if added else [])],
            [_c("自然人", 1, 2), _c("法人或其他组织", 1, 5), _c("总计", 2, 1)],
            [_c("\xa0"), _c("商业企业", 1, 2), _c("科研机构"), _c("社会公益组织"), _c("法律服务机构"), _c("其他")]]
    for n, (label, figures) in enumerate(S3):
        values = figures.split() + ([ADDED_S3[1].split()[n]] if added else [])
        cells = [_c(values[0]), _c(values[1], 1, 2), *(_c(v) for v in values[2:])]
        if label.startswith(("一、", "二、", "四、")):
            rows.append([_c(label, 1, 3), *cells])
            continue
        group = GROUPS.get(label)
        lead = [_c(group[0], group[1], 1)] if group else []
        if label.startswith("（一）"):
            rows.append([*lead, _c(label, 1, 2), *cells])
        elif label.startswith(("（二）", "（七）")):
            rows.append([_c(label, 1, 2), *cells])
        else:
            rows.append([*lead, _c(label), *cells])
    return rows


def table_4() -> list[list[Cell]]:
    """Table 四: three head rows over one row of 15 figures."""
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [[_c("行政复议", 1, 5), _c("行政诉讼", 1, 10)],
            [*(_c(r, 2, 1) for r in results), _c("未经复议直接起诉", 1, 5), _c("复议后起诉", 1, 5)],
            [_c(r) for r in results * 2], [_c(v) for v in S4.split()]]


def tables(added: tuple[str, ...] = ()) -> list[tuple[str, list[list[Cell]]]]:
    """The report's three tables; `added` names the tables (“二”, “三”) printed with a column of their own."""
    return [("二、主动公开政府信息情况", table_2("二" in added)),
            ("三、收到和处理政府信息公开申请情况", table_3("三" in added)),
            ("四、政府信息公开行政复议、行政诉讼情况", table_4())]


def layout(grid: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """Where each cell stands (row, column), as a browser lays out rowspan/colspan."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken |= {(r + i, c + j) for i in range(cell[1]) for j in range(cell[2])}
            c += cell[2]
    return placed


def web_page(charset: str = "utf-8", split_table: bool = False, meta: str | None = None,
             added: tuple[str, ...] = ()) -> bytes:
    """The report as a saved site page: navigation and footer around the article, Word-like spans, NBSP."""
    declared = meta if meta is not None else f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    parts = [f"<!DOCTYPE html><html><head>{declared}<title>{TITLE}_政府信息公开年报_平潭</title></head><body>",
             '<div class="nav"><a href="/">首页</a> <a href="/x">2015年度政府信息公开工作年度报告</a></div>',
             '<div class="article">', '<p><span>平潭综合实验区</span></p>',
             "<p><span>20</span><span>21年度政府信息公开工作年度报告</span></p>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in NARRATIVE]
    for n, (heading, grid) in enumerate(tables(added)):
        parts.append(f"<p>{heading}</p>")
        if split_table and n == 1:
            parts += [_html_table(grid[:3]), _html_table(grid[3:])]  # the head and the body in two <table>s
        else:
            parts.append(_html_table(grid))
    parts.append('</div><div class="footer">版权所有 2024 主办单位 网站标识码</div></body></html>')
    return "\n".join(parts).encode(charset)


def _html_table(grid: list[list[Cell]]) -> str:
    rows = []
    for row in grid:
        cells = []
        for text, rowspan, colspan in row:
            spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            words = [f"<span>{_escape(w)}</span>" for w in _halves(text)]
            cells.append(f'<td{spans}><p class="MsoNormal">{"".join(words)}</p></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<div align="center"><table border="1">' + "".join(rows) + "</table></div>"


def _halves(text: str) -> list[str]:
    """A label split over two spans, as Word exports it (“主动公开”+“文件数”); figures left whole."""
    return [text] if len(text) < 4 or text[0].isdigit() else [text[: len(text) // 2], text[len(text) // 2 :]]


def word_file(page_height_cm: float | None = None, added: tuple[str, ...] = ()) -> bytes:
    """The report as a Word file: title and narrative paragraphs, the tables with merged cells (gridSpan, vMerge);
    a small page makes the PDF printed from it break tables over pages."""
    document = docx.Document()
    if page_height_cm:
        section = document.sections[0]
        section.page_height, section.page_width = Cm(page_height_cm), Cm(21)
        section.top_margin = section.bottom_margin = Cm(1.5)
    document.add_paragraph(TITLE)
    for text in NARRATIVE:
        document.add_paragraph(text)
    for heading, grid in tables(added):
        document.add_paragraph(heading)
        placed = layout(grid)
        width = max(c + cell[2] for _, c, cell in placed)
        table = document.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for r, c, (text, rowspan, colspan) in placed:
            target = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            target.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_file(docx_bytes: bytes) -> bytes:
    """A Word file printed to PDF by LibreOffice (as staff do with “另存为 PDF”)."""
    command = shutil.which("soffice")
    assert command, "LibreOffice (soffice) is needed to print the test report to PDF"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx_bytes)
        subprocess.run([command, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(source)], check=True, capture_output=True,
                       timeout=180, env={**os.environ, "HOME": tmp})
        return (Path(tmp) / "report.pdf").read_bytes()


def browser_copy(tabs: bool = True, added: tuple[str, ...] = ()) -> str:
    """The article as Chromium copies it: each cell's paragraph on its own line between blank lines, a TAB alone on
    a line between cells (or, as some browsers copy, no TAB at all), the title first."""
    lines = [TITLE, *NARRATIVE]
    for heading, grid in tables(added):
        lines.append(heading)
        for row in grid:
            cells = ["\n\n".join(_halves(text)) for text, _, _ in row]
            lines.append(("\n\n\t\n\n" if tabs else "\n\n").join(cells) + "\n\n")
    return "\n".join(lines)


def wps_copy(added: tuple[str, ...] = ()) -> str:
    """The article copied out of WPS: the title and text as lines, each table row one line of TAB-separated cells
    (a merged cell once)."""
    lines = [TITLE, *NARRATIVE]
    for heading, grid in tables(added):
        lines.append(heading)
        lines += ["\t".join(text for text, _, _ in row) for row in grid]
    return "\r\n".join(lines)


def pasted_workbook(added: tuple[str, ...] = ()) -> bytes:
    """The three tables pasted into a spreadsheet: one sheet each, merged ranges kept, text only in the first cell
    of a merge, figures stored as numbers, no title and no year."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for heading, grid in tables(added):
        sheet = book.create_sheet(heading[:10])
        for r, c, (text, rowspan, colspan) in layout(grid):
            value: object = text
            if text.replace(".", "", 1).isdigit():
                value = float(text) if "." in text else int(text)
            sheet.cell(r + 1, c + 1, value)
            if rowspan > 1 or colspan > 1:
                sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rowspan, end_column=c + colspan)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shared_published() -> Path | None:
    """The real published reports (../shared beside the project, or /work/shared), when this machine has them."""
    root = Path(__file__).resolve().parents[2]
    for folder in (root.parent / "shared" / "reference" / "published", Path("/work/shared/reference/published")):
        if folder.is_dir():
            return folder
    return None


def _escape(text: str) -> str:
    """Text as a page writes it: markup escaped, a no-break space as &nbsp;."""
    return html.escape(text).replace("\xa0", "&nbsp;")


# The first bytes of a Word 97–2003 file (an OLE compound document): enough to be told from the rest.
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def doc_file() -> bytes:
    """The test report's web page saved as Word 97–2003 (.doc) by LibreOffice Writer."""
    command = shutil.which("soffice")
    assert command, "LibreOffice (soffice) is needed to make a .doc"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        source.write_bytes(web_page())
        subprocess.run([command, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                        "--infilter=HTML (StarWriter)", "--convert-to", "doc", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": tmp})
        return (Path(tmp) / "report.doc").read_bytes()
