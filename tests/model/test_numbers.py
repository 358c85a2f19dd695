"""The number reader and writer: one strict pattern, qualifiers and multipliers kept, placeholders blank."""

from __future__ import annotations

import pytest

from gjj_dash.model.numbers import NumberError, cell_text, decimals_of, display, parse_number
from gjj_dash.model.values import Cell


@pytest.mark.parametrize(
    ("raw", "value", "qualifier", "blank"),
    [
        ("204", 204, "", False),
        ("19000余", 19000, "余", False),
        ("１２３", 123, "", False),
        ("1,234", 1234, "", False),
        ("−5", -5, "", False),
        ("约120", 120, "约", False),
        ("近1000", 1000, "近", False),
        ("70多", 70, "多", False),
        ("1.2万", 12000, "", False),
        ("超2300万", 23_000_000, "超", False),
        ("100余篇", 100, "余", False),
        ("18651.06", 18651.06, "", False),
        ("", None, "", True),
        ("——", None, "", True),
        ("/", None, "", True),
        ("无", None, "", True),
        (" 0 ", 0, "", False),
    ],
)
def test_parse_number(raw: str, value: float | None, qualifier: str, blank: bool) -> None:
    """Each published way of writing a figure reads to value, qualifier and blank flag."""
    reading = parse_number(raw)
    assert (reading.value, reading.qualifier, reading.blank) == (value, qualifier, blank)


@pytest.mark.parametrize("raw", ["nan", "inf", "1_000", "1e5", "٣", "1,23", "abc", "12-3", "约120余"])
def test_parse_number_rejects(raw: str) -> None:
    """What float() would accept but a report never means is refused, with a Chinese message."""
    with pytest.raises(NumberError, match="数字|约数"):
        parse_number(raw)


@pytest.mark.parametrize(
    ("value", "qualifier", "blank", "shown", "cell"),
    [
        (13810, "", False, "13,810", "13810"),
        (19000, "余", False, "19,000+", "19000余"),
        (None, "", True, "—", ""),
        (0, "", False, "0", "0"),
        (1000, "近", False, "近1,000", "近1000"),
    ],
)
def test_display_and_cell_text(value, qualifier, blank, shown, cell) -> None:
    """People see separators and “+”; files get the figure as the table printed it."""
    assert display(value, qualifier, blank) == shown
    assert cell_text(value, qualifier, blank) == cell


@pytest.mark.parametrize(
    ("raw", "value", "shown"),
    [
        ("73802895.90元", 73802895.9, "73,802,895.90"),  # an amount keeps the two decimals it was printed with
        ("24252.311082", 24252.311082, "24,252.311082"),  # Pingtan 2021's fee in 万元: six decimals, not rounded
        ("75394432.52元", 75394432.52, "75,394,432.52"),
        ("204", 204.0, "204"),
        ("1.2万", 12000.0, "12,000"),  # 万: the printed decimals are not the figure's
    ],
)
def test_a_figure_keeps_its_printed_decimals(raw: str, value: float, shown: str) -> None:
    """display() with decimals_of(raw) writes the figure with exactly the decimals the report printed."""
    assert display(value, "", False, "zh", decimals_of(raw)) == shown


def test_a_cell_shows_its_printed_decimals() -> None:
    """A stored cell read back ("73802895.90元") shows 73,802,895.90 on every page, never 73,802,895.9."""
    cell = Cell(73802895.9, "", False, "73802895.90元", "", "")
    assert cell.display() == "73,802,895.90"
