"""Data-contract tests of the indicator catalogue: every official row, unit, relation and harmonised mapping."""

from __future__ import annotations

import pytest

from gjj_dash.model.catalogue import Catalogue
from tests.support.seed import annex_rows


def test_old_table_has_the_65_labelled_rows_of_the_seed_in_order(catalogue: Catalogue) -> None:
    """Labels and units of the old format are exactly those the seed's annex prints, in its order."""
    rows = [i for i in catalogue.rows("old") if i.level != "N"]
    assert [(i.label, i.unit) for i in rows] == [(label, unit) for label, unit, _ in annex_rows()]
    assert len(rows) == 65


def test_old_table_note_row_follows_the_disclosure_total(catalogue: Catalogue) -> None:
    """The stray note line of the printed table is kept as a note row under 一(一)."""
    rows = catalogue.rows("old")
    note = next(i for i in rows if i.level == "N")
    assert note.label == "(不同渠道和方式公开相同信息计1条)"
    assert rows[rows.index(note) - 1].id == "old.s1.disclosed"


@pytest.mark.parametrize(
    ("row", "level", "relation", "relation_to"),
    [
        ("old.s1", "H", "", ""),
        ("old.s1.normative_docs", "Q", "subset", "old.s1.disclosed"),
        ("old.s1.ch_website", "2", "channel", "old.s1.disclosed"),
        ("old.s2.press_conf_leader", "Q", "subset", "old.s2.press_conf"),
        ("old.s3.recv_fax", "2", "sum", "old.s3.received"),
        ("old.s3.refused_privacy", "Q", "sum", "old.s3.ans_refused"),
        ("old.s4.corrected", "1", "sum", "old.s4"),
        ("old.s8.staff_parttime", "2", "sum", "old.s8.staff"),
    ],
)
def test_rows_carry_level_and_arithmetic_relation(
    catalogue: Catalogue, row: str, level: str, relation: str, relation_to: str
) -> None:
    """Each row knows its printed level and how it relates to its total."""
    ind = catalogue.indicators[row]
    assert (ind.level, ind.relation, ind.relation_to) == (level, relation, relation_to)


def test_every_row_and_measure_has_label_english_label_and_unit_or_kind(catalogue: Catalogue) -> None:
    """No catalogue entry lacks the texts the pages and the dictionary show."""
    for ind in catalogue.indicators.values():
        assert ind.label and ind.label_en and ind.definition, ind.id
        assert ind.unit or ind.level in ("N", "G"), ind.id
    for m in catalogue.measures.values():
        assert m.label and m.label_en and m.definition, m.id
        assert m.kind in ("count", "flag", "text"), m.id
        assert m.unit or m.kind != "count", m.id
        assert not m.restates or m.restates in catalogue.indicators, m.id


def test_headings_with_figures_are_the_four_of_the_seed(catalogue: Catalogue) -> None:
    """四、五、六、七 are headings that carry a figure; the other headings carry none."""
    with_value = [i.label for i in catalogue.rows("old") if i.level == "H" and i.has_value]
    assert with_value == ["四、行政复议数量", "五、行政诉讼数量", "六、举报投诉数量", "七、依申请公开信息收取的费用"]


def test_all_three_official_formats_are_declared(catalogue: Catalogue) -> None:
    """The model carries the old table and both new formats as national formats, and Fujian's table as a province's."""
    assert [f for f, fmt in catalogue.formats.items() if not fmt.provincial] == ["old", "new2019", "new2021"]
    assert [f for f, fmt in catalogue.formats.items() if fmt.provincial] == ["old_fujian"]


def test_harmonised_series_map_only_known_cells(catalogue: Catalogue) -> None:
    """Every crosswalk mapping names an existing row or measure and a column of its table."""
    for h in catalogue.harmonised.values():
        for m in h.mappings:
            if m.format == "measure":
                assert m.indicator in catalogue.measures
            else:
                ind = catalogue.indicators[m.indicator]
                assert m.column in [c.id for c in catalogue.columns_of(ind.format, ind.table)], (h.id, m)
