"""Publish: the HTML every light page and index is made of — escaping, relative links between site paths, accessible
tables from frames, and the page itself (head, print stylesheet, header, footer): no script, nothing fetched."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import escape

import pandas as pd

from gjj_dash.i18n import t
from gjj_dash.publish.files import neutralise
from gjj_dash.publish.light_style import STYLE

HTML_LANG = {"zh": "zh-CN", "en": "en"}
NUM = ' class="num"'


def esc(text: object) -> str:
    """Text or an attribute value for the page (escaped, quotes too)."""
    return escape(str(text), quote=True)


def prose(text: object) -> str:
    """A sentence of a view (the app's wording with figures, labels and uploaded text filled in) as text: escaped,
    no mark of any kind read — a view's text holds none, and uploaded text must stay text (**x** stays **x**)."""
    return esc(text)


def cell(text: object) -> str:
    """Data text for a table cell: escaped and formula-safe (a table copied into a spreadsheet stays text)."""
    return esc(neutralise(str(text)))


def href(here: str, there: str) -> str:
    """The relative link from the page at site path `here` to site path `there` (paths have no leading slash; a path
    ending in / is a folder served by its index.html; `there` may carry a #fragment)."""
    target, _, fragment = there.partition("#")
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + target, "/" + folder)
    if target.endswith("/") or not target:  # a folder: its index.html, named with the closing slash
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def link(here: str, there: str, label: str, **attrs: str) -> str:
    """An <a> from one site path to another, label escaped."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(href(here, there))}"{extra}>{esc(label)}</a>'


def _is_figure(text: str) -> bool:
    stripped = text.replace(",", "").replace("+", "").replace("%", "").replace("—", "").strip()
    return bool(stripped) and stripped.replace(".", "", 1).lstrip("-").isdigit()


def frame_table(frame: pd.DataFrame, caption: str = "", *, label_lang: str = "") -> str:
    """A frame as a real table: column headers <th scope="col"> (grouped columns as a second header row with
    scope="colgroup"), the first column as row headers <th scope="row">, figures right-aligned."""
    head = _frame_head(frame)
    rows = []
    for values in frame.itertuples(index=False):
        texts = ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
        first = f'<th scope="row"{label_lang}>{cell(texts[0])}</th>' if texts else ""
        rest = "".join(f"<td{NUM if _is_figure(x) else ''}>{cell(x)}</td>" for x in texts[1:])
        rows.append(f"<tr>{first}{rest}</tr>")
    cap = f'<caption class="sr">{esc(caption)}</caption>' if caption else ""  # the heading above says it on screen
    return f'<div class="scroll"><table>{cap}<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def _frame_head(frame: pd.DataFrame) -> str:
    if not isinstance(frame.columns, pd.MultiIndex):
        return "<tr>" + "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns) + "</tr>"
    top, bottom = [], []
    for group, name in frame.columns:
        if top and top[-1][0] == group and group:
            top[-1] = (group, top[-1][1] + 1)
        else:
            top.append((group, 1))
        bottom.append(name)
    first = "".join(f'<th scope="colgroup" colspan="{n}">{esc(g)}</th>' if g else f'<td colspan="{n}"></td>'
                    for g, n in top)
    return f"<tr>{first}</tr><tr>" + "".join(f'<th scope="col">{esc(c)}</th>' for c in bottom) + "</tr>"


@dataclass(frozen=True)
class Page:
    """One HTML page of the site: where it lives, its language, title and body, and its other-language version."""

    path: str
    lang: str
    title: str
    body: str
    description: str = ""
    alternate: str = ""  # site path of the same page in the other language
    nav: tuple[tuple[str, str], ...] = ()  # (site path or URL, label) in the header
    footer: str = ""


def page_html(page: Page) -> bytes:
    """The whole page: UTF-8, inline style with print rules, fonts by name, no script, no external resource."""
    other = "en" if page.lang == "zh" else "zh"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG[page.lang]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(page.title)}</title>",
        f'<meta name="description" content="{esc(page.description or page.title)}">',
        '<link rel="icon" href="data:,">',  # no favicon request
    ]
    if page.alternate:
        head.append(f'<link rel="alternate" hreflang="{HTML_LANG[other]}" '
                    f'href="{esc(href(page.path, page.alternate))}">')
    head += [f"<style>{STYLE}</style>", "</head>", "<body>"]
    nav = "".join(f"<li>{_nav_link(page.path, target, label)}</li>" for target, label in page.nav)
    switch = ""
    if page.alternate:
        code = HTML_LANG[other]
        other_page = link(page.path, page.alternate, t("site.other_lang", page.lang), hreflang=code, lang=code)
        switch = f'<p class="lang">{other_page}</p>'
    header = (f'<header><a class="skip" href="#main">{esc(t("site.skip", page.lang))}</a>{switch}'
              + (f'<nav aria-label="{esc(t("site.nav", page.lang))}"><ul>{nav}</ul></nav>' if nav else "")
              + "</header>")
    body = [header, f'<main id="main">{page.body}</main>', f"<footer>{page.footer}</footer>", "</body>", "</html>", ""]
    return "\n".join(head + body).encode("utf-8")


def _nav_link(here: str, target: str, label: str) -> str:
    if target.startswith(("http://", "https://", "/")):
        return f'<a href="{esc(target)}">{esc(label)}</a>'
    return link(here, target, label)
