"""The light site's routes after a comparison body is added (and the public comparison switched on): every document
— light pages, open data, the data package, the leadership indicators — the same bytes, ETag and Last-Modified."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from gjj_dash import web
from gjj_dash.model.problems import Upload
from gjj_dash.paths import ENV_DATA_DIR
from gjj_dash.store.peers import PeerStore
from gjj_dash.web import site as routes
from tests.support.years import fixture

PATHS = ["/data/", "/data/en/", "/data/2016.csv", "/data/2016.json", "/data/2016.xlsx", "/data/all.csv",
         "/data/datapackage.json", "/data/2016-indicators.csv", "/report/", "/report/2016/", "/report/2016/en/",
         "/report/2016/overview/", "/report/2016/quality/"]


def fetch(client: TestClient) -> dict[str, tuple[int, bytes, str | None, str | None]]:
    routes._sites.clear()  # built afresh from the data directory, not served from the previous build
    found = {}
    for path in PATHS:
        response = client.get(path)
        found[path] = (response.status_code, response.content, response.headers.get("etag"),
                       response.headers.get("last-modified"))
    return found


def test_every_document_is_the_same_after_a_body_is_added(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body listed for 2016 (Pingtan's figures) with the public comparison on changes no document of the site."""
    monkeypatch.setenv(ENV_DATA_DIR, str(data_copy))
    client = TestClient(Starlette(routes=web.routes()))
    before = fetch(client)
    assert {status for status, *_ in before.values()} == {200}
    upload = Upload("table", "new2021", 2016, "utf-8", fixture("pingtan-2021").assign(year=2016),
                    {"year": 2016, "format": "new2021"})
    peers = PeerStore(data_copy, read_only=False)
    peers.add(upload, b"report", "平潭.html", "平潭综合实验区", "government", "words", "张薇")
    peers.set_settings("张薇", public=True)
    assert fetch(client) == before
