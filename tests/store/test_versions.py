"""The versioned store: publish, refuse, conflict, crash, concurrent publishers, rollback, read-only, and the CLI."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import types
from pathlib import Path

import pytest

from gjj_dash.cli import main
from gjj_dash.intake.staging import stage_upload
from gjj_dash.model.numbers import parse_number
from gjj_dash.model.problems import Problem, Upload
from gjj_dash.model.values import conform, read_values
from gjj_dash.paths import BUNDLED_DATA
from gjj_dash.store import checked
from gjj_dash.store.dataset import data_version, load_dataset
from gjj_dash.store.layout import current_dirs
from gjj_dash.store.versions import Conflict, ReadOnlyStore, Refused, Store, StoreError

BUNDLED_2016 = BUNDLED_DATA / "years" / "2016" / "values.csv"
DISCLOSED = "old.s1.disclosed"


def table_upload(year: int = 2016, figures: dict[str, str] | None = None) -> Upload:
    """The bundled 2016 table as an upload of `year`, with some rows' figures replaced (indicator id → text)."""
    frame = read_values(BUNDLED_2016)
    frame = frame[frame["format"] == "old"].assign(year=year).reset_index(drop=True)
    for indicator, raw in (figures or {}).items():
        reading = parse_number(raw)
        at = frame["indicator"] == indicator
        frame.loc[at, ["raw", "value", "qualifier", "blank"]] = [raw, reading.value, reading.qualifier, reading.blank]
    return Upload("table", "old", year, "gb18030", conform(frame), {"year": year, "format": "old"})


def figure(data: Path, year: int, indicator: str = DISCLOSED) -> float | None:
    cell = load_dataset(data).cell(year, indicator)
    return None if cell is None else cell.value


def exports(data: Path, tmp_path: Path) -> dict[int, bytes]:
    """`gjj-dash export --format csv` of every year the data directory publishes, as bytes."""
    out = {}
    for year in load_dataset(data).years:
        target = tmp_path / f"export-{year}.csv"
        assert main(["export", "--year", str(year), "--format", "csv", "--data-dir", str(data), "-o", str(target)]) == 0
        out[year] = target.read_bytes()
    return out


# The bundled 2016 table itself fails one data-quality check (204 disclosed > 191 by channel), as printed; publishing
# a copy of it therefore needs the "publish anyway" reason staff would give.
REASON = "统计表原文如此"


def publish(store: Store, upload: Upload, payload: bytes = b"file", **kw) -> int:
    return store.publish(upload, payload, "table.csv", "张薇", **{"force_reason": REASON, **kw}).number


def test_publish_makes_a_new_current_version_with_its_file_and_audit_entry(data_copy: Path) -> None:
    """205 replaces 204; the file is kept byte for byte under its hash; the audit line names who, what and which."""
    store = Store(data_copy)
    before = data_version(data_copy)
    payload = "统计指标,单位,统计数\n".encode("gb18030")
    version = store.publish(table_upload(figures={DISCLOSED: "205"}), payload, "../../etc/cron.d/x.csv", "张薇",
                            force_reason=REASON)
    assert (version.year, version.number, version.previous) == (2016, 1, 0)
    assert figure(data_copy, 2016) == 205
    assert figure(data_copy, 2016, "portal.visits") == 13810  # the narrative measures stay: a table replaces the table
    assert data_version(data_copy) != before
    assert store.original(version.sha256) == payload
    assert (data_copy / "uploads" / version.sha256).read_bytes() == payload
    assert current_dirs(data_copy) == {2016: data_copy / "versions" / "2016" / "1"}
    meta = json.loads((data_copy / "versions" / "2016" / "1" / "version.json").read_text(encoding="utf-8"))
    assert meta["filename"] == "../../etc/cron.d/x.csv"  # the store keeps the name given; staging cleans it (below)
    [entry] = store.journal()
    assert entry["action"] == "publish" and entry["user"] == "张薇" and entry["version"] == 1
    assert entry["previous"] == 0 and entry["sha256"] == version.sha256 and entry["rows"] == 58
    assert entry["version_rows"] == 115


