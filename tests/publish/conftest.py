"""Fixtures of the annual-report tests: the fixture years as datasets, and each year's draft built once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gjj_dash.model.values import Dataset
from gjj_dash.publish.annual_report.blocks import Report
from gjj_dash.publish.annual_report.report import build_report, write_report
from gjj_dash.store.dataset import load_dataset
from tests.support.years import YEARS, data_dir

FORMATS = YEARS / "formats"  # bundled 2016 (old), Shanghai 2019 (2019 format), Pingtan 2021 (2021 format)
FORMAT_YEARS = (2016, 2019, 2021)


@pytest.fixture(scope="session")
def formats() -> Dataset:
    """The formats set: one year of each format (read in place, never written)."""
    return load_dataset(FORMATS)


@pytest.fixture(scope="session")
def drafts(formats: Dataset) -> Callable[[int], Report]:
    """The report of a formats-set year, built once."""
    built: dict[int, Report] = {}

    def get(year: int) -> Report:
        if year not in built:
            built[year] = build_report(formats, year)
        return built[year]

    return get


@pytest.fixture(scope="session")
def drafted(drafts: Callable[[int], Report]) -> Callable[[int, str], bytes]:
    """The file of a formats-set year (docx or html), written once."""
    written: dict[tuple[int, str], bytes] = {}

    def get(year: int, kind: str) -> bytes:
        if (year, kind) not in written:
            written[(year, kind)] = write_report(drafts(year), kind)
        return written[(year, kind)]

    return get


@pytest.fixture(scope="session")
def across_formats(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Old-format 2016–2018 (trend set), then a 2019-format 2019 (appeals set): year-on-year and a format change."""
    folder: Path = data_dir(tmp_path_factory.mktemp("across"), "trend", "appeals")
    return load_dataset(folder)
