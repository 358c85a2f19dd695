"""The benchmark's synthetic 20-year store loads like real data and is never mistaken for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import SYNTHETIC, build
from gjj_dash.model.series import harmonised_series
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store.dataset import load_dataset


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("synth") / "data")


def test_twenty_years_in_three_formats(synthetic: Path) -> None:
    """2006–2025 load with load_dataset: the old table to 2018, the 2019 format for 2019–2020, 2021's after."""
    dataset = load_dataset(synthetic)
    assert dataset.years == list(range(2006, 2026))
    formats = {year: dataset.format_of(year) for year in dataset.years}
    assert [y for y, f in formats.items() if f == "new2019"] == [2019, 2020]
    assert [y for y, f in formats.items() if f == "new2021"] == [2021, 2022, 2023, 2024, 2025]
    assert sum(f == "old" for f in formats.values()) == 13


def test_every_cell_is_a_catalogue_cell_and_marked_synthetic(synthetic: Path) -> None:
    """Rows and columns come from the catalogue; every source and title but the bundled 2016's says 合成数据."""
    dataset = load_dataset(synthetic)
    cat = dataset.catalogue
    table = dataset.values[dataset.values["format"] != "measure"]
    assert set(table["indicator"]) <= set(cat.indicators)
    for fmt, item, column in table[["format", "indicator", "column"]].drop_duplicates().itertuples(index=False):
        ind = cat.indicators[item]
        assert ind.format == fmt
        assert column in {c.id for c in cat.columns_of(fmt, ind.table)}
    made = dataset.values[dataset.values["year"] != 2016]
    assert set(made["source"]) == {SYNTHETIC}
    assert all("合成数据" in dataset.reports[y]["title"] for y in dataset.years if y != 2016)


def test_the_bundled_year_is_copied_unchanged(synthetic: Path) -> None:
    """2016 is the bundled report byte for byte, so a page showing 2016 differs only by the other nineteen years."""
    copied, bundled = synthetic / "years" / "2016", BUNDLED_DATA / "years" / "2016"
    for name in ("values.csv", "report.json"):
        assert (copied / name).read_bytes() == (bundled / name).read_bytes()


def test_halls_are_per_branch_from_2013(synthetic: Path) -> None:
    """Hall counts are given per 管理部 from 2013 and as the centre total before."""
    dataset = load_dataset(synthetic)
    assert dataset.units_reporting(2012, "halls.windows") == ["centre"]
    assert dataset.units_reporting(2025, "halls.windows") == ["bole", "jinghe", "wenquan"]
    series = harmonised_series(dataset)
    windows = series[series["series"] == "windows"].set_index("year")
    assert bool(windows.loc[2025, "by_branch"]) and not bool(windows.loc[2012, "by_branch"])


def test_matrix_totals_add_up(synthetic: Path) -> None:
    """Section 三 of a new-format year: 总计 column = sum of applicant columns; 一 + 二 = 三 + 四."""
    dataset = load_dataset(synthetic)

    def cell(item: str, column: str) -> float:
        return dataset.cell(2023, item, column).value

    parts = ["natural", "commercial", "research", "public_interest", "legal_services", "other"]
    assert cell("n21.s3.total", "total") == sum(cell("n21.s3.total", c) for c in parts)
    assert cell("n21.s3.new_received", "total") + cell("n21.s3.carried_over", "total") == (
        cell("n21.s3.total", "total") + cell("n21.s3.carried_forward", "total")
    )


def test_refuses_to_write_into_the_bundled_data() -> None:
    """The synthetic store can never be built inside the checkout's data/."""
    with pytest.raises(ValueError, match="data/"):
        build(BUNDLED_DATA / "synthetic")
