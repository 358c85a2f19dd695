"""Web: the staff login's cookie — POST /auth/session trades a one-time grant (issued by 数据管理 once the password
is checked) for a session token in an HttpOnly, SameSite=Strict cookie; POST /auth/logout ends the session and
deletes the cookie. The public deployment answers both with 404.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from gjj_dash.i18n import t
from gjj_dash.paths import is_public, resolve_data_dir
from gjj_dash.store.sessions import COOKIE, GRANT_SECONDS, LOGOUT_ROUTE, SESSION_ROUTE, Sessions, sessions_path

ADMIN = "/admin"  # the staff page (app.py's url_path of views/admin.py)
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
PAGE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
MAX_BODY = 4096  # a grant form is a few dozen bytes


def _sessions() -> Sessions:
    return Sessions(sessions_path(resolve_data_dir()))


def _https(request: Request) -> bool:
    """Whether the browser reached us over https (directly, or through the nginx site, which says so)."""
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def same_origin(request: Request) -> bool:
    """A form posted by our own page, not by another site: Sec-Fetch-Site, else Origin (no header: not a browser)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("origin")
    if origin is None or origin == "null":  # "null": nginx's Referrer-Policy no-referrer hides it
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _refused(status: int, key: str) -> Response:
    """A short Chinese page with a link back to 数据管理."""
    body = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{t("page.admin")}</title>'
            f'<p>{t(key, seconds=int(GRANT_SECONDS))}</p><p><a href="{ADMIN}">{t("page.admin")}</a></p></html>')
    headers = {**NO_STORE, "Content-Security-Policy": PAGE_POLICY}
    return Response(body, status_code=status, media_type="text/html; charset=utf-8", headers=headers)


async def _field(request: Request, name: str) -> str:
    body = await request.body()
    if len(body) > MAX_BODY:
        return ""
    values = parse_qs(body.decode("utf-8", errors="replace")).get(name, [])
    return values[0] if len(values) == 1 else ""


async def session_route(request: Request) -> Response:
    """Redeem the grant: a new session (the browser's old one, if any, ends), its cookie set, back to 数据管理."""
    if is_public():
        return Response(status_code=404, headers=NO_STORE)
    if not same_origin(request):
        return _refused(403, "admin.grant_cross_site")
    grant = await _field(request, "grant")
    store = _sessions()
    issued = await run_in_threadpool(store.redeem, grant) if grant else None
    if issued is None:
        return _refused(403, "admin.grant_invalid")
    await run_in_threadpool(store.revoke, request.cookies.get(COOKIE))  # rotated: never two sessions in one cookie
    response = RedirectResponse(ADMIN, status_code=303, headers=NO_STORE)
    response.set_cookie(COOKIE, issued[0], max_age=int(store.policy.absolute), path="/", secure=_https(request),
                        httponly=True, samesite="strict")
    return response


async def logout_route(request: Request) -> Response:
    """End the session of the browser's cookie, delete the cookie, back to 数据管理 (its login form)."""
    if is_public():
        return Response(status_code=404, headers=NO_STORE)
    if not same_origin(request):
        return _refused(403, "admin.grant_cross_site")
    await run_in_threadpool(_sessions().revoke, request.cookies.get(COOKIE))
    response = RedirectResponse(ADMIN, status_code=303, headers=NO_STORE)
    response.delete_cookie(COOKIE, path="/", secure=_https(request), httponly=True, samesite="strict")
    return response


def routes() -> list[BaseRoute]:
    """The login routes (POST only; any other method is answered 405)."""
    return [Route(SESSION_ROUTE, session_route, methods=["POST"]), Route(LOGOUT_ROUTE, logout_route, methods=["POST"])]
