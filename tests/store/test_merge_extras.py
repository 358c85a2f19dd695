"""What a report adds to its tables (report.json's extra_columns, extra_rows) follows its tables when a later file
replaces some of them: a section uploaded again replaces its own added columns, the sections kept keep theirs, and a
whole table of another format leaves none behind."""

from __future__ import annotations

from pathlib import Path

from gjj_dash.ingest.readers import read_upload
from gjj_dash.store.versions import Store
from tests.support.added import S2_ID, S3_ID, added_year

SECTION_S2_1 = "信息内容,本年制发件数,本年废止件数,现行有效件数\n规章,0,0,0\n行政规范性文件,70,3,666\n"


def test_a_section_uploaded_again_drops_its_own_added_column_and_keeps_the_others(tmp_path: Path) -> None:
    """Table 二 (一) again without 备注数量: its column and figures go; table 三's 其中：网上申请 stays, figures and
    all."""
    store = Store(added_year(tmp_path / "data"))
    proposal = store.propose(read_upload(SECTION_S2_1.encode(), "s2.csv", 2021))
    assert [e["id"] for e in proposal.report["extra_columns"]] == [S3_ID]
    columns = set(proposal.frame["column"])
    assert S3_ID in columns and S2_ID not in columns
    normative = proposal.frame[proposal.frame["indicator"] == "n21.s2_1.normative"]
    assert dict(zip(normative["column"], normative["value"], strict=True)) == {"issued": 70, "repealed": 3,
                                                                               "in_force": 666}


def test_a_year_replaced_by_another_format_keeps_no_added_column(tmp_path: Path) -> None:
    """The whole year replaced by a 2019-format table (a file read as that year): no 2021 column is left in
    report.json."""
    store = Store(added_year(tmp_path / "data"))
    text = "信息内容,本年新制作数量,本年新公开数量,对外公开总数量\n规章,0,0,0\n规范性文件,1,1,1\n"
    proposal = store.propose(read_upload(text.encode(), "s2.csv", 2021))
    assert proposal.report["format"] == "new2019" and "extra_columns" not in proposal.report
