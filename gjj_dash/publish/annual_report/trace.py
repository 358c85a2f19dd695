"""Publish: where each drafted sentence's figures come from — the list at the end of a draft, deleted on publishing."""

from __future__ import annotations

from gjj_dash.publish.annual_report.blocks import Figure, Report, Sentence

TRACE_HEADING = "起草依据：各句所述数字及来源（发布前请删除本部分）"


def figure_line(figure: Figure, source: bool = True) -> str:
    """One figure: year, what it is, as stated, and (unless the next figure has the same) its source."""
    where = f"（来源：{figure.source}）" if source and figure.source else ""
    return f"{figure.year}年“{figure.label}”{figure.stated}{where}"


def sentence_line(sentence: Sentence) -> str:
    """A sentence followed by the figures it states, a source shared by neighbouring figures given once."""
    figures = sentence.figures
    said = [figure_line(f, n + 1 == len(figures) or figures[n + 1].source != f.source) for n, f in enumerate(figures)]
    return f"“{sentence.text.lstrip('，；')}”：" + "、".join(said)


def trace_lines(report: Report) -> list[str]:
    """Every drafted sentence with its figures, in printed order."""
    return [sentence_line(s) for s in report.sentences]
