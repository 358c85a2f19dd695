"""Ingest: a saved web page (.html/.htm) read into a Document — charset, the article among the site's navigation, its
paragraphs, its tables as printed rows (a table split over several <table>s joined), its pictures and attachments.

lxml's HTML parser reads what browsers read (unclosed tags, Word's <o:p>, comments); it loads nothing from the
network. The charset is the page's own declaration; charset-normalizer is asked only when that fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

from gjj_dash.ingest.document import Document, tidy
from gjj_dash.ingest.messages import refuse

_DECLARED = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK pages are read as GB18030, their superset (a GBK page often holds characters GB2312 lacks).
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8",
            "unicode": "utf-8", "big5": "big5hkscs"}  # fmt: skip
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "select", "button", "iframe", "object"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "blockquote",
                     "center", "dd", "dt", "header", "footer", "ul", "ol", "dl", "pre", "form", "caption"})  # fmt: skip
_FILES = re.compile(r"\.(docx?|xlsx?|et|wps|pdf|zip|rar|7z|ofd)(?:$|[?#])", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
_WRAPPER_SLACK = 0  # what a wrapper may add to the article and still be it: nothing (navigation adds links)


def decode_page(payload: bytes) -> tuple[str, str]:
    """The page's text and what was read: the charset it declares (GB2312/GBK as GB18030), else UTF-8, else what
    charset-normalizer finds; the name says which (“GBK/GB2312（网页声明）”)."""
    if payload.startswith(b"\xef\xbb\xbf"):
        return payload[3:].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
    found = _DECLARED.search(payload[:8192])
    declared = found.group(1).decode("ascii").lower() if found else ""
    codec = _ALIASES.get(declared, declared)
    tried = [c for c in (codec, "utf-8") if c]
    for name in dict.fromkeys(tried):
        try:
            text = payload.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, _encoding_name(name, declared if name == codec else "")
    return _guess(payload, declared)


def _encoding_name(codec: str, declared: str) -> str:
    shown = "GBK/GB2312（按 GB18030 读取）" if codec == "gb18030" else codec.upper()
    return f"{shown}（网页声明 {declared}）" if declared else f"{shown}（网页未声明编码）"


def _guess(payload: bytes, declared: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # optional dependency only for pages whose declaration is wrong

    best = from_bytes(payload[:2_000_000]).best()
    if best is None:
        raise refuse("html_encoding", declared=declared or "无")
    name = best.encoding.replace("_", "-")
    return str(best), f"{name.upper()}（网页声明 {declared or '无'} 无法读取，由 charset-normalizer 判断）"


def read_webpage(payload: bytes, known: Callable[[str], bool] = lambda _: False) -> Document:
    """The page's article: paragraphs, tables (split ones joined), pictures and attachment links; `known` tells a
    statistics table's words (the article is where those tables are)."""
    text, encoding = decode_page(payload)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1) or "<html/>", parser=_PARSER)
    except (etree.ParserError, ValueError):
        raise refuse("html_broken") from None
    titles = _titles(root)
    for element in list(root.iter(*_SKIP)):  # collected first: dropping while iterating skips elements
        if element.getparent() is not None:
            element.drop_tree()
    article = _article(root, known)
    doc = Document("html", encoding, titles=titles)  # the page's own title: the article may start with its text
    _walk(article, doc)
    doc.images = [_name(img.get("src") or img.get("alt") or "") for img in article.iter("img")]
    doc.attachments = [_name(a.get("href", "")) or tidy(a.text_content()) for a in article.iter("a")
                       if _FILES.search(a.get("href", "")) or _FILES.search(tidy(a.text_content()))]
    return doc


