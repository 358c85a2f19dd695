"""The kinds of body (data/catalogue/body_kinds.csv): a body's kind told from the words of its own name, the first
kind whose words it carries; a name with none is of the unknown kind; a body's folder key ignores white space and
full-width forms."""

from __future__ import annotations

import pytest

from gjj_dash.model.bodies import UNKNOWN, body_key, kind_of, load_body_kinds, same_body


@pytest.mark.parametrize(("name", "kind"), [
    ("博州住房公积金管理中心", "fund_centre"),
    ("淮安市住房公积金管理中心洪泽分中心", "fund_centre"),  # a fund centre's branch is still a fund centre
    ("洪泽区人民政府", "government"),
    ("淮安市洪泽区人民政府", "government"),
    ("平潭综合实验区", "government"),
    ("上海市人民政府办公厅", "government_office"),
    ("博乐市人民政府办公室", "government_office"),
    ("博州市场监督管理局", "department"),
    ("自治州发展和改革委员会", "department"),
    ("博州不动产登记中心", "institution"),
    ("某某", UNKNOWN),
])
def test_a_body_s_kind_comes_from_the_words_of_its_name(name: str, kind: str) -> None:
    """Each kind's words, tested in file order (住房公积金 before 中心, 办公厅 before 人民政府, 管理委员会 before
    委员会)."""
    assert kind_of(name).id == kind


def test_every_kind_has_both_languages_and_the_unknown_kind_comes_last() -> None:
    """Labels in Chinese and English and a note for people; the unknown kind has no words and is the fallback."""
    kinds = load_body_kinds()
    assert all(k.label and k.label_en and k.note for k in kinds.values())
    assert list(kinds)[-1] == UNKNOWN and kinds[UNKNOWN].pattern == ""
    assert kinds["government"].name("en") == "government of an area"


def test_one_body_written_two_ways_has_one_key() -> None:
    """White space and full-width letters fold away: one folder per body, never the name as a path."""
    assert same_body("洪泽区 人民政府", "洪泽区人民政府")
    assert body_key("洪泽区 人民政府") == body_key("洪泽区人民政府")
    assert body_key("洪泽区人民政府") != body_key("淮安市洪泽区人民政府")
    assert len(body_key("洪泽区人民政府")) == 16 and body_key("洪泽区人民政府").isalnum()
