"""Ingest: what a report says about itself — its title, the body that publishes it, and its year: from the title
(“2024年度…”, “…2024年政府信息公开工作年度报告”, split over two lines or spans), else from the statistics period
(“统计期限自2024年1月1日起至2024年12月31日止”). Other years in the text (“2017年财政形势展望”) are never read as
the report's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gjj_dash.ingest.document import Document, Paragraph, tidy

_YEAR = r"(?:19|20)\d{2}"
_REPORT = r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"
_TITLE = re.compile(rf"^(?P<before>.{{0,40}}?)[（(]?(?P<year>{_YEAR})年度?[）)]?(?P<between>.{{0,40}}?){_REPORT}")
_TITLE_AFTER = re.compile(rf"^(?P<before>.{{0,40}}?){_REPORT}[（(](?P<year>{_YEAR})年度?[）)]")
_PERIOD = re.compile(rf"统计(?:期限|时限|区间|时间)[为是自从:：]?(?P<a>{_YEAR})年0?1月0?1日(?:起)?(?:至|到|—|－|-|~|～)"
                     rf"(?P<b>{_YEAR})年12月31日")
_TITLE_LINES = 12  # a title stands among the first lines of a report
_TITLE_LENGTH = 70  # a title is a short line, not a sentence that names another report
_SENTENCE = re.compile(r"[。，；;《]")
_LEAD = re.compile(r"^(?:关于|印发)|(?:关于|的)$")


@dataclass(frozen=True)
class Identity:
    """The report's own title and body, its year with the text and place it was read from, and the period's year."""

    title: str = ""
    body: str = ""
    year: int | None = None
    source: str = ""
    where: Paragraph | None = None
    period: int | None = None
    period_where: Paragraph | None = None


def _match(text: str) -> re.Match | None:
    return _TITLE.match(text) or _TITLE_AFTER.match(text)


def _body(match: re.Match, previous: str) -> str:
    """The body the title names: before the year, else between the year and 政府信息公开, else the line above."""
    before = match.group("before")
    between = match.groupdict().get("between") or ""
    body = before or between or (previous if len(previous) <= 30 and not re.search(r"[：:。，]", previous) else "")
    return _LEAD.sub("", body.strip(" （()）")).strip()


def identity(doc: Document) -> Identity:
    """The title among the first short lines (joined to the line above when it starts with its year), else the page's
    own title; the statistics period from the whole text."""
    period, period_where = _period(doc.paragraphs)
    title = _from_lines(doc.paragraphs[:_TITLE_LINES], period) or _from_titles(doc.titles)
    if title is None:
        return Identity(period=period, period_where=period_where)
    return Identity(*title, period=period, period_where=period_where)


def _titlelike(text: str) -> bool:
    """A title is a short line, not a sentence (“根据《…2021年政府信息公开工作年度报告…通知》，…”)."""
    return len(text) <= _TITLE_LENGTH and not _SENTENCE.search(text)


def _from_lines(lines: list[Paragraph], period: int | None) -> tuple[str, str, int, str, Paragraph] | None:
    """The first title-like line (joined to the line above when it starts with its year); where several are (a
    saved page's navigation names other years' reports), the one whose year the statistics period confirms."""
    found_titles = []
    previous = ""
    for line in lines:
        text = tidy(line.text)
        if _titlelike(text) and (found := _match(text)):
            body = _body(found, previous)
            shown = text if found.group("before") or not body or body in text else f"{body}{text}"
            found_titles.append((shown, body, int(found.group("year")), "title", line))
        previous = text
    confirmed = [t for t in found_titles if t[2] == period]
    return (confirmed or found_titles or [None])[0]


def _from_titles(titles: list[str]) -> tuple[str, str, int, str, None] | None:
    for title in titles:
        text = tidy(title)
        if _titlelike(text) and (found := _match(text)):
            return text, _body(found, ""), int(found.group("year")), "page_title", None
    return None


def _period(paragraphs: list[Paragraph]) -> tuple[int | None, Paragraph | None]:
    """The statistics period's year (both ends in one year), from the text joined as read (a PDF's lines wrap)."""
    joined, starts = "", []
    for paragraph in paragraphs:
        starts.append((len(joined), paragraph))
        joined += tidy(paragraph.text)
    found = _PERIOD.search(joined)
    if found is None or found.group("a") != found.group("b"):
        return None, None
    where = next(p for start, p in reversed(starts) if start <= found.start())
    return int(found.group("a")), where
