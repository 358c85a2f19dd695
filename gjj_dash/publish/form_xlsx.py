"""Publish: a year's printed form as one XLSX sheet laid out like the paper form (A4, fonts, widths), no formula."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from gjj_dash.model.numbers import cell_text
from gjj_dash.model.values import Cell
from gjj_dash.publish.files import neutralise
from gjj_dash.publish.official import Form, OfficialRow, OfficialTable

BODY_FONT = "宋体"  # SimSun: the font of the printed form; Excel/WPS substitute where it is missing
TITLE_FONT = "黑体"
LABEL_WIDTH, UNIT_WIDTH, VALUE_WIDTH = 52, 8, 12
A4 = 9  # Excel's paper code for A4
# A fixed creation time: the same data give the same bytes, so the content hash in the file name is stable.
CREATED = dt.datetime(2000, 1, 1)


class _Writer:
    """Writes a Form into one worksheet, row by row, with the form's cell formats."""

    def __init__(self, book: xlsxwriter.Workbook, form: Form):
        self.book, self.form = book, form
        self.width = 2 + max((len(t.columns) for t in form.tables), default=1)
        self.sheet = book.add_worksheet(f"{form.year}年度")
        self.row = 0
        base = {"font_name": BODY_FONT, "font_size": 11, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True}
        self.fmt = {
            "title": book.add_format({**base, "font_name": TITLE_FONT, "font_size": 16, "bold": True,
                                      "align": "center"}),
            "period": book.add_format({**base, "align": "center"}),
            "line": book.add_format({**base, "align": "left"}),
            "table_title": book.add_format({**base, "bold": True, "align": "left"}),
            "caption": book.add_format({**base, "font_size": 10, "align": "left", "text_wrap": True}),
            "head": book.add_format({**cell, "bold": True, "align": "center"}),
            "unit": book.add_format({**cell, "align": "center"}),
            "number": book.add_format({**cell, "align": "center", "num_format": "General"}),
            "text": book.add_format({**cell, "align": "center"}),
            "blank": book.add_format(cell),
            "note": book.add_format({**cell, "font_size": 10, "indent": 1}),
        }
        self.labels = {
            (level, bold): book.add_format({**cell, "align": "left", "indent": level, "bold": bold})
            for level in range(4) for bold in (False, True)
        }  # fmt: skip

    def line(self, text: str, style: str) -> None:
        """A line across the whole form (title, year, 填报单位, footer)."""
        self.sheet.merge_range(self.row, 0, self.row, self.width - 1, neutralise(text), self.fmt[style])
        self.row += 1

    def header(self, table: OfficialTable) -> None:
        """The header block as printed: merged cells for groups and for heads spanning several rows."""
        cells, depth = table.head()
        for cell in cells:
            r1, c1 = self.row + cell.row, cell.col
            r2, c2 = r1 + cell.rowspan - 1, c1 + cell.colspan - 1
            if (r1, c1) == (r2, c2):
                self.sheet.write_string(r1, c1, neutralise(cell.text), self.fmt["head"])
            else:
                self.sheet.merge_range(r1, c1, r2, c2, neutralise(cell.text), self.fmt["head"])
        self.row += depth

    def body_row(self, row: OfficialRow) -> None:
        """One printed row: indented label, unit, each value (numbers as numbers, blanks as blank cells)."""
        ind = row.indicator
        if row.is_note:
            self.sheet.write_string(self.row, 0, neutralise(ind.label), self.fmt["note"])
        else:
            label_format = self.labels[(min(row.indent, 3), ind.level in ("H", "G"))]
            self.sheet.write_string(self.row, 0, neutralise(ind.label), label_format)
        if row.unit:
            self.sheet.write_string(self.row, 1, neutralise(row.unit), self.fmt["unit"])
        else:
            self.sheet.write_blank(self.row, 1, None, self.fmt["unit"])
        for n, cell in enumerate(row.cells):
            self._value(2 + n, cell if row.has_value else None)
        self.row += 1

    def _value(self, col: int, cell: Cell | None) -> None:
        if cell is None or cell.blank or cell.value is None:
            self.sheet.write_blank(self.row, col, None, self.fmt["blank"])
        elif cell.qualifier:  # "19000余" is not an exact number: kept as the printed text, so it reads back the same
            self.sheet.write_string(self.row, col, neutralise(cell_text(cell.value, cell.qualifier)), self.fmt["text"])
        else:
            self.sheet.write_number(self.row, col, cell.value, self.fmt["number"])

    def table(self, table: OfficialTable, titled: bool) -> None:
        if titled:
            self.line(table.table.title, "table_title")
        if table.table.caption:
            self.line(table.table.caption, "caption")
        self.header(table)
        for row in table.rows:
            self.body_row(row)

    def write(self) -> None:
        form = self.form
        self.line(form.title, "title")
        self.line(form.period, "period")
        if form.filer_line:
            self.line(form.filer_line, "line")
        for n, table in enumerate(form.tables):
            if n:
                self.row += 1
            self.table(table, titled=len(form.tables) > 1)
        for text in form.footer_lines():
            self.line(text, "line")
        self.page_setup()

    def page_setup(self) -> None:
        """Widths, fonts and print settings so the sheet prints on A4 like the form."""
        sheet = self.sheet
        sheet.set_column(0, 0, LABEL_WIDTH)
        sheet.set_column(1, 1, UNIT_WIDTH)
        sheet.set_column(2, self.width - 1, VALUE_WIDTH)
        sheet.set_row(0, 30)
        sheet.set_paper(A4)
        if self.width > 5:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.set_margins(left=0.6, right=0.6, top=0.75, bottom=0.75)
        sheet.center_horizontally()
        sheet.fit_to_pages(1, 0)
        sheet.print_area(0, 0, max(self.row - 1, 0), self.width - 1)
        sheet.set_footer("&C第 &P 页，共 &N 页")
        sheet.hide_gridlines(2)


def form_xlsx(form: Form) -> bytes:
    """The form as XLSX bytes; strings are written as strings only (never as formulas, numbers or links)."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        book.set_properties({"title": f"{form.title}{form.period}", "created": CREATED})
        _Writer(book, form).write()
    return buffer.getvalue()
