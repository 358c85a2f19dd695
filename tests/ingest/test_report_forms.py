"""The report as published, read from every form staff hold — web page (rowspan/colspan, GBK, a table split over two
<table>s), Word (merged cells), PDF (tables across page breaks), a browser copy (one cell per line) and a workbook
pasted from the page (merged labels) — gives back the same 200 figures, the year and the body from the title."""

from __future__ import annotations

from functools import cache

import pytest

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.problems import Upload
from tests.support import reports


@cache
def _pdf() -> bytes:
    return reports.pdf_file(reports.word_file(page_height_cm=14))


FORMS = {
    "web page, UTF-8": lambda: (reports.web_page(), "report.html"),
    "web page, GBK declared in <meta>": lambda: (reports.web_page("gbk"), "report.htm"),
    "web page, odd <meta charset name=viewport>": lambda: (
        reports.web_page(meta='<meta charset="utf-8" name="viewport" content="width=device-width">'), "r.html"),
    "web page, table 三 over two <table>s": lambda: (reports.web_page(split_table=True), "report.html"),
    "Word, merged cells": lambda: (reports.word_file(), "report.docx"),
    "PDF printed from Word, tables across pages": lambda: (_pdf(), "report.pdf"),
    "browser copy, one cell per line with TABs": lambda: (reports.browser_copy().encode("utf-8"), "copied.txt"),
    "WPS copy, TAB-separated rows, GBK": lambda: (reports.wps_copy().replace("\xa0", " ").encode("gbk"), "wps.txt"),
}


def _read(form: str, year: int | None = None) -> Upload:
    payload, name = FORMS[form]()
    return read_upload(payload, name, year)


def _figures(upload: Upload) -> dict[tuple[str, str], float]:
    table = upload.frame[upload.frame["format"] != "measure"]
    return {(r.indicator, r.column): r.value for r in table.itertuples(index=False)}


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_gives_back_every_figure_with_the_year_from_its_title(form: str) -> None:
    """200 figures, the ones checked equal to the printed ones, the year 2021 read from the report, no error."""
    upload = _read(form)
    assert upload.ok, [p.line() for p in upload.errors]
    assert (upload.year, upload.format) == (2021, "new2021")
    figures = _figures(upload)
    assert len(figures) == reports.FIGURES
    assert {key: figures[key] for key in reports.EXPECTED} == reports.EXPECTED
    assert upload.report["document"]["body"] == "平潭综合实验区"
    assert upload.report["title"] == reports.TITLE


def test_the_pdf_really_breaks_its_tables_over_pages() -> None:
    """The test PDF is what it claims: table 三's rows stand on more than one page, and each figure names its page."""
    upload = _read("PDF printed from Word, tables across pages")
    table3 = upload.frame[upload.frame["indicator"].str.startswith("n21.s3")]
    pages = {source.rsplit("第", 1)[-1] for source in table3["source"]}
    assert len(pages) >= 2, pages


def test_gbk_page_says_which_encoding_was_read() -> None:
    """The page declares GBK: read as GB18030 (its superset) and the preview says so."""
    upload = _read("web page, GBK declared in <meta>")
    assert upload.encoding.startswith("GBK/GB2312") and "网页声明 gbk" in upload.encoding


def test_each_figure_names_table_row_and_column_of_the_report() -> None:
    """A figure's source is the report's title, the table, the row within it and the column."""
    upload = _read("web page, UTF-8")
    row = upload.frame[(upload.frame["indicator"] == "n21.s3.new_received")
                       & (upload.frame["column"] == "public_interest")].iloc[0]
    assert row["raw"] == "2"
    assert row["source"].startswith("三、收到和处理政府信息公开申请情况（《平潭综合实验区2021年度")
    assert "表2" in row["source"] and "社会公益组织”列" in row["source"]


def test_pasted_workbook_with_merged_labels_needs_its_year_and_then_gives_back_every_figure() -> None:
    """No year in the workbook: refused with a Chinese message asking for it; with the year: all 200 figures."""
    payload = reports.pasted_workbook()
    refused = read_upload(payload, "table.xlsx")
    assert not refused.ok and refused.errors[0].message.startswith("无法确定年度：请指定")
    assert "--year" not in refused.errors[0].message
    upload = read_upload(payload, "table.xlsx", 2021)
    assert upload.ok, [p.line() for p in upload.errors]
    figures = _figures(upload)
    assert len(figures) == reports.FIGURES
    assert {key: figures[key] for key in reports.EXPECTED} == reports.EXPECTED


def test_a_year_given_that_disagrees_with_the_report_is_an_error_naming_both() -> None:
    """The report says 2021, the staff member chose 2022: an error with both years, nothing read as 2022."""
    upload = _read("Word, merged cells", 2022)
    assert not upload.ok
    assert any("2021" in p.message and "2022" in p.message for p in upload.errors)


def test_a_browser_copy_that_lost_a_blank_cell_is_refused_where_it_stands() -> None:
    """Without TABs a blank cell leaves no trace: the row short of a figure is refused by row, never filled in."""
    text = reports.browser_copy(tabs=False).replace("\n\n64\n\n", "\n\n\n\n", 1)  # 自然人 of 一、 printed blank
    upload = read_upload(text.encode("utf-8"), "copied.txt")
    assert not upload.ok
    assert any("本行印有 6 个数" in p.message and "应有 7 个" in p.message for p in upload.errors)


def test_a_browser_copy_without_tabs_still_gives_back_every_figure() -> None:
    """One cell per line and no TAB at all (how some browsers copy): the rows are rebuilt from the tables' words."""
    upload = read_upload(reports.browser_copy(tabs=False).encode("utf-8"), "copied.txt")
    assert upload.ok, [p.line() for p in upload.errors]
    assert len(_figures(upload)) == reports.FIGURES
