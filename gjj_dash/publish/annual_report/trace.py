"""Publish: where each drafted sentence's figures come from — the note a writer attaches to the sentence (a Word
comment, an HTML comment) and the staff page lists; never body text, so nothing restated is read back as a figure."""

from __future__ import annotations

from gjj_dash.publish.annual_report.blocks import Figure, Report, Sentence

AUTHOR, INITIALS = "gjj-dash 起草依据", "GD"


def figure_line(figure: Figure, source: bool = True) -> str:
    """One figure: year, what it is, as stated, and (unless the next figure has the same) its source."""
    where = f"（来源：{figure.source}）" if source and figure.source else ""
    return f"{figure.year}年“{figure.label}”{figure.stated}{where}"


def note(sentence: Sentence) -> str:
    """The figures a sentence states, a source shared by neighbouring figures given once."""
    figures = sentence.figures
    said = [figure_line(f, n + 1 == len(figures) or figures[n + 1].source != f.source) for n, f in enumerate(figures)]
    return "依据：" + "、".join(said)


def trace_rows(report: Report) -> list[tuple[str, str]]:
    """Every drafted sentence with its note, in printed order."""
    return [(s.text.lstrip("，；"), note(s)) for s in report.sentences]