def test_staging_cleans_the_client_name_and_lists_each_changed_cell(data_copy: Path) -> None:
    """A path-traversal name is reduced to its last part; the diff holds exactly the changed figure, old → new."""
    staged = stage_upload(Store(data_copy), table_upload(figures={DISCLOSED: "205"}), b"x", "../../etc/cron.d/x.csv")
    assert staged.filename == "x.csv"
    assert staged.ok and staged.base == 0
    assert [(c.indicator, c.kind, c.old, c.new) for c in staged.changes] == [(DISCLOSED, "changed", "204", "205")]
    assert not any(p.name.startswith("etc") for p in data_copy.rglob("*"))


def test_a_new_year_is_published_and_exported_with_exactly_the_uploaded_values(data_copy: Path, tmp_path: Path) -> None:
    """2017 appears beside 2016; its export carries the uploaded 250 and 19000余 kept as printed."""
    store = Store(data_copy)
    publish(store, table_upload(2017, figures={DISCLOSED: "250", "old.s1.ch_website": "19000余"}))
    files = exports(data_copy, tmp_path)
    assert sorted(files) == [2016, 2017]
    rows = files[2017].decode("utf-8-sig").splitlines()
    assert "(一)主动公开政府信息数,条,250" in rows
    assert any(r.endswith(",19000余") for r in rows)
    assert "(一)主动公开政府信息数,条,204" in files[2016].decode("utf-8-sig").splitlines()


def test_a_refused_upload_changes_nothing_and_is_audited(data_copy: Path, tmp_path: Path) -> None:
    """An upload with errors: Refused in Chinese, exports byte-identical, no file kept, a reject line with problems."""
    store = Store(data_copy)
    before = exports(data_copy, tmp_path)
    bad = Upload("table", "old", 2016, "utf-8", table_upload().frame,
                 problems=(Problem("“abc”不是有效的数字", 5, "统计数"),))
    with pytest.raises(Refused, match="文件有 1 个错误，未发布"):
        publish(store, bad, b"bad bytes")
    assert exports(data_copy, tmp_path) == before
    assert not (data_copy / "uploads").exists() and not (data_copy / "versions").exists()
    [entry] = store.journal()
    assert entry["action"] == "reject" and entry["problems"] == ["第5行“统计数”列：“abc”不是有效的数字"]


def test_publishing_needs_the_previewed_version_to_be_still_current(data_copy: Path) -> None:
    """Two people preview version 0; the first publishes; the second is told, in Chinese, and nothing changes."""
    store = Store(data_copy)
    first = stage_upload(store, table_upload(figures={DISCLOSED: "205"}), b"a", "a.csv")
    second = stage_upload(store, table_upload(figures={DISCLOSED: "206"}), b"b", "b.csv")
    publish(store, first.upload, b"a", expected_version=first.base)
    with pytest.raises(Conflict, match="您预览时 2016 年度的当前版本是第0版，现在已是第1版"):
        publish(store, second.upload, b"b", expected_version=second.base)
    assert figure(data_copy, 2016) == 205
    assert [e["action"] for e in store.journal()] == ["publish", "conflict"]
    assert [v.number for v in store.versions(2016)] == [1]


