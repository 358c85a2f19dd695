"""A figure as pages show it: a blank printed 总计 whose row has figures is the row's sum, marked as the
dashboard's (derived), alike for one cell, a harmonised sum and the quality checks (model/totals is the one rule)."""

from __future__ import annotations

import pytest

from gjj_dash.figures.facts import fact, series_fact
from gjj_dash.figures.tabulate import note_of
from gjj_dash.model.series import harmonised_series
from gjj_dash.model.totals import derived_totals
from gjj_dash.model.values import Dataset
from gjj_dash.quality.grid import Grid
from gjj_dash.store.dataset import load_dataset
from tests.support.years import YEARS


@pytest.fixture(scope="module")
def formats() -> Dataset:
    """Bundled 2016, Shanghai 2019 (detail-row 总计 cells printed blank) and Pingtan 2021 as fixture years."""
    return load_dataset(YEARS / "formats")


def test_a_blank_total_with_figures_in_its_row_is_the_rows_sum_marked_derived(formats: Dataset) -> None:
    """Shanghai 2019 prints 1.属于国家秘密's 总计 blank; its columns add up to 14: the fact is 14, derived, shown as
    "— 未填报（该行各列之和 14）" and noted as computed by the dashboard."""
    item = fact(formats, 2019, "n19.s3.refused_state_secret", "zh", column="total")
    assert (item.value, item.blank, item.derived, item.missing) == (14.0, False, 1, False)
    assert item.display == "— 未填报（该行各列之和 14）"
    assert note_of(item, "zh") == "统计表“总计”栏未填报；该行各列有数，按各列之和计入（由看板计算，不当作 0）"


def test_a_printed_total_is_not_derived(formats: Dataset) -> None:
    """Pingtan 2021 prints its 总计 cells (（一）予以公开 30): nothing is derived there."""
    item = fact(formats, 2021, "n21.s3.disclosed", "zh", column="total")
    assert (item.value, item.derived) == (30.0, 0) and item.display == "30"


def test_a_harmonised_sum_says_how_many_of_its_cells_are_derived(formats: Dataset) -> None:
    """outcome_refused in 2019 sums eight 总计 cells: four blank (counted as 0), four standing for their row's sum."""
    item = series_fact(formats, harmonised_series(formats), 2019, "outcome_refused", "zh")
    assert (item.value, item.derived, item.blank_cells, item.cells) == (35.0, 4, 4, 8)
    note = note_of(item, "zh")
    assert "其中 4 格统计表未填报，按 0 计入" in note
    assert "其中 4 格“总计”未填报，按该行各列之和计入（由看板计算）" in note


def test_the_quality_checks_read_the_same_derived_totals(formats: Dataset) -> None:
    """The grid's stand-ins are exactly the rule's (centre cells): eleven in Shanghai 2019, none elsewhere."""
    rule = {(y, i, c): v for (y, unit, i, c), v in derived_totals(formats.values, formats.catalogue).items()}
    grid = Grid(formats.values, formats.catalogue, formats.reports)
    assert grid.stand_ins == rule and len(rule) == 11 and {y for y, _, _ in rule} == {2019}
