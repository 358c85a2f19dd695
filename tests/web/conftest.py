"""Fixtures of the web tests: the bare `gjj-dash serve` processes (no deploy/ config), shared by the modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import servers


def _bare(tmp_path_factory: pytest.TempPathFactory, kind: str) -> Iterator[servers.Server]:
    server = servers.start(tmp_path_factory.mktemp(f"bare-{kind}"), kind, deployed=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def bare_public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve --public` with no deploy/ config in HOME: only its own flags and the checkout's config."""
    yield from _bare(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def bare_staff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Server]:
    """`gjj-dash serve` (staff) with no deploy/ config in HOME."""
    yield from _bare(tmp_path_factory, "staff")
