"""Short texts worked on once (gjj_dash.model.memo): the same answers as without the memo, each short text built
once, long texts or long answers never kept, and the memo emptied when full — bounded whatever the data."""

from __future__ import annotations

from gjj_dash.model.memo import short_texts
from gjj_dash.model.numbers import _normalise_text, normalise_text


def _counted(chars: int, entries: int):
    calls: list[str] = []

    def build(text: str) -> str:
        calls.append(text)
        return text.upper()

    return short_texts(build, chars=chars, entries=entries), calls


def test_a_short_text_is_built_once_and_a_long_one_every_time() -> None:
    upper, calls = _counted(chars=10, entries=8)
    assert [upper("ab"), upper("ab"), upper("abcdef"), upper("abcdef")] == ["AB", "AB", "ABCDEF", "ABCDEF"]
    assert calls == ["ab", "abcdef", "abcdef"]  # 6 + 6 characters are over the bound of 10


def test_a_full_memo_starts_again_empty() -> None:
    upper, calls = _counted(chars=10, entries=2)
    for text in ("a", "b", "c", "a"):
        upper(text)
    assert calls == ["a", "b", "c", "a"]  # "c" emptied the memo holding a and b


def test_normalised_text_is_the_same_with_the_memo() -> None:
    for text in (" 1 9 0 0 0 余 ", "\uff11\uff12\uff13", "\u2212" + "5", "\ufdfa" * 3, "x" * 200, "（一）主动公开"):
        assert normalise_text(text) == _normalise_text(text) == normalise_text(text)
