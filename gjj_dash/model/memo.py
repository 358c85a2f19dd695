"""Model: short texts worked on once — a file or a page repeats its labels, units and sources, and the same text is
normalised or escaped many times. Only a short text with a short result is kept, in a dict emptied when full, so
the memory it takes is bounded whatever the data: at most `entries` × `chars` characters. Shared by the server's
threads (a dict's get and set are atomic; a race at worst adds a few entries past the bound before it empties)."""

from __future__ import annotations

import functools
from collections.abc import Callable


def short_texts(build: Callable[[str], str], *, chars: int, entries: int) -> Callable[[str], str]:
    """`build` with its answers kept for texts whose length and answer's length together are at most `chars`."""
    kept: dict[str, str] = {}

    @functools.wraps(build)
    def worked(text: str) -> str:
        known = kept.get(text)
        if known is not None:
            return known
        made = build(text)
        if len(text) + len(made) <= chars:
            if len(kept) >= entries:
                kept.clear()
            kept[text] = made
        return made

    return worked
