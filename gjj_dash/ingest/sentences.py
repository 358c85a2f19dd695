"""Ingest: the narrative measures a report states in its own sentences (data/catalogue/phrasings.csv), each with the
sentence it was read from.

A measure stated once (or always with the same figure) is read; “未收到…申请”, “未发生…行政复议” and the like give 0,
with that sentence. A measure stated with different figures, or both as none and as a figure, is left for a person
to confirm (the staff page's preview lists its sentences); nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gjj_dash.ingest.document import Document, tidy
from gjj_dash.ingest.measures import MEASURE_FORMAT
from gjj_dash.model.catalogue import Catalogue, Phrasing
from gjj_dash.model.labels import cached
from gjj_dash.model.numbers import NumberError, Reading, parse_number
from gjj_dash.model.values import CENTRE

NUMBER = r"(?P<{name}>(?:约|近|超过|超)?[0-9][0-9,]*(?:\.[0-9]+)?(?:万|亿)?(?:余|多)?)"
_SENTENCE_END = re.compile(r"(?<=[。！？；;])")
_LONGEST = 160  # characters of a sentence kept as a figure's source


@dataclass(frozen=True)
class Hit:
    """One sentence stating a measure: the figure read (0 for a “none” wording) and the sentence."""

    measure: str
    value: float
    qualifier: str
    raw: str
    sentence: str
    zero: bool = False


@dataclass
class Narrative:
    """The measures read (one hit each) and those left to confirm (their differing hits), in catalogue order."""

    read: list[Hit] = field(default_factory=list)
    unsure: dict[str, list[Hit]] = field(default_factory=dict)

    def as_report(self) -> dict:
        """What the version keeps (report.json): each measure with its figure and sentence, or its candidates."""
        return {
            "read": [_plain(h) for h in self.read],
            "unconfirmed": {m: [_plain(h) for h in hits] for m, hits in self.unsure.items()},
        }


def _plain(hit: Hit) -> dict:
    return {"measure": hit.measure, "value": hit.value, "qualifier": hit.qualifier, "raw": hit.raw,
            "sentence": hit.sentence, "zero": hit.zero}  # fmt: skip


def sentences(doc: Document, extra: list[str] = ()) -> list[str]:
    """The report's text as sentences: paragraphs (a PDF's lines joined first) split after 。！？；."""
    texts = [p.text for p in doc.paragraphs] + list(extra)
    joined = "".join(texts) if doc.form == "pdf" else "\n".join(texts)
    out = []
    for part in _SENTENCE_END.split(joined):
        for line in part.split("\n"):
            if (text := tidy(line)) and len(text) > 3:
                out.append(text)
    return out


def _compiled(catalogue: Catalogue) -> list[tuple[Phrasing, re.Pattern]]:
    return cached(catalogue, "phrasings", "", lambda cat, _: [(p, _pattern(p.pattern)) for p in cat.phrasings])


def _pattern(text: str) -> re.Pattern:
    """A phrasing's pattern with each {n} a named figure group (n0, n1 … where alternatives each hold one)."""
    parts = text.split("{n}")
    out = parts[0]
    for index, part in enumerate(parts[1:]):
        out += NUMBER.format(name=f"n{index}") + part
    return re.compile(out)


def read_narrative(texts: list[str], catalogue: Catalogue) -> Narrative:
    """Every phrasing against every sentence; one figure per measure, or the measure left to confirm."""
    hits: dict[str, list[Hit]] = {}
    for sentence in texts:
        for phrasing, pattern in _compiled(catalogue):
            for found in pattern.finditer(sentence):
                hit = _hit(phrasing, found, sentence)
                if hit is not None:
                    hits.setdefault(phrasing.measure, []).append(hit)
    out = Narrative()
    for measure in catalogue.measures:
        found = hits.get(measure, [])
        if not found:
            continue
        values = {(h.value, h.qualifier) for h in found}
        if len(values) == 1:
            out.read.append(found[0])
        else:
            out.unsure[measure] = list({(h.value, h.sentence): h for h in found}.values())
    return out


def _hit(phrasing: Phrasing, found: re.Match, sentence: str) -> Hit | None:
    shown = sentence if len(sentence) <= _LONGEST else sentence[: _LONGEST - 1] + "…"
    if phrasing.kind == "zero":
        return Hit(phrasing.measure, 0.0, "", found.group(0), shown, zero=True)
    raw = next(v for k, v in found.groupdict().items() if k.startswith("n") and v)
    try:
        reading: Reading = parse_number(raw)
    except NumberError:
        return None
    if reading.blank or reading.value is None:
        return None
    return Hit(phrasing.measure, float(reading.value), reading.qualifier, found.group(0), shown)


def narrative_records(narrative: dict, year: int, document: str) -> list[dict]:
    """The canonical records of the measures read from the report's sentences (the centre's, format measure), each
    sourced to its sentence; the unconfirmed ones are not among them."""
    return [{
        "year": year, "unit": CENTRE, "format": MEASURE_FORMAT, "indicator": hit["measure"], "column": "value",
        "raw": hit["raw"], "value": hit["value"], "qualifier": hit["qualifier"], "blank": False, "text": "",
        "source": f"{document}正文：“{hit['sentence']}”",
    } for hit in narrative.get("read", [])]  # fmt: skip
