"""The clear_cache adapter: Streamlit's hook is where the adapter expects it; a clear_cache message clears nothing."""

from __future__ import annotations

import inspect
import runpy
from pathlib import Path

import pytest
import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession

from gjj_dash.ui import backmsgs

ROOT = Path(__file__).resolve().parents[2]


class Session:
    """A stand-in AppSession: records the handlers Streamlit's own handle_backmsg calls."""

    id = "test-session"

    def __init__(self) -> None:
        self.called: list[str] = []

    def _handle_clear_cache_request(self) -> None:
        self.called.append("clear_cache")
        st.cache_data.clear()  # what Streamlit's own handler does first

    def _handle_git_information_request(self) -> None:
        self.called.append("load_git_info")

    def _handle_app_heartbeat_request(self) -> None:
        self.called.append("app_heartbeat")


def test_streamlit_still_answers_clear_cache_in_app_session_handle_backmsg() -> None:
    """Fails loudly when a Streamlit upgrade moves the hook: BackMsg still has clear_cache in its `type` oneof, and
    AppSession.handle_backmsg (unwrapped) is still where it is dispatched to the handler that clears the caches."""
    fields = {f.name for f in BackMsg.DESCRIPTOR.oneofs_by_name["type"].fields}
    assert "clear_cache" in fields
    original = inspect.unwrap(AppSession.handle_backmsg)
    assert list(inspect.signature(original).parameters) == ["self", "msg"]
    source = inspect.getsource(original)
    assert '"clear_cache"' in source and "self._handle_clear_cache_request()" in source
    assert "caching.cache_data.clear()" in inspect.getsource(AppSession._handle_clear_cache_request)


def test_server_py_installs_the_adapter_before_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running server.py (what `streamlit run server.py` imports) leaves AppSession.handle_backmsg wrapped."""
    original = inspect.unwrap(AppSession.handle_backmsg)
    monkeypatch.setattr(AppSession, "handle_backmsg", original)
    assert not backmsgs.installed()
    namespace = runpy.run_path(str(ROOT / "server.py"))
    assert backmsgs.installed() and type(namespace["app"]).__name__ == "App"
    backmsgs.install()  # a second install keeps one wrapper around Streamlit's own handler
    assert AppSession.handle_backmsg.__wrapped__ is original


def test_a_clear_cache_message_is_ignored_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    """clear_cache reaches no handler and a cached value survives it; other messages pass through unchanged."""
    backmsgs.install()
    calls: list[int] = []

    @st.cache_data
    def cached(x: int) -> int:
        calls.append(x)
        return x

    cached(1)
    session = Session()
    AppSession.handle_backmsg(session, BackMsg(clear_cache=True))
    cached(1)
    assert session.called == [] and calls == [1]
    assert "ignored a clear_cache message from session test-session" in caplog.text
    AppSession.handle_backmsg(session, BackMsg(app_heartbeat=True))
    assert session.called == ["app_heartbeat"]


def test_a_load_git_info_message_gets_no_answer(caplog: pytest.LogCaptureFixture) -> None:
    """load_git_info (the release's git remote, branch and uncommitted files) reaches no handler either."""
    backmsgs.install()
    session = Session()
    AppSession.handle_backmsg(session, BackMsg(load_git_info=True))
    assert session.called == [] and "ignored a load_git_info message" in caplog.text
    assert '"load_git_info"' in inspect.getsource(inspect.unwrap(AppSession.handle_backmsg))
