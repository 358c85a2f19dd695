"""Model: the fixed words of the printed statistics form — its column heads — and the unit a row prints."""

from __future__ import annotations

from gjj_dash.model.catalogue import Catalogue, Column, Indicator

LABEL_HEADER = "统计指标"
UNIT_HEADER = "单位"
# The new formats print no 统计指标 column head: their 第二十条 tables head the label column 信息内容.
ITEM_HEADER = "信息内容"


def printed_unit(catalogue: Catalogue, ind: Indicator, columns: tuple[Column, ...]) -> str:
    """The unit a row prints: its own, or its columns' units in order where they differ (“个 / 元”)."""
    if not ind.has_value:
        return ind.unit
    units = list(dict.fromkeys(catalogue.unit_of(ind.id, c.id) for c in columns))
    return " / ".join(u for u in units if u)
