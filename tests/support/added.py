"""Test support: the 2021 report printed with columns of its own (tests/support/reports with `added`: table
二's 备注数量, table 三's 其中：网上申请) published into a data directory the way staff import it — the year every
showing and export of a report's own columns is tested on."""

from __future__ import annotations

from pathlib import Path

from gjj_dash.ingest.extra_columns import column_id
from gjj_dash.ingest.readers import read_upload
from gjj_dash.store.versions import Store
from tests.support import reports

ADDED = ("二", "三")
S3_HEAD, S2_HEAD = reports.ADDED_S3[0], reports.ADDED_S2[0]
S3_ID, S2_ID = column_id(S3_HEAD), column_id(S2_HEAD)


def added_year(root: Path) -> Path:
    """root as a data directory whose 2021 is the web page with both added columns, published as imported."""
    payload = reports.web_page(added=ADDED)
    upload = read_upload(payload, "report.html")
    assert upload.ok, [p.line() for p in upload.errors]
    Store(root).publish(upload, payload, "report.html", "测试")
    return root
