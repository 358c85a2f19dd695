"""Fixtures of the store's tests."""

from __future__ import annotations

import pytest

from tests.support.clock import Clock


@pytest.fixture
def clock() -> Clock:
    """A fresh hand-moved wall clock."""
    return Clock()
