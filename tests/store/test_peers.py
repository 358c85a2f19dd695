"""The comparison bodies' area of the store: a body's year kept as an immutable version with its original file by
SHA-256, listed through a pointer; the same file twice adds nothing; removing unlists and keeps every file; every
add, removal, refusal and setting journaled under peer_* actions that the centre's history never counts; nothing of
it reaches the centre's years; read-only where the centre's store is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gjj_dash.model.bodies import body_key
from gjj_dash.model.problems import Problem, Upload
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store.dataset import data_version, load_dataset
from gjj_dash.store.history import journal_frame, state_of
from gjj_dash.store.peer_layout import REMOVED, PeerSettings
from gjj_dash.store.peers import PeerStore
from gjj_dash.store.versions import ReadOnlyStore, Store, StoreError, sha256
from tests.support.years import fixture

BODY = "平潭综合实验区"
PAYLOAD = b"<html>the report as published</html>"


def pingtan(year: int = 2021) -> Upload:
    """Pingtan's transcribed 2021 table as a read report of `year`."""
    frame = fixture("pingtan-2021").assign(year=year)
    report = {"year": year, "format": "new2021", "title": f"{BODY}{year}年度政府信息公开工作年度报告",
              "document": {"body": BODY}}
    return Upload("table", "new2021", year, "utf-8", frame, report)


@pytest.fixture
def peers(data_copy: Path) -> PeerStore:
    return PeerStore(data_copy, read_only=False)


def test_a_body_s_year_is_a_version_with_its_original_kept(peers: PeerStore, data_copy: Path) -> None:
    """peers/<key>/2021/1/ holds values, report and peer.json; the original is kept byte for byte by SHA-256; the
    pointer lists version 1; the listing names body, kind, file and rows."""
    version, added = peers.add(pingtan(), PAYLOAD, "2021_pingtan.html", BODY, "government", "words", "张薇")
    assert added and version.number == 1 and version.previous == REMOVED
    folder = data_copy / "peers" / body_key(BODY) / "2021" / "1"
    assert sorted(p.name for p in folder.iterdir()) == ["peer.json", "report.json", "values.csv"]
    assert (data_copy / "peers" / "uploads" / sha256(PAYLOAD)).read_bytes() == PAYLOAD
    assert peers.original(sha256(PAYLOAD)) == PAYLOAD
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["peer"] == {"body": BODY, "kind": "government"} and report["reporting_unit"] == BODY
    [listed] = peers.listed()
    assert (listed.body, listed.year, listed.kind, listed.filename, listed.rows) == (
        BODY, 2021, "government", "2021_pingtan.html", len(pingtan().frame))
    frame, _ = peers.values(listed)
    assert frame.equals(pingtan().frame.reset_index(drop=True))


