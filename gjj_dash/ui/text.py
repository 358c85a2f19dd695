"""UI: text from data (an upload, the store, a finding) shown through Streamlit's Markdown exactly as written — the
one escape every page uses, so no uploaded string can become a link, an image, colour, maths, code or emphasis."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gjj_dash.model.memo import short_texts

# What Streamlit's Markdown reads inline: emphasis and code (* _ ` ~), links and images ([ ] ( ) !), directives and
# icons (:red[…], :material/…:), maths ($), HTML and autolinks (< >), tables (|), and the escape itself.
_INLINE = re.compile(r"([\\`*_~\[\](){}!:$<>|#&])")
# What it reads at the start of a line: list items, rules, setext underlines, numbered items (“1.”).
_MARKER = re.compile(r"(?m)^([ \t]*)([-+=])")
_NUMBERED = re.compile(r"(?m)^([ \t]*\d+)\.")
# GitHub's autolink literals (http://…, www.…, a@b.c) are found in the text after escapes are undone, so no escape
# stops them: an invisible word joiner inside the pattern does (after the “:” of “://”, after “www”, after “@”).
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)")
JOINER = "\u2060"


def plain(text: object) -> str:
    """Any text (an uploaded label, a file name, a body's name, a sentence of a report) as Markdown that shows it
    character for character and is read as nothing else."""
    return _escaped(str(text))


def _escape(text: str) -> str:
    shown = _AUTOLINK.sub(JOINER, text)
    shown = _INLINE.sub(r"\\\1", shown)
    return _NUMBERED.sub(r"\1\\.", _MARKER.sub(r"\1\\\2", shown))


# A page escapes the same labels, units and sources on every run (some 80 texts on the overview).
_escaped = short_texts(_escape, chars=600, entries=8192)


def lines(texts: Iterable[object]) -> str:
    """Several texts, each escaped, one a line (Markdown's hard line break between them)."""
    return "  \n".join(plain(text) for text in texts)
