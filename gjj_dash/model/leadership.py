"""Model: the leadership indicators (data/catalogue/leadership.csv) as frozen objects — each a rate of harmonised
series, or a series' change on the year before, with its formula in words, unit and direction."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gjj_dash.model.catalogue import Catalogue, CatalogueError, load_catalogue
from gjj_dash.paths import CATALOGUE_DIR

LEADERSHIP_FILE = "leadership.csv"
KINDS = ("rate", "change")
DIRECTIONS = ("higher", "lower", "neutral")


@dataclass(frozen=True)
class KeyIndicator:
    """One indicator leadership steers by: numerator and denominator are harmonised series (summed), so each format
    reads the rows the crosswalk maps; a `change` compares its one series with the year before."""

    id: str
    seq: int
    kind: str
    label: str
    label_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    unit: str
    direction: str
    formula: str
    formula_en: str
    zero: str
    zero_en: str
    definition: str
    definition_en: str

    def name(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label

    def formula_text(self, lang: str = "zh") -> str:
        return self.formula_en if lang == "en" else self.formula

    def zero_text(self, lang: str = "zh") -> str:
        """What a denominator of 0 means, in words ("本年无办结申请"), never "0 %"."""
        return self.zero_en if lang == "en" else self.zero

    def explain(self, lang: str = "zh") -> str:
        return self.definition_en if lang == "en" else self.definition

    @property
    def series(self) -> tuple[str, ...]:
        """Every harmonised series the indicator reads, numerator first."""
        return tuple(dict.fromkeys((*self.numerator, *self.denominator)))


def _terms(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("+") if part.strip())


def _indicator(seq: int, row: dict[str, str], catalogue: Catalogue, line: int) -> KeyIndicator:
    where = f"{LEADERSHIP_FILE} 第{line}行"
    fields = {k: (v or "").strip() for k, v in row.items() if k is not None}
    numerator, denominator = _terms(fields.pop("numerator", "")), _terms(fields.pop("denominator", ""))
    if fields.get("kind") not in KINDS or fields.get("direction") not in DIRECTIONS:
        raise CatalogueError(f"{where}：类型或方向无效（类型 {'/'.join(KINDS)}，方向 {'/'.join(DIRECTIONS)}）")
    if fields["kind"] == "rate" and not (numerator and denominator):
        raise CatalogueError(f"{where}：比率指标须有分子和分母")
    if fields["kind"] == "change" and (len(numerator) != 1 or denominator):
        raise CatalogueError(f"{where}：同比变化指标只写一个序列（分子），不写分母")
    unknown = [s for s in (*numerator, *denominator) if s not in catalogue.harmonised]
    if unknown:
        raise CatalogueError(f"{where}：未知的统一口径序列 {'、'.join(unknown)}（见 harmonised.csv）")
    try:
        return KeyIndicator(seq=seq, numerator=numerator, denominator=denominator, **fields)
    except TypeError as exc:
        raise CatalogueError(f"{where}：列不符（{exc}）") from exc


@cache
def load_key_indicators(folder: Path = CATALOGUE_DIR) -> dict[str, KeyIndicator]:
    """Every leadership indicator in file order; a row naming an unknown series is a catalogue error."""
    catalogue = load_catalogue(folder)
    with (folder / LEADERSHIP_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        out: dict[str, KeyIndicator] = {}
        for seq, row in enumerate(reader):
            found = _indicator(seq, row, catalogue, reader.line_num)
            if found.id in out:
                raise CatalogueError(f"{LEADERSHIP_FILE} 第{reader.line_num}行：指标编号重复 {found.id}")
            out[found.id] = found
    return out
