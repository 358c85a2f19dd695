"""Model: reading a reported figure (strict pattern, qualifiers, 万/亿) and writing it back for people and files."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from gjj_dash.model.memo import short_texts

# Placeholders that mean "nothing reported" in published tables (after NFKC).
PLACEHOLDERS = frozenset({"", "——", "—", "-", "--", "–", "/", "无", "空", "——/"})
AT_LEAST = ("余", "多", "以上", "超")
ABOUT = ("近", "约")
QUALIFIERS = ("",) + AT_LEAST + ABOUT
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
KNOWN_UNITS = ("人次", "篇次", "万元", "条", "件", "次", "篇", "个", "人", "份", "期", "元", "名", "项", "场")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "—", "\ufe63": "-", "\uff0d": "-"})
_PATTERN = re.compile(
    r"(?P<pre>约|近|超过|超|逾)?"
    r"(?P<sign>[-+])?"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"(?P<mult>万|亿)?"
    r"(?P<post>余|多|以上|左右)?"
    r"(?P<unit>" + "|".join(KNOWN_UNITS) + r")?",
    re.ASCII,
)
_PRE = {"超过": "超", "逾": "超"}
_POST = {"左右": "约"}


class NumberError(ValueError):
    """A cell that is neither a figure nor a recognised placeholder; the message is Chinese."""


@dataclass(frozen=True)
class Reading:
    """A parsed cell: the figure (None when blank), its qualifier, and the unit written inside the cell, if any."""

    value: float | None
    qualifier: str = ""
    blank: bool = False
    unit: str = ""

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier)


def _normalise_text(text: str) -> str:
    """NFKC, minus look-alikes folded, inner white space removed: the form labels and numbers are matched in."""
    folded = unicodedata.normalize("NFKC", text).translate(_MINUS)
    return re.sub(r"\s+", "", folded)


# An import normalises each cell several times (detection, reading, checking); NFKC can lengthen a character
# eighteenfold, so the bound is on the text and its result together (16,384 × 128 characters: about 10 MB).
normalise_text = short_texts(_normalise_text, chars=128, entries=16384)


def parse_number(raw: str) -> Reading:
    """Read one cell with one strict pattern; raise NumberError for anything else (nan, inf, 1_000, 1e5 …)."""
    text = normalise_text(raw)
    if text in PLACEHOLDERS:
        return Reading(None, "", True)
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise NumberError(f"“{raw.strip()[:40]}”不是有效的数字")
    pre, post = match["pre"], match["post"]
    if pre and post:
        raise NumberError(f"“{raw.strip()[:40]}”同时带有两个约数修饰")
    qualifier = _PRE.get(pre or "", pre or "") or _POST.get(post or "", post or "")
    number = float(match["int"].replace(",", "") + ("." + match["frac"] if match["frac"] else ""))
    number *= MULTIPLIERS.get(match["mult"] or "", 1)
    if match["sign"] == "-":
        number = -number
    if not math.isfinite(number):
        raise NumberError(f"“{raw.strip()[:40]}”超出可表示的范围")
    return Reading(number, qualifier, False, match["unit"] or "")


def plain_number(value: float) -> str:
    """A figure without separators: integers as integers, decimals without trailing zeros."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def cell_text(value: float | None, qualifier: str = "", blank: bool = False) -> str:
    """A figure as an official table cell holds it ("204", "19000余", "" for blank)."""
    if blank or value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = plain_number(value)
    if qualifier in ("近", "约", "超"):
        return qualifier + number
    return number + qualifier


def decimals_of(raw: str) -> int | None:
    """How many decimals a figure was printed with ("73802895.90元" → 2, "204" → 0), None when its text is not one
    figure (or uses 万/亿, whose decimals are not the figure's)."""
    try:
        match = _PATTERN.fullmatch(normalise_text(raw or ""))
    except TypeError:
        return None
    return None if match is None or match["mult"] else len(match["frac"] or "")


def display(
    value: float | None, qualifier: str = "", blank: bool = False, lang: str = "zh", decimals: int | None = None
) -> str:
    """A figure for people: thousands separators, 19,000+ for 余, ≈ for 约/近, — for a blank cell; with the decimals
    it was printed with when known (73,802,895.90 stays so), else as few as it needs."""
    if blank or value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if decimals is not None:
        number = f"{value:,.{decimals}f}"
    elif float(value).is_integer():
        number = f"{int(value):,}"
    else:
        number = f"{value:,.6f}".rstrip("0").rstrip(".")
    if qualifier in AT_LEAST:
        return number + "+"
    if qualifier == "近":
        return ("近" if lang == "zh" else "nearly ") + number
    if qualifier == "约":
        return ("约" if lang == "zh" else "about ") + number
    return number
