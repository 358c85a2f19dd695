"""Web: the light site's routes — /data/… (the open data) and /report/… (the light pages), answered from the data
directory the server runs on with Content-Type, Content-Disposition, ETag and Last-Modified from the data version,
Cache-Control, and a Chinese 404 page that links to /data/. Read-only: the routes never write.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from gjj_dash.paths import resolve_data_dir

if TYPE_CHECKING:
    from gjj_dash.figures.rules import RuleBook
    from gjj_dash.publish.site import Doc, Site

# Readers see a publish within five minutes; a cached copy is revalidated with its ETag (304, no body).
CACHE = "public, max-age=300"
NOT_FOUND_CACHE = "public, max-age=60"
# The light pages need nothing but their inline style: no script, no frame, no form, nothing fetched.
PAGE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")
SITES_KEPT = 2  # data versions whose site is kept: the current one, and the one a slow request may still read
DASHBOARD = "/"  # the dashboard is served by the same process, at the site's root

_sites: OrderedDict[tuple[str, str, str], Site] = OrderedDict()
_lock = threading.Lock()


@functools.cache
def _rule_book(path: str) -> RuleBook:
    """One RuleBook per rules file for the process: a changed file is read again, a bad one leaves the rules before."""
    from gjj_dash.figures.rules import RuleBook  # start-up time: as in current_site

    return RuleBook(Path(path))


def current_site() -> tuple[Site, str]:
    """The site of what the data directory publishes now, and its data version (a publish makes a new site)."""
    # start-up time: pandas, plotly and the page builders load with the first request, not when the server starts
    from gjj_dash.figures.rules import rules_path
    from gjj_dash.publish.light_page import Links
    from gjj_dash.publish.site import Site
    from gjj_dash.store.dataset import data_modified, data_version, load_dataset

    folder = resolve_data_dir()
    version = data_version(folder)
    rules = _rule_book(str(rules_path(folder))).current().rules  # staff's own flags.csv, the old rules if it is bad
    key = (str(folder), version, rules.digest)
    with _lock:
        site = _sites.get(key)
        if site is None:
            site = Site(load_dataset(folder), modified=data_modified(folder), links=Links(DASHBOARD), rules=rules)
            _sites[key] = site
            while len(_sites) > SITES_KEPT:
                _sites.popitem(last=False)
        _sites.move_to_end(key)
    return site, version


def _disposition(doc: Doc) -> str:
    """Open data files download under their own name; JSON (data and datapackage.json) is shown in the browser."""
    kind = "inline" if doc.media_type.startswith("application/json") else "attachment"
    return f"{kind}; filename=\"{doc.download}\"; filename*=UTF-8''{quote(doc.download)}"


def _unchanged(request: Request, etag: str, modified: float) -> bool:
    """The client's copy is current: its ETag matches, or (without one) it is not older than the data."""
    if match := request.headers.get("if-none-match"):
        return etag in {tag.strip() for tag in match.split(",")} or match.strip() == "*"
    if since := request.headers.get("if-modified-since"):
        try:
            return parsedate_to_datetime(since).timestamp() >= int(modified)
        except (TypeError, ValueError):
            return False
    return False


def document(request: Request, path: str) -> Response:
    """The document at a site path with its headers, 304 when the client's copy is current, or the 404 page."""
    site, version = current_site()
    doc = site.get(path)
    if doc is None:
        return not_found()
    etag = f'W/"{version}-{doc.digest[:12]}"'
    headers = {"ETag": etag, "Cache-Control": CACHE, "X-Content-Type-Options": "nosniff"}
    if site.data.modified:
        headers["Last-Modified"] = formatdate(site.data.modified, usegmt=True)
    if doc.media_type.startswith("text/html"):
        headers["Content-Security-Policy"] = PAGE_POLICY
    if doc.download:
        headers["Content-Disposition"] = _disposition(doc)
    if _unchanged(request, etag, site.data.modified):
        return Response(status_code=304, headers=headers)
    return Response(doc.body, media_type=doc.media_type, headers=headers)


def not_found() -> Response:
    """The short Chinese page of an unknown year or file, linking to /data/."""
    from gjj_dash.publish.light_page import not_found_html  # start-up time: as in current_site

    headers = {"Cache-Control": NOT_FOUND_CACHE, "Content-Security-Policy": PAGE_POLICY,
               "X-Content-Type-Options": "nosniff"}
    return Response(not_found_html("/data/"), status_code=404, media_type="text/html; charset=utf-8", headers=headers)


def _folder(name: str) -> bool:
    """A path that names a folder of pages without its closing slash (report/2016, data/en)."""
    return bool(name) and not name.endswith("/") and "." not in name.rsplit("/", 1)[-1]


def data_route(request: Request) -> Response:
    """/data/ (the index), /data/en/, /data/<year>.csv|.json|.xlsx, /data/<year>-official.csv, /data/all.csv …"""
    name = request.path_params.get("name", "")
    if name == "en":
        return RedirectResponse("/data/en/", status_code=301)
    return document(request, f"data/{name}")


def report_route(request: Request) -> Response:
    """/report/ (the years), /report/<year>/, /report/<year>/<part>/, each also under …/en/."""
    name = request.path_params.get("name", "")
    if _folder(name):
        return RedirectResponse(f"/report/{name}/", status_code=301)
    return document(request, f"report/{name}")


def routes() -> list[BaseRoute]:
    """The light site's routes (GET and HEAD)."""
    return [
        Route("/data", lambda request: RedirectResponse("/data/", status_code=301)),
        Route("/data/{name:path}", data_route),
        Route("/report", lambda request: RedirectResponse("/report/", status_code=301)),
        Route("/report/{name:path}", report_route),
    ]
