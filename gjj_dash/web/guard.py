"""Web: the public deployment's upload guard — an ASGI middleware that answers 403 to every request for Streamlit's
upload endpoint (/_stcore/upload_file/…), whatever its method or size, before Streamlit sees it.

Streamlit has no switch to turn the endpoint off: server.maxUploadSize = 0 refuses a body with content, but an empty
PUT was stored (204). nginx also blocks the path; this makes `gjj-dash serve --public` as safe without it.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from gjj_dash.paths import is_public

UPLOAD_PATH = "/_stcore/upload_file"
REFUSED = "公众站点不接受上传。".encode()


class NoUploads:
    """Refuse the upload endpoint (and anything under it) with 403 and a Chinese line; pass everything else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] == "http" and UPLOAD_PATH in path:  # under any base URL path
            response = PlainTextResponse(REFUSED.decode(), status_code=403, headers={"Cache-Control": "no-store"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def middleware() -> list[Middleware]:
    """The middleware of this deployment: the upload guard in the public one, none in the staff one."""
    return [Middleware(NoUploads)] if is_public() else []
