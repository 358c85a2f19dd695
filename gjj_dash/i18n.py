"""Text: the app's own text in Chinese and English, read from data/i18n/*.csv (one file per area)."""

from __future__ import annotations

import csv
from functools import cache

from gjj_dash.paths import BUNDLED_DATA

LANGS = ("zh", "en")


@cache
def strings() -> dict[str, dict[str, str]]:
    """Every UI string by key, each with its zh and en text."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted((BUNDLED_DATA / "i18n").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["key"] in out:
                    raise ValueError(f"{path.name}: 重复的键 {row['key']}")
                out[row["key"]] = {"zh": row["zh"], "en": row["en"] or row["zh"]}
    return out


def t(key: str, lang: str = "zh", /, **values: object) -> str:
    """The text of a key in a language, with {placeholders} filled in."""
    text = strings()[key]["en" if lang == "en" else "zh"]
    return text.format(**values) if values else text
