"""Test support: a Streamlit session opened over the WebSocket as the browser opens one, and a file PUT to the
upload endpoint for it with the XSRF cookie and header — what the staff page's uploader does, without a browser."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from urllib3 import encode_multipart_formdata

XSRF_COOKIE = "_streamlit_xsrf"


async def _session_id(socket) -> str:
    """Ask for the first script run and read the server's messages until the new session names itself."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    await socket.send(back.SerializeToString())
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=60))
        if message.WhichOneof("type") == "new_session":
            return message.new_session.initialize.session_id


async def _upload(url: str, payload: bytes, method: str, name: str, chunked: bool) -> int:
    http = requests.Session()
    http.get(f"{url}/_stcore/health", timeout=30)  # sets the XSRF cookie, as the page does on load
    token = http.cookies.get(XSRF_COOKIE, "")
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, origin=url, subprotocols=["streamlit", token or "x"], max_size=None,
                                  open_timeout=30) as socket:
        session = await _session_id(socket)
        body, kind = encode_multipart_formdata({"file": (name, payload, "text/csv")})
        headers = {"X-Xsrftoken": token, "Origin": url, "Content-Type": kind}

        def send() -> int:
            data = iter([body]) if chunked else body  # an iterator goes chunked, with no Content-Length
            return http.request(method, f"{url}/_stcore/upload_file/{session}/f1", data=None if method == "DELETE"
                                else data, headers=headers, timeout=120).status_code

        return await asyncio.to_thread(send)


def upload(url: str, payload: bytes, method: str = "PUT", name: str = "table.csv", chunked: bool = False) -> int:
    """The HTTP status the server answers to an upload of payload (PUT, or another method) in a live session;
    chunked: sent without Content-Length, as Transfer-Encoding: chunked."""
    return run(_upload(url, payload, method, name, chunked))


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """asyncio.run in a thread of its own: it works whether or not this thread already runs an event loop (a worker
    that has run a Playwright test keeps one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
