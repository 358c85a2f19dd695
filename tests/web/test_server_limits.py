"""The bare `gjj-dash serve` (no deploy/ config) against real requests: WebSocket messages over the limit are refused,
uploads of the full cap still arrive (they go over HTTP)."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path

import websockets

from gjj_dash.cli.serve import COMMON_FLAGS, MAX_MESSAGE_MB
from tests.browser import servers
from tests.support.sessions import run, upload

ROOT = Path(__file__).resolve().parents[2]


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def back_message(size: int) -> bytes:
    """A BackMsg of exactly size bytes that asks for nothing: one field Streamlit does not know (number 999),
    which protobuf skips, so only the size can make the server close the connection."""
    head = _varint(999 << 3 | 2)
    for digits in range(1, 6):
        body = size - len(head) - digits
        if len(_varint(body)) == digits:
            return head + _varint(body) + b"x" * body
    raise ValueError(size)


async def _send(server: servers.Server, size: int) -> int | None:
    """Open /_stcore/stream as a browser of the same origin would, send one binary message of size bytes, and
    return the close code if the server closes the connection within 5 s (None: still open)."""
    url = server.url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(url, origin=server.url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=20) as socket:
            await socket.send(back_message(size))
            try:
                await asyncio.wait_for(socket.wait_closed(), timeout=5)
            except TimeoutError:
                return None
    except websockets.ConnectionClosed as exc:
        return exc.rcvd.code if exc.rcvd else -1
    return socket.close_code


def test_a_websocket_message_over_the_limit_closes_the_connection(bare_public: servers.Server) -> None:
    """8 MB is the limit: a message of 8 MB + 1 byte is refused by closing the socket (1009, message too big); one
    of 7 MB is taken (the connection stays open): the limit is the configured one, not Streamlit's 200 MB."""
    assert run(_send(bare_public, MAX_MESSAGE_MB * 1_000_000 + 1)) == 1009
    assert run(_send(bare_public, 7_000_000)) is None


def test_every_deployment_has_the_same_small_message_limit() -> None:
    """The flags, the checkout's config and both deploy/ configs all say 8 MB (Streamlit's default is 200)."""
    assert COMMON_FLAGS["server.maxMessageSize"] == str(MAX_MESSAGE_MB) == "8"
    for path in (".streamlit/config.toml", "deploy/public/config.toml", "deploy/staff/config.toml"):
        assert tomllib.loads((ROOT / path).read_text(encoding="utf-8"))["server"]["maxMessageSize"] == 8, path


def test_an_upload_of_the_full_10_mb_still_reaches_the_staff_server(bare_staff: servers.Server) -> None:
    """Uploads go over HTTP, not the WebSocket: a file of the 10 MB cap (less the form's own bytes, which Streamlit
    counts in the request) is stored (204) under the 8 MB message limit; one byte over the cap is refused (413)."""
    cap = 10 * 1024 * 1024
    assert upload(bare_staff.url, b"x" * (cap - 1024)) == 204
    assert upload(bare_staff.url, b"x" * (cap + 1)) == 413
