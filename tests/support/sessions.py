"""Test support: a Streamlit session opened over the WebSocket as the browser opens one, and a file PUT to the
upload endpoint for it with the XSRF cookie and header — what the staff page's uploader does, without a browser."""

from __future__ import annotations

import asyncio

import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

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


async def _upload(url: str, payload: bytes, method: str, name: str) -> int:
    http = requests.Session()
    http.get(f"{url}/_stcore/health", timeout=30)  # sets the XSRF cookie, as the page does on load
    token = http.cookies.get(XSRF_COOKIE, "")
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(stream, origin=url, subprotocols=["streamlit", token or "x"], max_size=None,
                                  open_timeout=30) as socket:
        session = await _session_id(socket)
        files = {"file": (name, payload, "text/csv")} if method != "DELETE" else None

        def send() -> int:
            return http.request(method, f"{url}/_stcore/upload_file/{session}/f1", files=files,
                                headers={"X-Xsrftoken": token, "Origin": url}, timeout=120).status_code

        return await asyncio.to_thread(send)


def upload(url: str, payload: bytes, method: str = "PUT", name: str = "table.csv") -> int:
    """The HTTP status the server answers to an upload of payload (PUT, or another method) in a live session."""
    return asyncio.run(_upload(url, payload, method, name))