@pytest.mark.parametrize("failing_call", [1, 2, 3])
def test_a_crash_between_write_and_rename_publishes_nothing_and_corrupts_nothing(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    """os.replace fails at the kept file (1), the version folder (2) or the pointer (3): published data is unchanged."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}), b"first")
    before = exports(data_copy, tmp_path)
    real, calls = os.replace, []

    def crash(src, dst):
        calls.append(dst)
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreError, match="发布中断（OSError）：已发布的数据没有改变"):
        publish(store, table_upload(figures={DISCLOSED: "999"}), b"second")
    monkeypatch.setattr(os, "replace", real)
    assert exports(data_copy, tmp_path) == before
    assert store.current(2016) == 1 and figure(data_copy, 2016) == 205
    assert not [p for p in data_copy.rglob("*") if ".tmp" in p.name]  # no half-written file or folder left
    assert store.journal()[-1]["action"] == "fail"
    assert publish(store, table_upload(figures={DISCLOSED: "206"}), b"third") == (3 if failing_call == 3 else 2)
    assert figure(data_copy, 2016) == 206


def _publisher(data: str, tag: int, count: int, start) -> None:
    store = Store(Path(data))
    start.wait(60)
    for n in range(count):
        store.publish(table_upload(figures={DISCLOSED: str(1000 * tag + n)}), f"{tag}-{n}".encode(), "p.csv",
                      f"publisher{tag}", force_reason=REASON)


def test_two_processes_publishing_at_once_lose_nothing(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes publish 5 versions each at the same moment: 10 versions, one linear chain, every value kept."""
    # An AppTest earlier in this process leaves app.py as __main__; spawned children would re-run it on start.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no lock or thread inherited from the test process
    start = ctx.Barrier(2)  # both children begin publishing at the same moment, once both are up
    workers = [ctx.Process(target=_publisher, args=(str(data_copy), tag, 5, start)) for tag in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    store = Store(data_copy)
    versions = sorted(store.versions(2016), key=lambda v: v.number)
    assert [v.number for v in versions] == list(range(1, 11))
    assert [v.previous for v in versions] == list(range(0, 10))  # each publish built on the one before: none lost
    assert store.current(2016) == 10
    values = {read_values(data_copy / "versions" / "2016" / str(v.number) / "values.csv")
              .set_index("indicator").loc[DISCLOSED, "value"] for v in versions}
    assert values == {1000.0 * tag + n for tag in (1, 2) for n in range(5)}
    assert sorted(e["version"] for e in store.journal() if e["action"] == "publish") == list(range(1, 11))


def test_rollback_moves_the_pointer_logs_it_and_deletes_nothing(data_copy: Path, tmp_path: Path) -> None:
    """v1 205, v2 206; back to v1, then to version 0 (bundled 204); every version stays on disk; each move logged."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}), b"v1")
    publish(store, table_upload(figures={DISCLOSED: "206"}), b"v2")
    version = data_version(data_copy)
    assert store.rollback(2016, 1, "马莹", "206 填错") == 1
    assert figure(data_copy, 2016) == 205 and data_version(data_copy) != version
    store.rollback(2016, 0, "马莹")
    assert figure(data_copy, 2016) == 204
    assert exports(data_copy, tmp_path)[2016] == exports(BUNDLED_DATA, tmp_path)[2016]
    assert [v.number for v in store.versions(2016)] == [2, 1]
    moves = [(e["action"], e["version"], e["previous"], e.get("reason")) for e in store.journal()[2:]]
    assert moves == [("rollback", 1, 2, "206 填错"), ("rollback", 0, 1, "")]


@pytest.mark.parametrize(
    ("year", "to", "message"),
    [(2016, 7, "2016 年度没有第7版"), (2016, 1, "2016 年度当前已是第1版"), (2015, 0, "2015 年度还没有上传过任何版本")],
)
def test_rollback_refuses_what_it_cannot_do(data_copy: Path, year: int, to: int, message: str) -> None:
    """A missing version, the current one, or a year with no versions: a Chinese message and no audit line."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}))
    with pytest.raises(StoreError, match=message):
        store.rollback(year, to, "马莹")
    assert [e["action"] for e in store.journal()] == ["publish"]


def test_rolling_a_new_year_back_to_version_0_withdraws_it(data_copy: Path) -> None:
    """A year with no base data disappears when rolled back to version 0, and returns with its version."""
    store = Store(data_copy)
    publish(store, table_upload(2017))
    store.rollback(2017, 0, "马莹", "年度填错")
    assert load_dataset(data_copy).years == [2016]
    store.rollback(2017, 1, "马莹")
    assert load_dataset(data_copy).years == [2016, 2017]


def test_a_measures_upload_replaces_only_the_measures(data_copy: Path) -> None:
    """Portal visits 14000 replace 13810; the table rows of 2016 stay as they were."""
    store = Store(data_copy)
    frame = read_values(BUNDLED_2016)
    measures = frame[frame["format"] == "measure"].reset_index(drop=True)
    measures.loc[measures["indicator"] == "portal.visits", ["raw", "value"]] = ["14000", 14000.0]
    publish(store, Upload("measures", None, 2016, "utf-8", measures, {}))
    assert figure(data_copy, 2016, "portal.visits") == 14000 and figure(data_copy, 2016) == 204
    assert len(load_dataset(data_copy).values) == len(frame)


def test_measures_for_a_year_without_a_table_are_refused(data_copy: Path) -> None:
    """Measures of 2018 alone cannot make a year: a Chinese message, nothing written but the audit line."""
    frame = read_values(BUNDLED_2016)
    measures = frame[frame["format"] == "measure"].assign(year=2018)
    store = Store(data_copy)
    with pytest.raises(Refused, match="2018 年度还没有统计表"):
        publish(store, Upload("measures", None, 2018, "utf-8", conform(measures), {}))
    assert store.years() == [] and store.journal()[-1]["action"] == "reject"


def test_quality_errors_need_a_reason_which_goes_into_the_audit_log(data_copy: Path) -> None:
    """Without a reason: refused and logged; with one: published, the reason in the version and the log."""
    store = Store(data_copy)
    with pytest.raises(Refused, match="数据质量检查发现 1 个错误：如仍要发布，必须填写理由"):
        store.publish(table_upload(), b"file", "t.csv", "张薇", force_reason="  ")
    assert store.current(2016) == 0
    rejected = store.journal()[-1]
    assert rejected["action"] == "reject" and "大于各渠道之和：204 > 94 + 91 + 6 = 191" in rejected["problems"][0]
    version = store.publish(table_upload(), b"file", "t.csv", "张薇", force_reason=" 报告原文如此 ")
    assert version.reason == "报告原文如此"
    assert [(e["action"], e.get("reason")) for e in store.journal()] == [("reject", None), ("publish", "报告原文如此")]
    consistent = table_upload(figures={"old.s1.ch_website": "107"})  # 107 + 91 + 6 = 204: the check passes
    assert stage_upload(store, consistent, b"ok", "ok.csv").errors == []
    assert store.publish(consistent, b"ok", "ok.csv", "张薇").reason == ""


@pytest.mark.parametrize("how", ["read_only", "public_env", "bundled"])
def test_a_read_only_store_refuses_every_write(data_copy: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Opened read-only, in the public deployment, or on the bundled data/: publish, rollback and log all refuse."""
    if how == "public_env":
        monkeypatch.setenv("GJJ_DASH_MODE", "public")
    store = Store(BUNDLED_DATA if how == "bundled" else data_copy, read_only=True if how == "read_only" else None)
    message = "程序自带的 data/ 目录只读" if how == "bundled" else "公众部署为只读"
    listing = sorted(p.relative_to(store.root) for p in store.root.rglob("*"))
    for write in (lambda: publish(store, table_upload()), lambda: store.rollback(2016, 0, "x"),
                  lambda: store.record("publish", "x", 2016)):
        with pytest.raises(ReadOnlyStore, match=message):
            write()
    assert sorted(p.relative_to(store.root) for p in store.root.rglob("*")) == listing


def test_only_a_sha256_reaches_the_file_system_when_reading_an_original(data_copy: Path) -> None:
    """A path instead of a hash is refused before any file is opened."""
    with pytest.raises(StoreError, match="文件标识无效"):
        Store(data_copy).original("../../etc/passwd")


def test_a_torn_last_audit_line_is_skipped(data_copy: Path) -> None:
    """A crash mid-append leaves a partial line; every complete entry is still read."""
    store = Store(data_copy)
    publish(store, table_upload())
    with (data_copy / "audit.jsonl").open("a", encoding="utf-8") as log:
        log.write('{"time": "2024')
    assert [e["action"] for e in store.journal()] == ["publish"]


# -- the CLI over the same code -----------------------------------------------------------------------------------


def _gbk_table(tmp_path: Path, year_line: str = "", **rows: str) -> Path:
    """The 2016 export re-saved as GBK (what Chinese Excel writes), with some rows' figures replaced."""
    text = exports(BUNDLED_DATA, tmp_path)[2016].decode("utf-8-sig")
    for label, value in rows.items():
        text = "\n".join(f"{label},条,{value}" if line.startswith(f"{label},") else line for line in text.splitlines())
    path = tmp_path / "upload-gbk.csv"
    path.write_bytes((year_line + text).encode("gbk"))
    return path


def test_cli_import_publishes_a_gbk_file_of_a_new_year(data_copy: Path, tmp_path: Path, capsys) -> None:
    """`gjj-dash import --year 2017` prints the version; the export of 2017 gives exactly the uploaded figure."""
    path = _gbk_table(tmp_path, **{"(一)主动公开政府信息数": "250", "2.政府网站公开政府信息数": "153"})
    code = main(["import", str(path), "--year", "2017", "--by", "张薇", "--data-dir", str(data_copy)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "已发布 2017 年度第 1 版（58 个数值" in out
    assert "(一)主动公开政府信息数,条,250" in exports(data_copy, tmp_path)[2017].decode("utf-8-sig").splitlines()
    [entry] = Store(data_copy).journal()
    assert entry["user"] == "张薇" and entry["filename"] == "upload-gbk.csv"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "文件为空"),
        (b"%PDF-1.4 report", "PDF"),
        (b"\xff\xd8\xff\xe0 jpeg", "无法识别文件编码"),
        ("统计指标,单位,统计数\n(一)主动公开政府信息数,条,abc\n".encode("gbk"), "第2行“统计数”列"),
    ],
)
def test_cli_import_refuses_bad_files_with_exit_1_and_changes_nothing(
    data_copy: Path, tmp_path: Path, capsys, payload: bytes, message: str
) -> None:
    """Exit 1, the problem in Chinese, no traceback; every year's export byte-identical; the attempt audited."""
    before = exports(data_copy, tmp_path)
    path = tmp_path / "bad.csv"
    path.write_bytes(payload)
    code = main(["import", str(path), "--year", "2016", "--data-dir", str(data_copy)])
    out, err = capsys.readouterr()
    assert code == 1
    assert message in out and "未发布" in err and "Traceback" not in out + err
    assert exports(data_copy, tmp_path) == before
    assert [e["action"] for e in Store(data_copy).journal()] == ["reject"]


def test_cli_import_needs_a_reason_to_publish_quality_errors(data_copy: Path, tmp_path: Path, capsys) -> None:
    """The 2016 table as printed (204 > 191 by channel): exit 1 naming the check; with --reason it is published."""
    path = _gbk_table(tmp_path)
    assert main(["import", str(path), "--year", "2016", "--data-dir", str(data_copy)]) == 1
    out, err = capsys.readouterr()
    assert "数据质量错误：“(一)主动公开政府信息数”为 204 条，大于各渠道之和" in out and "--reason" in err
    assert Store(data_copy).current(2016) == 0
    args = ["import", str(path), "--year", "2016", "--reason", "统计表原文如此", "--data-dir", str(data_copy)]
    assert main(args) == 0
    assert Store(data_copy).journal()[-1]["reason"] == "统计表原文如此"


def test_cli_import_into_the_bundled_data_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    """Without a data directory the store is the checkout's data/, which is never written: exit 2."""
    monkeypatch.delenv("GJJ_DASH_DATA_DIR", raising=False)
    listing = sorted(BUNDLED_DATA.rglob("*"))
    code = main(["import", str(_gbk_table(tmp_path)), "--year", "2016"])
    assert code == 2 and "程序自带的 data/ 目录只读" in capsys.readouterr().err
    assert sorted(BUNDLED_DATA.rglob("*")) == listing


def test_cli_history_and_rollback(data_copy: Path, tmp_path: Path, capsys) -> None:
    """history lists who published which file; rollback --to 1 prints the move and the export follows it."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}), b"v1")
    publish(store, table_upload(figures={DISCLOSED: "206"}), b"v2")
    assert main(["history", "--year", "2016", "--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2016 年度当前发布：第2版"
    assert out[1].split("\t")[:3] == ["版本", "状态", "发布人"]
    assert out[2].split("\t")[:3] == ["第2版", "当前发布", "张薇"] and out[3].split("\t")[:2] == ["第1版", "曾发布"]
    assert main(["rollback", "--year", "2016", "--to", "v1", "--by", "马莹", "--data-dir", str(data_copy)]) == 0
    assert "已把 2016 年度回退到第1版（原为第2版）" in capsys.readouterr().out
    assert "(一)主动公开政府信息数,条,205" in exports(data_copy, tmp_path)[2016].decode("utf-8-sig")
    assert main(["rollback", "--year", "2016", "--to", "9", "--data-dir", str(data_copy)]) == 1
    assert "2016 年度没有第9版" in capsys.readouterr().err
    assert main(["rollback", "--year", "2016", "--to", "x", "--data-dir", str(data_copy)]) == 2



def test_cli_rollback_with_expect_refuses_when_the_year_moved_on(data_copy: Path, tmp_path: Path, capsys) -> None:
    """--expect is the version the operator saw in history: if someone published since, nothing is rolled back."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}), b"v1")
    publish(store, table_upload(figures={DISCLOSED: "206"}), b"v2")
    before = (data_copy / "audit.jsonl").read_bytes()
    args = ["rollback", "--year", "2016", "--to", "0", "--by", "马莹", "--data-dir", str(data_copy)]
    assert main([*args, "--expect", "1"]) == 1
    assert "未回退：您查看时 2016 年度的当前版本是第1版，现在已是第2版" in capsys.readouterr().err
    assert store.current(2016) == 2 and (data_copy / "audit.jsonl").read_bytes() == before
    assert "(一)主动公开政府信息数,条,206" in exports(data_copy, tmp_path)[2016].decode("utf-8-sig")
    assert main([*args, "--expect", "v2"]) == 0
    assert "已把 2016 年度回退到第0版（基础数据）（原为第2版）" in capsys.readouterr().out
    assert store.current(2016) == 0

def test_the_version_frame_of_each_published_version_is_never_rewritten(data_copy: Path) -> None:
    """Publishing v2 and rolling back leave v1's files byte for byte as they were written."""
    store = Store(data_copy)
    publish(store, table_upload(figures={DISCLOSED: "205"}))
    folder = data_copy / "versions" / "2016" / "1"
    snapshot = {p.name: p.read_bytes() for p in folder.iterdir()}
    publish(store, table_upload(figures={DISCLOSED: "206"}))
    store.rollback(2016, 1, "马莹")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == snapshot


def test_the_previews_check_is_reused_by_the_publish_unless_something_was_published_between(
        data_copy: Path, monkeypatch) -> None:
    """A preview checks the year beside the published ones; publishing right after it does not check again, but a
    publish of another year in between makes it check afresh (its findings could differ)."""
    calls: list[int] = []
    original = checked.check_values
    monkeypatch.setattr(checked, "check_values", lambda *a, **k: calls.append(1) or original(*a, **k))
    store = Store(data_copy)
    staged = stage_upload(store, table_upload(figures={DISCLOSED: "205"}), b"v1", "t.csv")
    publish(store, staged.upload, b"v1", expected_version=staged.base)
    assert len(calls) == 1
    staged = stage_upload(store, table_upload(figures={DISCLOSED: "206"}), b"v2", "t.csv")
    publish(store, table_upload(year=2017), b"other")  # another year published between preview and publish
    publish(store, staged.upload, b"v2", expected_version=staged.base)
    assert len(calls) == 4  # + the preview, the other year's publish, and the year checked afresh under the lock
    assert figure(data_copy, 2016) == 206
