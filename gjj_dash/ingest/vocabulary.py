"""Ingest: the words of the statistics tables — every format's row labels, column heads, table titles and captions —
that tell a table's cells from a report's prose, and a figure from a word.

A printed row is part of a statistics table when it holds a figure or one of these words; a label cut by a line or
page break is whole again when its pieces join into one of them.
"""

from __future__ import annotations

import re

from gjj_dash.model.catalogue import Catalogue
from gjj_dash.model.labels import cached, column_keys, label_key, row_index, stem
from gjj_dash.model.numbers import PLACEHOLDERS, NumberError, normalise_text, parse_number

# Words printed in the tables' heads that are no row or column of the catalogue.
HEAD_WORDS = frozenset({"信息内容", "项目", "统计指标", "指标名称", "指标", "类别", "情况", "单位", "计量单位",
                        "申请人情况", "法人或其他组织", "行政诉讼", "本年度", "历年累计", "统计数"})  # fmt: skip


def words(catalogue: Catalogue) -> frozenset[str]:
    """Every table word of every format, normalised as labels are matched (label_key), stems included."""
    return cached(catalogue, "table-words", "", _build)


def _build(catalogue: Catalogue, _: str) -> frozenset[str]:
    found: set[str] = set(HEAD_WORDS)
    for fmt in catalogue.formats:
        index = row_index(catalogue, fmt)
        found |= set(index) | {stem(k) for k in index}
        found |= column_keys(catalogue, fmt)
        found.add(label_key(catalogue.formats[fmt].table_title))
    for table in catalogue.tables.values():
        found |= {label_key(table.title), label_key(table.caption)}
    return frozenset(found - {""})


def is_word(text: str, catalogue: Catalogue) -> bool:
    """Whether a cell's text is a word of the tables (a row label, a column head, a title or caption)."""
    key = label_key(text)
    return bool(key) and (key in words(catalogue) or stem(key) in words(catalogue))


def is_figure(text: str) -> bool:
    """Whether a cell holds a figure (a number, with its qualifier or unit), not a blank or a word."""
    try:
        return not parse_number(text).blank
    except NumberError:
        return False


def is_placeholder(text: str) -> bool:
    """A cell printed blank or with a placeholder for “nothing” (—, /, 无)."""
    return normalise_text(text) in PLACEHOLDERS


def is_row_label(text: str, catalogue: Catalogue) -> bool:
    """Whether a cell is a row label of some format (a data row starts with one, a head row does not)."""
    key = label_key(text)
    return bool(key) and key not in HEAD_WORDS and any(
        key in row_index(catalogue, fmt) or stem(key) in row_index(catalogue, fmt) for fmt in catalogue.formats)


def mentions(text: str, catalogue: Catalogue) -> bool:
    """Whether a page's text (white space ignored) prints two of the tables' head or row words: a page holding a
    table (the prose names one now and then: “1件结转下年度继续办理”)."""
    found = cached(catalogue, "table-pattern", "", _pattern).findall(re.sub(r"\s+", "", text))
    return len(set(found)) >= 2


def _pattern(catalogue: Catalogue, _: str) -> re.Pattern:
    heads = {label_key(c.label) for cols in catalogue.columns.values() for c in cols} | HEAD_WORDS
    rows = {stem(label_key(i.label)) for i in catalogue.indicators.values() if i.has_value}
    distinctive = sorted((w for w in heads | rows if len(w) >= 4 and w not in _COMMON), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in distinctive))


# Words a report's prose uses as often as its tables do: they say nothing about a page holding a table.
_COMMON = frozenset({"行政复议", "行政诉讼", "行政许可", "行政处罚", "行政强制", "重复申请"})
