"""Test support: a bare client of Streamlit's WebSocket (/_stcore/stream) — what any visitor's script can open —
sending protobuf BackMsgs, and the server's cache metrics (/_stcore/metrics) read as the caches it holds."""

from __future__ import annotations

import re
import time
import urllib.request
from contextlib import contextmanager

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

METRICS_TTL = 5.0  # Streamlit 1.67 recomputes cache_memory_bytes at most every five seconds
_CACHE_LINE = re.compile(r'^cache_memory_bytes\{(?P<labels>[^}]*)\}\s+(?P<bytes>\d+)', re.MULTILINE)
_LABEL = re.compile(r'(\w+)="([^"]*)"')


@contextmanager
def stream(base_url: str):
    """A WebSocket session on the server at base_url, as Streamlit's front end opens it (subprotocol streamlit)."""
    url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], proxy=None, max_size=None, open_timeout=20) as socket:
        yield socket


def send_and_sync(socket, message: BackMsg, timeout: float = 20.0) -> None:
    """Send a BackMsg, then a heartbeat, and wait for the heartbeat's answer: the server handles a session's
    messages in order, so the first one has been handled when the answer comes."""
    socket.send(message.SerializeToString())
    socket.send(BackMsg(app_heartbeat=True).SerializeToString())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = socket.recv(timeout=max(0.1, deadline - time.monotonic()))
        if isinstance(frame, bytes) and ForwardMsg.FromString(frame).WhichOneof("type") == "heartbeat_ack":
            return
    raise AssertionError("the server never answered the heartbeat")


def cached_functions(base_url: str) -> dict[str, dict[str, int]]:
    """Per kind of cache (st_cache_data, st_cache_resource), the functions that hold entries in it with their bytes,
    read from the server's metrics (fresh: waits out the metrics' own five-second cache first)."""
    time.sleep(METRICS_TTL + 0.5)
    url = f"{base_url}/_stcore/metrics?families=cache_memory_bytes"
    with urllib.request.urlopen(url, timeout=20) as response:
        text = response.read().decode("utf-8")
    found: dict[str, dict[str, int]] = {}
    for line in _CACHE_LINE.finditer(text):
        labels = dict(_LABEL.findall(line["labels"]))
        kind, name = labels.get("cache_type", ""), labels.get("cache", "")
        functions = found.setdefault(kind, {})
        functions[name] = functions.get(name, 0) + int(line["bytes"])
    return found
