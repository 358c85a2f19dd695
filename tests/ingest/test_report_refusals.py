"""A report that cannot be read exactly is refused with a Chinese reason staff can act on, never half-read: tables
as pictures or in attachments (named), a scan without a text layer, an old Word file without LibreOffice, a page
whose declared charset is wrong (read, and the reader says how)."""

from __future__ import annotations

import shutil

import pytest

from gjj_dash.ingest import word
from gjj_dash.ingest.readers import read_upload
from tests.support import reports

ARTICLE = ("<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='nav'>首页</div>"
           "<div class='article'><p>{title}</p><p>统计期限自2022年1月1日起至2022年12月31日止。</p>{body}</div>"
           "</body></html>")
TITLE = "某机关2022年度政府信息公开工作年度报告"
# A PDF of one empty page: no fonts, no text (what a scan's pages give a reader).
BLANK_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _page(body: str) -> bytes:
    return ARTICLE.format(title=TITLE, body=body).encode("utf-8")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<p>三、收到和处理政府信息公开申请情况</p><p><img src='/u/2023/table3.png'></p>",
         ["统计表是图片", "table3.png"]),
        ("<p>附件：<a href='/u/统计表.xls'>政府信息公开情况统计表.xls</a></p>",
         ["统计表在附件中", "统计表.xls", "请导入附件"]),
    ],
    ids=["tables as pictures", "tables as an attachment"],
)
def test_a_page_without_its_tables_is_refused_naming_what_holds_them(body: str, words: list[str]) -> None:
    """The page's pictures or attachment links are named in the reason; nothing is read."""
    upload = read_upload(_page(body), "report.html")
    assert not upload.ok and upload.frame.empty
    message = upload.errors[0].message
    assert all(w in message for w in words), message


def test_a_page_with_some_tables_as_pictures_is_refused_not_half_read() -> None:
    """Table 二 as HTML, tables 三 and 四 missing (pictures): refused naming each missing table."""
    html = reports.web_page().decode("utf-8")
    cut = html.index("<p>三、收到和处理政府信息公开申请情况</p>")
    page = html[:cut] + "<p><img src='t3.png'></p></div></body></html>"
    upload = read_upload(page.encode("utf-8"), "report.html")
    assert not upload.ok
    missing = [p.message for p in upload.errors if "报告中没有找到" in p.message]
    assert len(missing) == 2 and "三、收到和处理政府信息公开申请情况" in missing[0]


def test_a_scan_without_a_text_layer_is_refused_as_a_scan() -> None:
    """A PDF whose pages carry no text: 这是扫描件，没有文字层…, no figure, no traceback."""
    upload = read_upload(BLANK_PDF, "report.pdf")
    assert not upload.ok and upload.frame.empty
    assert upload.errors[0].message.startswith("这是扫描件，没有文字层")


def test_an_old_word_file_without_libreoffice_asks_for_a_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    """No soffice on the machine: a Chinese message asking to save the .doc as .docx."""
    monkeypatch.setattr(word, "soffice", lambda: None)
    upload = read_upload(reports.OLE_DOC, "report.doc")
    assert not upload.ok and "另存为”.docx" in upload.errors[0].message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_an_old_word_file_is_converted_by_libreoffice_and_read() -> None:
    """A Word 97–2003 .doc (made by LibreOffice from the test report) reads back every figure."""
    upload = read_upload(reports.doc_file(), "report.doc")
    assert upload.ok, [p.line() for p in upload.errors]
    assert upload.year == 2021 and len(upload.frame[upload.frame["format"] != "measure"]) == reports.FIGURES


def test_a_page_whose_declared_charset_is_wrong_is_read_and_says_how() -> None:
    """Declared UTF-8 but saved as GBK: charset-normalizer reads it, and the encoding shown names it."""
    page = reports.web_page("gbk").replace(b"charset=gbk", b"charset=utf-8")
    upload = read_upload(page, "report.html")
    assert upload.ok, [p.line() for p in upload.errors]
    assert "charset-normalizer" in upload.encoding
