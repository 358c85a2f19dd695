"""Test support: a store whose every uploaded text holds markup (links, images, HTML, colour, emphasis, code, maths,
bare addresses), and the checks that a page shows it as text — in Streamlit's Markdown, in plotly, in HTML."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from gjj_dash.paths import BUNDLED_DATA
from tests.support.light import parse

MARKUP = ("[x](http://evil.example/) ![](http://evil.example/p.png) <img src=x onerror=alert(1)> "
          "<a href='http://evil.example/a'>a</a> :red[x] **x** `x` $x$ www.evil.example")
# Read as Markdown these would be markup: each must be absent from a Markdown body — escaped, or broken by a word
# joiner (an escape alone does not stop GitHub's autolinks: “http\:\/\/…” is still linked).
RAW = ("[x](", "![](", ":red[x]", "**x**", "`x`", "$x$")
UNESCAPED = (re.compile(r"(?<!\\)<img"), re.compile(r"(?<!\\)<a href"), re.compile(r"\\?://evil"),
             re.compile(r"www\\?\.evil"))
# Elements whose text Streamlit shows as plain text (no Markdown): tables, st.text, code.
PLAIN = {"Arrow", "Text", "Code", "ArrowNamedDataSet", "DataFrame"}


def hostile_data(root: Path) -> Path:
    """The bundled 2016 year with MARKUP in its title, body, period, every footer and contact line, basis, source,
    file name, and in every figure's source and every text a figure carries (the report's sentences included)."""
    folder = root / "data" / "years" / "2016"
    shutil.copytree(BUNDLED_DATA / "years" / "2016", folder)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    for key in ("title", "reporting_unit", "period", "basis", "source"):
        report[key] = f"{report.get(key, '')}{MARKUP}"
    for group in ("footer", "contact"):
        report[group] = {k: f"{v}{MARKUP}" for k, v in report[group].items()}
    report["file_name"] = f"{MARKUP}.csv"
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    values = pd.read_csv(folder / "values.csv", dtype=str, keep_default_na=False)
    values["source"] = values["source"] + MARKUP
    values.loc[values["text"] != "", "text"] = values["text"] + MARKUP
    values.to_csv(folder / "values.csv", index=False)
    return root / "data"


def markdown_leaks(kind: str, text: str) -> list[str]:
    """What in one element's text would be read as markup: for a Markdown element, any RAW or UNESCAPED pattern;
    for a plotly chart (which reads <a href> and more in its labels), raw HTML tags."""
    if kind in PLAIN:
        return []
    if kind == "PlotlyChart":
        return [p for p in ("<a href", "<img") if p in text]
    return [p for p in RAW if p in text] + [p.pattern for p in UNESCAPED if p.search(text)]


def html_leaks(html: str) -> list[str]:
    """In an HTML document: any link to evil.example and any <img> at all."""
    page = parse(html)
    return [href for href in page.links if "evil" in href] + [tag for tag in page.tags if tag == "img"]


def _strings(message) -> list[str]:
    """Every string field of a protobuf message, nested messages and repeated fields included."""
    out: list[str] = []
    for _field, value in message.ListFields():
        items = list(value) if isinstance(value, Sequence) and not isinstance(value, str | bytes) else [value]
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif hasattr(item, "ListFields"):
                out += _strings(item)
    return out


def page_leaks(at: AppTest) -> list[tuple[str, str, str]]:
    """Every element of a page whose text would be read as markup: (element type, the pattern, the text's start)."""
    found: list[tuple[str, str, str]] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            kind = type(proto).__name__
            for text in _strings(proto):
                found.extend((kind, leak, text[:120]) for leak in markdown_leaks(kind, text))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found
