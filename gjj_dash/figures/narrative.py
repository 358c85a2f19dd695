"""Figures: what the report's text says beside the table — restatements compared, both kept, disagreement said."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from gjj_dash.figures.facts import Fact, fact
from gjj_dash.figures.tabulate import named
from gjj_dash.i18n import t
from gjj_dash.model.values import Dataset

Pair = tuple[Fact, Fact]


def restatements(dataset: Dataset, year: int, rows: Iterable[str], lang: str) -> list[Pair]:
    """(table figure, narrative figure) for each narrative measure of the year that restates one of the rows."""
    wanted = set(rows)
    pairs = []
    for measure in dataset.catalogue.measures.values():
        if measure.restates in wanted:
            text = fact(dataset, year, measure.id, lang)
            if not text.missing:
                pairs.append((fact(dataset, year, measure.restates, lang), text))
    return pairs


def agree(table: Fact, text: Fact) -> bool:
    """Whether the text and the table give the same figure (a blank cell agrees with a text saying none)."""
    if table.missing:
        return False
    return table.amount == text.amount and (table.reported or text.amount == 0)


def text_figure(text: Fact, lang: str) -> str:
    """A narrative figure as the report gives it: a statement in quotes, or the figure with its unit."""
    if text.text and text.raw and not text.raw[0].isdigit():
        return f"“{text.text}”"
    return table_figure(text)


def table_figure(table: Fact) -> str:
    """A table figure with its unit ("3 个"), or just "— 未填报" for a blank cell."""
    return table.display if not table.reported else f"{table.display} {table.unit}".strip()


def verdict(pair: Pair, lang: str) -> str:
    """One line on a pair: agreeing, or disagreeing with both figures."""
    table, text = pair
    if table.missing:
        return t("pub.table_missing", lang)
    if agree(table, text):
        return t("pub.agree", lang)
    return t("pub.disagree_short", lang, table=table_figure(table), text=text_figure(text, lang))


def disagreements(pairs: Iterable[Pair], lang: str) -> list[str]:
    """A sentence for each pair where the text and the table differ, naming both figures and keeping both."""
    out = []
    for table, text in pairs:
        if not table.missing and not agree(table, text):
            out.append(
                t("pub.disagree", lang, source=table.source, table=table_figure(table),
                  text=text_figure(text, lang), section=text.source)
            )
    return out


def comparison_table(pairs: Iterable[Pair], lang: str) -> pd.DataFrame:
    """Table row, its figure, what the text says, and whether they agree."""
    return pd.DataFrame(
        [
            {
                **named(table.label, table.official, lang),
                t("pub.table_figure", lang): table.display,
                t("pub.text_figure", lang): text_figure(text, lang),
                t("common.unit", lang): table.unit,
                t("pub.text_source", lang): text.source,
                t("pub.compare", lang): verdict((table, text), lang),
            }
            for table, text in pairs
        ]
    )


def statements(dataset: Dataset, year: int, rows: Iterable[str], lang: str) -> list[str]:
    """The texts the report gives for rows (e.g. 中心未接到政府信息公开申请), in catalogue order."""
    return [text.text for _, text in restatements(dataset, year, rows, lang) if text.text]


def report_words(dataset: Dataset, year: int, item: str, lang: str) -> str:
    """What the report's text says of a row, or of the rows a harmonised series reads in the year's format: its
    sentence in quotes where it gives one (“中心未接到政府信息公开申请”), else its figure where that differs from the
    table's ("17 个"); "" when the text says nothing more."""
    cat = dataset.catalogue
    if item in cat.harmonised:
        fmt = dataset.format_of(year)
        rows = [m.indicator for m in cat.harmonised[item].mappings if m.format == fmt]
    else:
        rows = [item]
    said = [text for table, text in restatements(dataset, year, rows, lang) if text.text or not agree(table, text)]
    return "；".join(f"“{text.text}”" if text.text else table_figure(text) for text in said)
