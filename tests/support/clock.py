"""Test support: a hand-moved wall clock, for what counts time (the login throttle, the login sessions)."""

from __future__ import annotations


class Clock:
    """A wall clock that moves only when a test sets `now`."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now
