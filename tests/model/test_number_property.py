"""Properties of the number reader: every way a report writes a figure reads back exactly; nothing else is accepted."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gjj_dash.ingest.readers import read_upload
from gjj_dash.model.numbers import PLACEHOLDERS, NumberError, cell_text, display, normalise_text, parse_number
from tests.support.uploads import csv_bytes, rows_2017, set_value

FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
counts = st.integers(min_value=0, max_value=10**15)
# Qualifiers as cell_text writes them: 近/约/超 before the figure, 余/多/以上 after it.
qualifiers = st.sampled_from(["", "余", "多", "以上", "超", "近", "约"])


@given(counts)
def test_plain_thousands_and_full_width_integers_read_exactly(n: int) -> None:
    """204, 1,234,567 and full-width １２３ all read to the same exact figure with no qualifier."""
    for text in (str(n), f"{n:,}", f"{n:,}".translate(FULL_WIDTH), f"  {n}\u3000"):
        reading = parse_number(text)
        assert (reading.value, reading.qualifier, reading.blank) == (n, "", False)


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["-", "\u2212", "\uff0d", "\u2013"]))
def test_every_minus_look_alike_reads_as_minus(n: int, minus: str) -> None:
    """U+2212, full-width and en-dash minus signs are the same sign (signed 本年增/减 cells)."""
    assert parse_number(f"{minus}{n}").value == -n


@given(counts, qualifiers)
def test_cell_text_round_trips_with_its_qualifier(n: int, qualifier: str) -> None:
    """What the export writes (“19000余”, “近1000”) reads back to the same figure and qualifier."""
    reading = parse_number(cell_text(n, qualifier))
    assert (reading.value, reading.qualifier) == (n, qualifier)
    shown = display(n, qualifier)
    assert shown.endswith("+") == (qualifier in ("余", "多", "以上", "超"))


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from([("万", 10_000), ("亿", 100_000_000)]))
def test_wan_and_yi_multiply(n: int, multiplier: tuple[str, int]) -> None:
    """“550万” is 5,500,000 and “3亿” 300,000,000; “超2300万” keeps 超."""
    word, factor = multiplier
    assert parse_number(f"{n}{word}").value == n * factor
    reading = parse_number(f"超{n}{word}")
    assert (reading.value, reading.qualifier) == (n * factor, "超")


@given(st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False, allow_infinity=False))
def test_decimals_read_to_their_float(number: Decimal) -> None:
    """Amounts in 万元 with decimals (18651.06, 24252.311082) read to the float of the written digits."""
    text = format(number, "f")
    assert parse_number(text).value == float(text)


@given(st.text(max_size=30))
def test_any_text_is_a_reading_or_a_chinese_error(text: str) -> None:
    """No input makes the reader raise anything but NumberError, and a figure it returns is finite."""
    try:
        reading = parse_number(text)
    except NumberError as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc))
        return
    assert reading.blank or (reading.value is not None and math.isfinite(reading.value))


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12))
def test_text_with_latin_letters_is_never_a_number(text: str) -> None:
    """nan, inf, 1e5, 0x10 — anything with a Latin letter after NFKC — is refused, whatever float() would say."""
    if not re.search(r"[A-Za-z]", normalise_text(text)):
        return
    with pytest.raises(NumberError):
        parse_number(text)


@given(st.sampled_from(sorted(PLACEHOLDERS)), st.sampled_from(["", " ", "\u3000", "\t"]))
def test_placeholders_are_blank_not_zero(placeholder: str, space: str) -> None:
    """——, —, -, /, 无 and an empty cell mean “not reported”: blank, no figure."""
    reading = parse_number(space + placeholder + space)
    assert (reading.value, reading.blank) == (None, True)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["1", "12", "1234"]))
def test_misplaced_thousands_separators_are_refused(head: int, group: str) -> None:
    """“1,23” or “5,1234” is not a figure with separators: refused rather than guessed."""
    with pytest.raises(NumberError):
        parse_number(f"{head},{group}")


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["plain", "thousands", "full-width", "余", "约"]))
def test_uploaded_cell_reads_to_the_same_figure(n: int, form: str) -> None:
    """Through the whole reader (CSV → validation → frame) a written figure keeps its value and qualifier."""
    text = {
        "plain": str(n),
        "thousands": f"{n:,}",
        "full-width": f"{n:,}".translate(FULL_WIDTH),
        "余": f"{n}余",
        "约": f"约{n}",
    }[form]
    rows = set_value(rows_2017(), "(三)接受培训人员数", text)
    upload = read_upload(csv_bytes(rows), "t.csv", 2017)
    assert upload.ok
    row = upload.frame.set_index("indicator").loc["old.s9.trainees"]
    assert (row["value"], row["qualifier"], row["raw"]) == (n, form if form in ("余", "约") else "", text)
