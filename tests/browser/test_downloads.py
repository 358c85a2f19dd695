"""Browser tests of the downloads: every download button on 官方统计表 gives a file whose bytes are checked."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from gjj_dash.i18n import t
from gjj_dash.publish import export
from gjj_dash.store.dataset import load_dataset

LABEL = "(一)主动公开政府信息数"
NAME = re.compile(r"^(?P<stem>.+)-(?P<span>\d{4}(?:-\d{4})?)-(?P<hash>[0-9a-f]{8})\.(?P<ext>[a-z]+)$")
BUTTON = '[data-testid="stDownloadButton"] button'


@pytest.fixture(scope="module")
def downloads(browser, public_server) -> dict[str, tuple[str, bytes]]:
    """Click every download button of /tables?year=2016 once: {button label: (file name, bytes)}."""
    from tests.browser.tab import Tab

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        tab = Tab(context.new_page(), public_server.url)
        tab.open("/tables?year=2016", expect=t("tables.downloads"))
        buttons = tab.page.locator(BUTTON)
        files = {}
        for n in range(buttons.count()):
            button = buttons.nth(n)
            with tab.page.expect_download(timeout=30_000) as info:
                button.click()
            download = info.value
            files[button.inner_text().strip()] = (download.suggested_filename, Path(download.path()).read_bytes())
        tab.assert_clean()
        return files
    finally:
        context.close()


def by_ext(downloads: dict[str, tuple[str, bytes]], ext: str, span: str) -> tuple[str, bytes]:
    """The one download with this extension and year span."""
    (found,) = [f for f in downloads.values() if (m := NAME.match(f[0])) and m["ext"] == ext and m["span"] == span]
    return found


def test_every_button_gives_a_file_named_with_its_year_and_content_hash(downloads) -> None:
    """Six buttons (table: CSV, XLSX, HTML, JSON; all data: CSV, Parquet), each file named year + SHA-256 prefix."""
    assert len(downloads) == 6, list(downloads)
    kinds = []
    for label, (name, payload) in downloads.items():
        match = NAME.match(name)
        assert match, f"{label}: {name}"
        assert match["hash"] == hashlib.sha256(payload).hexdigest()[:8], name
        assert match["span"] == "2016"
        kinds.append((match["stem"], match["ext"]))
    table, dataset = export.TABLE_STEM, export.DATASET_STEM
    expected = [(table, k) for k in export.TABLE_KINDS] + [(dataset, k) for k in export.DATASET_KINDS]
    assert sorted(kinds) == sorted(expected)


@pytest.mark.parametrize("kind", export.TABLE_KINDS)
def test_table_download_is_byte_for_byte_the_package_export(downloads, public_server, kind: str) -> None:
    """What the browser saves is exactly what `gjj_dash.publish.export` writes for the server's data (the CLI's too)."""
    name, payload = _table(downloads, kind)
    expected, expected_name = export.table_export(load_dataset(public_server.data_dir), 2016, kind)
    assert payload == expected and name == expected_name


def test_csv_download_opens_in_excel_with_the_official_rows(downloads) -> None:
    """The CSV is UTF-8 with BOM and holds the printed rows: (一) 204 条, 政府网站 94, a blank cell left empty."""
    _, payload = _table(downloads, "csv")
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert [LABEL, "条", "204"] in rows
    assert ["2.政府网站公开政府信息数", "条", "94"] in rows
    assert ["其中:主动公开规范性文件数", "条", ""] in rows


def test_xlsx_download_holds_values_not_formulas(downloads) -> None:
    """The XLSX has the label beside 204 and no formula cell anywhere."""
    from openpyxl import load_workbook

    _, payload = _table(downloads, "xlsx")
    book = load_workbook(io.BytesIO(payload))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    rows = [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]
    assert any(LABEL in [str(v).strip() for v in row if v is not None] and 204 in row for row in rows)


def test_html_download_is_a_self_contained_table(downloads) -> None:
    """The HTML page prints the table with the label and 204 and loads nothing (no script, no outside URL)."""
    _, payload = _table(downloads, "html")
    page = payload.decode("utf-8")
    assert "<table" in page and LABEL in page and re.search(r">\s*204\s*<", page)
    assert "<script" not in page.lower() and not re.search(r"(src|href)=[\"']https?://", page)


def test_json_download_carries_the_row_with_its_value_and_unit(downloads) -> None:
    """The JSON tree has the 2016 row (一) with value 204 and unit 条."""
    _, payload = _table(downloads, "json")
    tree = json.loads(payload)
    assert tree["year"] == 2016
    rows = [row for table in tree["tables"] for row in table["rows"] if row["label"] == LABEL]
    assert [(c["value"], c["unit"]) for row in rows for c in row["cells"]] == [(204, "条")]


def test_dataset_downloads_hold_every_value_of_2016(downloads, public_server) -> None:
    """The all-data CSV and Parquet have one row per stored value, 204 for the disclosed-items indicator."""
    import pyarrow.parquet as pq

    values = load_dataset(public_server.data_dir).values
    _, parquet = _dataset(downloads, "parquet")
    table = pq.read_table(io.BytesIO(parquet)).to_pandas()
    assert len(table) >= len(values)
    assert 204 in table.loc[table["indicator"] == "old.s1.disclosed", "value"].tolist()
    _, payload = _dataset(downloads, "csv")
    rows = list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig"))))
    assert len(rows) == len(table)
    assert any(r["indicator"] == "old.s1.disclosed" and r["value"] == "204" for r in rows)


def _table(downloads: dict[str, tuple[str, bytes]], ext: str) -> tuple[str, bytes]:
    return by_ext({k: v for k, v in downloads.items() if export.TABLE_STEM in v[0]}, ext, "2016")


def _dataset(downloads: dict[str, tuple[str, bytes]], ext: str) -> tuple[str, bytes]:
    return by_ext({k: v for k, v in downloads.items() if export.DATASET_STEM in v[0]}, ext, "2016")


def test_a_section_csv_is_sent_when_clicked_with_the_shown_numbers(browser, public_server) -> None:
    """门户与查询's first section: its CSV (sent on click, not with every rerun) holds the table shown, with BOM and a
    name carrying the year and the hash of its bytes."""
    from tests.browser.tab import Tab

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        tab = Tab(context.new_page(), public_server.url)
        tab.open("/portal?year=2016", expect="13,810")
        with tab.page.expect_download(timeout=30_000) as info:
            tab.page.locator(BUTTON).first.click()
        name, payload = info.value.suggested_filename, Path(info.value.path()).read_bytes()
        tab.assert_clean()
    finally:
        context.close()
    match = NAME.match(name)
    assert match and match["span"] == "2016" and match["ext"] == "csv"
    assert match["hash"] == hashlib.sha256(payload).hexdigest()[:8]
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    assert payload.startswith("\ufeff".encode())
    assert rows[0][:2] == ["指标", "数值"]
    assert rows[1][:2] == ["门户网站公众浏览", "13,810"] and rows[2][:2] == ["个人公积金信息查询", "19,000+"]
