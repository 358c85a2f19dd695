"""Model: official row and column labels matched after normalisation — NFKC, no white space, variants folded.

Variants seen in real reports (formats.md §3.3–3.4) are data here: a label as written → the catalogue's wording.
"""

from __future__ import annotations

import re

from gjj_dash.model.catalogue import Catalogue, Column, Indicator
from gjj_dash.model.numbers import normalise_text

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]"})
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
# Row labels by format: the other version's wording, and wordings of third-party tables (keys already normalised).
ROW_ALIASES: dict[str, dict[str, str]] = {
    "new2021": {"规范性文件": "行政规范性文件", "四、结转下一年度继续办理": "四、结转下年度继续办理"},
    "new2019": {"行政规范性文件": "规范性文件", "四、结转下一年度继续办理": "四、结转下年度继续办理"},
    "old_fujian": {"受理政府信息依申请公开总数": "受理依申请公开信息总数"},  # Fujian's 2017 table (formats.md §1.2)
}
COLUMN_ALIASES: dict[str, str] = {
    "现行有效件": "现行有效件数",
    "本年制发件": "本年制发件数",
    "本年废止件": "本年废止件数",
    "本年收费金额": "本年收费金额(单位:万元)",
    "本年收费金额(万元)": "本年收费金额(单位:万元)",
    "本年增减": "本年增/减",
}


def label_key(text: str) -> str:
    """A label in the form rows are matched in: NFKC, no white space, quotes folded, “1、” as “1.”, no “其中:”."""
    key = normalise_text(text).translate(_QUOTES)
    return re.sub(r"^(\d+)、", r"\1.", key).removeprefix("其中:")


def stem(key: str) -> str:
    """A matched label without its numbering (“一、”, “(一)”, “1.”), for labels typed without it."""
    return _NUMBERING.sub("", key)


_CACHE: dict[tuple[int, str, str], tuple[Catalogue, object]] = {}


def cached(catalogue: Catalogue, name: str, fmt: str, build):
    """Built once per catalogue object and format (the catalogue holds dicts, so it cannot be a cache key itself)."""
    key = (id(catalogue), name, fmt)
    if key not in _CACHE or _CACHE[key][0] is not catalogue:
        _CACHE[key] = (catalogue, build(catalogue, fmt))
    return _CACHE[key][1]


def row_index(catalogue: Catalogue, fmt: str) -> dict[str, list[Indicator]]:
    """Every way a row of a format may be written (full label, aliases, unique stems) → its catalogue rows."""
    return cached(catalogue, "rows", fmt, _row_index)


def _row_index(catalogue: Catalogue, fmt: str) -> dict[str, list[Indicator]]:
    rows = catalogue.rows(fmt)
    index: dict[str, list[Indicator]] = {}
    for ind in rows:
        index.setdefault(label_key(ind.label), []).append(ind)
    for alias, target in ROW_ALIASES.get(fmt, {}).items():
        if target in index and alias not in index:
            index[alias] = index[target]
    stems: dict[str, list[Indicator]] = {}
    for ind in rows:
        stems.setdefault(stem(label_key(ind.label)), []).append(ind)
    for key, found in stems.items():
        if key and key not in index and len({i.label for i in found}) == 1:
            index[key] = found
    return index


def find_rows(catalogue: Catalogue, fmt: str, text: str) -> list[Indicator]:
    """The catalogue rows a written label can mean in a format (several when the label repeats, as in the old table)."""
    index = row_index(catalogue, fmt)
    key = label_key(text)
    return index.get(key) or index.get(stem(key)) or []


def find_column(catalogue: Catalogue, ind: Indicator, text: str) -> Column | None:
    """The value column of a row's table that a header (or a column id) names."""
    columns = catalogue.columns_of(ind.format, ind.table)
    key = label_key(text)
    key = COLUMN_ALIASES.get(key, key)
    for col in columns:
        if text == col.id or key == label_key(col.label):
            return col
    return None


def column_keys(catalogue: Catalogue, fmt: str) -> frozenset[str]:
    """Every header a value column of a format may carry (normalised), aliases included."""
    return cached(catalogue, "columns", fmt, _column_keys)


def _column_keys(catalogue: Catalogue, fmt: str) -> frozenset[str]:
    keys = {label_key(c.label) for (f, _), cols in catalogue.columns.items() if f == fmt for c in cols}
    return frozenset(keys | {a for a, target in COLUMN_ALIASES.items() if target in keys})
