"""Publish: what a drafted report is made of — headings, paragraphs of sentences with their figures, places for
prose, lines around a table, printed tables — and the Report both writers render."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gjj_dash.model.problems import Finding
from gjj_dash.publish.annual_report.outline import FILL_MARK, placeholder
from gjj_dash.publish.annual_report.tables import PrintedTable

# Characters no XML document can hold (and no page should show): control characters other than tab and line ends.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text from the data as a document can hold it: control characters dropped (Word refuses them)."""
    return _UNPRINTABLE.sub("", text)


@dataclass(frozen=True)
class Figure:
    """One figure a sentence states: the year, the catalogue item(s) behind it, as stated, and where it comes from."""

    year: int
    ref: str
    label: str
    stated: str
    source: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """One drafted sentence (or clause joined to the one before) and the figures it states."""

    id: str
    text: str
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Heading:
    """一、… (level 1) or （一）… (level 2)."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: fixed text (the opening) with any places still to fill, or drafted sentences — `parts`
    holds each sentence as it stands in the paragraph (a clause's full stop moved), so a writer can annotate each
    with the figures it states."""

    text: str
    sentences: tuple[Sentence, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fill:
    """A place for prose only people can write."""

    prompt: str

    @property
    def text(self) -> str:
        return placeholder(self.prompt)


@dataclass(frozen=True)
class Lines:
    """Lines printed around a table (附件：, the form's title and year, 填报单位, the footer), aligned."""

    lines: tuple[str, ...]
    align: str = "left"
    role: str = ""


@dataclass(frozen=True)
class TableBlock:
    """One printed table."""

    table: PrintedTable


Block = Heading | Paragraph | Fill | Lines | TableBlock


@dataclass(frozen=True)
class Preflight:
    """The year's data-quality findings (identities, cross-year, narrative against table) and what the year lacks."""

    year: int
    findings: tuple[Finding, ...]
    missing: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.findings and not self.missing


@dataclass(frozen=True)
class Report:
    """A drafted report: title, the body it names, the preflight for its top, and its blocks in printed order."""

    year: int
    format: str
    title: str
    body: str
    preflight: Preflight
    blocks: tuple[Block, ...]

    @property
    def sentences(self) -> list[Sentence]:
        """Every drafted sentence, in printed order."""
        return [s for b in self.blocks if isinstance(b, Paragraph) for s in b.sentences]

    @property
    def tables(self) -> list[PrintedTable]:
        return [b.table for b in self.blocks if isinstance(b, TableBlock)]

    @property
    def places(self) -> int:
        """How many 【待填写：…】 places the draft leaves for people."""
        texts = [b.text for b in self.blocks if isinstance(b, Paragraph | Fill)]
        texts += [line for b in self.blocks if isinstance(b, Lines) for line in b.lines]
        return sum(text.count(FILL_MARK) for text in texts)