def test_the_same_file_again_adds_nothing_and_a_new_one_is_the_next_version(peers: PeerStore) -> None:
    """Adding the listed file again changes nothing (no version, no journal line); another file is version 2."""
    peers.add(pingtan(), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
    again, added = peers.add(pingtan(), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
    assert (again.number, added) == (1, False)
    assert [e["action"] for e in peers.journal()] == ["peer_add"]
    newer, added = peers.add(pingtan(), PAYLOAD + b" ", "b.html", BODY, "government", "words", "李", findings=2)
    assert (newer.number, newer.previous, newer.findings, added) == (2, 1, 2, True)
    assert [v.number for v in peers.listed()] == [2]


def test_removing_unlists_keeps_every_file_and_is_journaled(peers: PeerStore, data_copy: Path) -> None:
    """remove: the pointer goes to 0, the version and the original stay on disk, one peer_remove line with the
    version it unlisted and the reason; a body named with other white space is the same body."""
    peers.add(pingtan(), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
    files = sorted(p.relative_to(data_copy) for p in (data_copy / "peers").rglob("*") if p.is_file())
    removed = peers.remove("平潭 综合实验区", 2021, "李", " 换成新的报告 ")
    assert [(v.body, v.year, v.number) for v in removed] == [(BODY, 2021, 1)]
    assert peers.listed() == [] and peers.of_year(2021) == []
    kept = sorted(p.relative_to(data_copy) for p in (data_copy / "peers").rglob("*") if p.is_file())
    assert set(files) <= set(kept)
    entry = peers.journal()[-1]
    assert {k: entry[k] for k in ("user", "action", "year", "body", "version", "previous", "reason", "area")} == {
        "user": "李", "action": "peer_remove", "year": 2021, "body": BODY, "version": 0, "previous": 1,
        "reason": "换成新的报告", "area": "peers"}


def test_removing_what_is_not_listed_names_what_is(peers: PeerStore) -> None:
    """An unknown body names the bodies listed; a year the body lacks names its years; nothing is journaled."""
    peers.add(pingtan(), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
    with pytest.raises(StoreError, match="对比机关中没有“洪泽区人民政府”。现有：平潭综合实验区"):
        peers.remove("洪泽区人民政府", None, "李")
    with pytest.raises(StoreError, match="“平潭综合实验区”没有 2020 年度的对比数据。现有年度：2021"):
        peers.remove(BODY, 2020, "李")
    assert [e["action"] for e in peers.journal()] == ["peer_add"]


def test_the_centre_s_years_history_and_data_version_never_see_a_body(peers: PeerStore, data_copy: Path) -> None:
    """After adding and removing a body of year 2016: the centre's dataset, data version, stored years and the
    state of its versions are exactly as before; the audit log shows the peer actions by name and body."""
    store = Store(data_copy, read_only=False)
    before = (load_dataset(data_copy).values.to_csv(), data_version(data_copy), store.years(), store.current(2016))
    peers.add(pingtan(2016), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
    peers.remove(BODY, None, "张薇")
    after = (load_dataset(data_copy).values.to_csv(), data_version(data_copy), store.years(), store.current(2016))
    assert after == before
    assert all(e["action"].startswith("peer_") for e in store.journal(2016))
    assert {e.get("version") for e in store.journal(2016) if e["action"] == "publish"} == set()
    frame = journal_frame(store.journal())
    assert list(frame.iloc[:, 2]) == ["移出对比机关", "加入对比机关"]
    assert list(frame.iloc[:, -1]) == [BODY, BODY]


def test_history_counts_only_the_centre_s_publish_entries() -> None:
    """A peer_add of the same year and version number is not a publish: the version stays 'interrupted'."""
    version = type("V", (), {"year": 2021, "number": 1})()
    assert state_of(version, 0, [{"action": "peer_add", "year": 2021, "version": 1}]) == "interrupted"
    assert state_of(version, 0, [{"action": "publish", "year": 2021, "version": 1}]) == "earlier"


def test_settings_default_off_and_each_change_is_journaled(peers: PeerStore) -> None:
    """The public sees no comparison by default; switching it on and naming the centre each journal one line; the
    same value again journals nothing; the fingerprint changes with the settings."""
    assert peers.settings() == PeerSettings(public=False, centre_name="")
    before = peers.fingerprint()
    assert peers.set_settings("张薇", public=True) == PeerSettings(public=True)
    peers.set_settings("张薇", public=True)
    peers.set_settings("张薇", centre_name="博尔塔拉蒙古自治州住房公积金管理中心")
    lines = [(e["action"], e["setting"], e["value"], e["before"]) for e in peers.journal()]
    assert lines == [("peer_setting", "public", True, False),
                     ("peer_setting", "centre_name", "博尔塔拉蒙古自治州住房公积金管理中心", "")]
    assert peers.fingerprint() != before


def test_a_refused_report_is_journaled_without_its_bytes(peers: PeerStore, data_copy: Path) -> None:
    """peer_reject names file, hash and reasons; no upload is kept."""
    peers.reject(PAYLOAD, "x.xlsx", "张薇", None, ["报告没有写明发布机关"])
    entry = peers.journal()[-1]
    assert (entry["action"], entry["filename"], entry["sha256"], entry["problems"]) == (
        "peer_reject", "x.xlsx", sha256(PAYLOAD), ["报告没有写明发布机关"])
    assert not (data_copy / "peers" / "uploads").exists()


def test_an_unread_report_is_not_added(peers: PeerStore) -> None:
    """An upload with errors (or no year) is refused by the store itself."""
    broken = Upload("unknown", None, None, "", problems=(Problem("坏文件"),))
    with pytest.raises(StoreError, match="报告未能完整读出"):
        peers.add(broken, PAYLOAD, "x.pdf", BODY, "government", "words", "张薇")


def test_read_only_where_the_centre_s_store_is(data_copy: Path) -> None:
    """The public deployment and the bundled data/ refuse every write; reading works."""
    for store in (PeerStore(data_copy, read_only=True), PeerStore(BUNDLED_DATA, read_only=False)):
        with pytest.raises(ReadOnlyStore):
            store.add(pingtan(), PAYLOAD, "a.html", BODY, "government", "words", "张薇")
        with pytest.raises(ReadOnlyStore):
            store.set_settings("张薇", public=True)
        assert store.listed() == []
    assert not (BUNDLED_DATA / "peers").exists()


def test_a_body_s_dataset_holds_only_its_own_listed_years(peers: PeerStore) -> None:
    """Two years of one body and one of another: each body's Dataset has its own years only."""
    peers.add(pingtan(2020), PAYLOAD + b"0", "a.html", BODY, "government", "words", "张薇")
    peers.add(pingtan(2021), PAYLOAD + b"1", "b.html", BODY, "government", "words", "张薇")
    peers.add(pingtan(2021), PAYLOAD + b"2", "c.html", "某市住房公积金管理中心", "fund_centre", "words", "张薇")
    assert peers.dataset(body_key(BODY)).years == [2020, 2021]
    assert peers.dataset(body_key("某市住房公积金管理中心")).years == [2021]
    assert [v.body for v in peers.of_year(2021)] == ["平潭综合实验区", "某市住房公积金管理中心"]