def _titles(root: etree._Element) -> list[str]:
    """The page's own names for the report: <meta name="ArticleTitle">, headings, <title> (site name cut off)."""
    names = ("articletitle", "title")
    out = [m.get("content", "") for m in root.iter("meta") if (m.get("name") or "").lower() in names]
    out += [h.text_content() for h in root.iter("h1")]
    out += [e.text_content() for e in root.xpath('//*[contains(@class,"title")]')][:20]
    head = root.findtext(".//title") or ""
    out += re.split(r"[_|｜]| - ", head)[:1]
    return [t for t in (tidy(x) for x in out) if t]


def _name(url: str) -> str:
    return tidy(url.split("?")[0].rstrip("/").rsplit("/", 1)[-1])[:80]


def _length(element: etree._Element) -> int:
    return len(re.sub(r"\s+", "", element.text_content()))


def _own(element: etree._Element) -> int:
    """How much paragraph text an element holds itself: its direct <p>, <table>, heading … children."""
    return sum(_length(child) for child in element if isinstance(child.tag, str) and
               child.tag in ("p", "table", "h1", "h2", "h3", "span", "font", "center", "strong", "section"))


def _article(root: etree._Element, known: Callable[[str], bool]) -> etree._Element:
    """The element holding the report: the block around every statistics table (the one among their common
    ancestors with the most paragraph text of its own), else the block with the most such text; widened over
    wrappers that add almost nothing (navigation and footers add much)."""
    tables = [t for t in root.iter("table") if _innermost(t) and any(
        known(tidy(c.text_content())) for c in t.iter("td", "th"))]
    if tables:
        shared = [a for a in tables[0].iterancestors() if all(a in set(t.iterancestors()) for t in tables[1:])]
        best = max([tables[0].getparent(), *shared] if len(tables) == 1 else shared, key=_own)
    else:
        best = max(root.iter("div", "td", "article", "section", "body"), key=_own, default=root)
    size = _length(best)
    while (parent := best.getparent()) is not None and parent.tag != "html":
        if _length(parent) - size > _WRAPPER_SLACK:
            break
        best = parent
    return best


def _innermost(table: etree._Element) -> bool:
    return not any(True for _ in table.iter("table") if _ is not table)


def _walk(article: etree._Element, doc: Document) -> None:
    """Paragraphs in reading order and every innermost table; tables with no text between them are one table."""
    lines: list[str] = [""]
    depth = 0  # inside how many tables: their text is the table's, not a paragraph
    at_last_table = -1  # how many paragraphs there were when the last table ended
    for event, element in etree.iterwalk(article, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            if event == "start" and _innermost(element):
                _flush(lines, doc)
                if doc.tables and len(doc.paragraphs) == at_last_table:
                    doc.extend_table(_rows(element))
                else:
                    doc.add_table(_rows(element))
            depth += 1 if event == "start" else -1
            if event == "end":
                _flush(lines, doc)
                at_last_table = len(doc.paragraphs)
                lines[-1] += element.tail or ""
            continue
        if depth:
            continue
        if tag in _BLOCKS or tag == "br":
            lines.append("")
        if event == "start" and tag != "br":
            lines[-1] += element.text or ""
        elif event == "end" and element is not article:
            lines[-1] += element.tail or ""
    _flush(lines, doc)


def _flush(lines: list[str], doc: Document) -> None:
    for line in lines:
        doc.add_paragraph(line)
    lines[:] = [""]


def _rows(table: etree._Element) -> list[list[str]]:
    """A table's rows as printed: each <td>/<th> once (spans are where it is merged, not repeated), its <p>, <div>
    and <br> as line breaks, its spans joined as they are."""
    out = []
    for tr in table.iter("tr"):
        if tr.getparent() is not None and next(tr.iterancestors("table")) is not table:
            continue
        out.append([_cell_text(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")])
    return out


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    for event, element in etree.iterwalk(cell, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in ("p", "div", "br", "li"):
                parts.append("\n")
            parts.append(element.text or "" if tag != "br" else "")
        elif element is not cell:
            parts.append(element.tail or "")
    return "".join(parts)
