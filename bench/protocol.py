"""Benchmark: a Streamlit session driven at the protocol level (WebSocket /_stcore/stream, protobuf messages)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")


@dataclass
class Visit:
    """One page request: how long until the script finished and what went wrong, if anything."""

    page: str
    seconds: float
    error: str = ""
    elements: int = 0
    charts: int = 0


@dataclass
class Session:
    """One browser-less session: connects like the frontend, asks for pages by URL path, waits for each run."""

    base: str  # http://127.0.0.1:PORT
    timeout: float = 60.0
    visits: list[Visit] = field(default_factory=list)
    _socket: object = None

    async def __aenter__(self) -> Session:
        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self._socket = await connect(url, subprotocols=["streamlit"], max_size=64 * 2**20, open_timeout=self.timeout,
                                     proxy=None)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def visit(self, page: str) -> Visit:
        """Request a page (its URL path, "" for the default) and wait for its script run to finish."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = ""
        start = time.perf_counter()
        error, elements, charts = "", 0, 0
        try:
            await self._socket.send(msg.SerializeToString())
            async with asyncio.timeout(self.timeout):
                while True:
                    forward = ForwardMsg()
                    forward.ParseFromString(await self._socket.recv())
                    kind = forward.WhichOneof("type")
                    if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                        elements += 1
                        element = forward.delta.new_element.WhichOneof("type")
                        charts += element == "plotly_chart"
                        if element == "exception":
                            error = error or "exception: " + forward.delta.new_element.exception.message[:120]
                    elif kind == "page_not_found":
                        error = error or f"page not found: {page}"
                    elif kind == "script_finished":
                        if forward.script_finished != FINISHED:
                            error = error or f"script finished with status {forward.script_finished}"
                        break
        except TimeoutError:
            error = f"timeout after {self.timeout:.0f} s"
        except Exception as exc:  # noqa: BLE001 — a dropped connection is an error to count, not a crash
            error = f"{type(exc).__name__}: {exc}"[:160]
        visit = Visit(page, time.perf_counter() - start, error, elements, charts)
        self.visits.append(visit)
        return visit


async def first_run(base: str, page: str = "", timeout: float = 60.0) -> Visit:
    """Open one session and time the first script run of a page (the server's imports and data load included)."""
    async with Session(base, timeout) as session:
        return await session.visit(page)
