"""web/site: /data/… and /report/… from the data directory the server runs on — bytes, Content-Type,
Content-Disposition, ETag and Last-Modified from the data version, Cache-Control, 304s, redirects, the Chinese 404,
a new site for a new data version (at most two kept), and nothing written."""

from __future__ import annotations

import json
import shutil
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from gjj_dash import web
from gjj_dash.paths import ENV_DATA_DIR
from gjj_dash.publish.open_data import OpenData
from gjj_dash.store.dataset import data_modified, data_version, load_dataset
from gjj_dash.web import site as routes


@pytest.fixture
def client(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """The server's own routes (web.routes()) over a private copy of the bundled years."""
    monkeypatch.setenv(ENV_DATA_DIR, str(data_copy))
    routes._sites.clear()
    return TestClient(Starlette(routes=web.routes()))


@pytest.mark.parametrize(
    ("path", "media", "disposition"),
    [
        ("/data/2016.csv", "text/csv; charset=utf-8", 'attachment; filename="gjj-open-data-2016.csv"'),
        ("/data/2016.json", "application/json; charset=utf-8", 'inline; filename="gjj-open-data-2016.json"'),
        ("/data/2016.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         'attachment; filename="gjj-official-table-2016.xlsx"'),
        ("/data/2016-official.csv", "text/csv; charset=utf-8", 'attachment; filename="gjj-official-table-2016.csv"'),
        ("/data/all.csv", "text/csv; charset=utf-8", 'attachment; filename="gjj-open-data-all.csv"'),
        ("/data/dictionary.csv", "text/csv; charset=utf-8", 'attachment; filename="gjj-data-dictionary.csv"'),
        ("/data/datapackage.json", "application/json", None),
    ],
)
def test_each_data_file_has_its_bytes_type_and_name(client: TestClient, data_copy: Path, path: str, media: str,
                                                      disposition: str | None) -> None:
    """The bytes of the open data, its media type, its download name, and a five-minute public cache."""
    response = client.get(path)
    assert response.status_code == 200
    expected = OpenData(load_dataset(data_copy), data_modified(data_copy)).payload(path.removeprefix("/data/"))
    assert response.content == expected
    assert response.headers["content-type"] == media
    if disposition is None:
        assert "content-disposition" not in response.headers
    else:
        assert response.headers["content-disposition"].startswith(disposition + "; filename*=UTF-8''")
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_etag_and_last_modified_come_from_the_data_version(client: TestClient, data_copy: Path) -> None:
    """ETag names the data version; Last-Modified is the newest published file's time."""
    response = client.get("/data/2016.csv")
    assert response.headers["etag"].startswith(f'W/"{data_version(data_copy)}-')
    when = parsedate_to_datetime(response.headers["last-modified"]).timestamp()
    assert when == int(data_modified(data_copy))


def test_a_current_copy_gets_304_without_a_body(client: TestClient) -> None:
    """If-None-Match with the ETag, or If-Modified-Since at the data's time, gives 304 and no body; an old date 200."""
    first = client.get("/report/2016/")
    again = client.get("/report/2016/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]
    since = client.get("/report/2016/", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    old = client.get("/report/2016/", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert old.status_code == 200 and old.content == first.content
    other = client.get("/report/2016/", headers={"If-None-Match": 'W/"other"'})
    assert other.status_code == 200


def test_a_publish_changes_the_pages_and_etags_and_only_two_sites_are_kept(client: TestClient,
                                                                          data_copy: Path) -> None:
    """A new year published in the data directory: /data/2017.csv answers at once, the index lists it, the old
    ETag no longer matches; older data versions' sites are dropped."""
    before = client.get("/data/")
    assert client.get("/data/2017.csv").status_code == 404
    shutil.copytree(data_copy / "years" / "2016", data_copy / "years" / "2017")
    values = (data_copy / "years" / "2017" / "values.csv").read_text(encoding="utf-8").replace("\n2016,", "\n2017,")
    (data_copy / "years" / "2017" / "values.csv").write_text(values, encoding="utf-8")
    report = json.loads((data_copy / "years" / "2017" / "report.json").read_text(encoding="utf-8")) | {"year": 2017}
    (data_copy / "years" / "2017" / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    after = client.get("/data/", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and "2017.csv" in after.text and after.headers["etag"] != before.headers["etag"]
    assert client.get("/data/2017.csv").status_code == 200 and client.get("/report/2017/").status_code == 200
    (data_copy / "years" / "2017" / "report.json").touch()
    client.get("/data/")
    assert len(routes._sites) == routes.SITES_KEPT


@pytest.mark.parametrize("path", ["/data/2017.csv", "/data/nothing", "/report/2017/", "/report/2016/charts/",
                                  "/data/2016.csv/x", "/report/2016/en/en/"])
def test_an_unknown_year_or_file_gets_the_chinese_404_linking_to_the_data_index(client: TestClient,
                                                                                 path: str) -> None:
    """404 with a short Chinese page that links to /data/, no script allowed."""
    response = client.get(path)
    assert response.status_code == 404 and response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="zh-CN">' in response.text and "未找到该页面或文件" in response.text
    assert 'href="/data/"' in response.text and "<script" not in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(("path", "location"), [("/data", "/data/"), ("/data/en", "/data/en/"),
                                                ("/report", "/report/"), ("/report/2016", "/report/2016/"),
                                                ("/report/2016/halls/en", "/report/2016/halls/en/")])
def test_a_folder_without_its_slash_redirects(client: TestClient, path: str, location: str) -> None:
    """Pages are folders (the same relative links work live and as static files): the bare name redirects."""
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == location


def test_pages_forbid_scripts_and_head_gives_headers_only(client: TestClient) -> None:
    """Light pages carry a policy allowing no script, frame or fetch; HEAD answers with the same headers, no body."""
    page = client.get("/report/2016/en/")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script" not in policy and "frame-ancestors 'none'" in policy
    head = client.head("/report/2016/en/")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == page.headers["etag"]


def test_the_routes_write_nothing_into_the_data_directory(client: TestClient, data_copy: Path) -> None:
    """The public deployment is read-only: answering every page and file leaves the data directory as it was."""
    before = {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")}
    for path in ("/data/", "/data/datapackage.json", "/data/2016.xlsx", "/report/2016/", "/report/2016/tables/en/"):
        assert client.get(path).status_code == 200
    assert {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")} == before
