"""UI: the one adapter on Streamlit's browser messages — a `clear_cache` BackMsg from any browser is ignored (and
logged) instead of emptying st.cache_data and st.cache_resource for every session; so is `load_git_info`.

Streamlit 1.67 answers that message in `AppSession.handle_backmsg` (streamlit/runtime/app_session.py) by clearing
both caches for the whole process and the sender's session state; `client.toolbarMode = "viewer"` only hides the
menu item, and any client of the WebSocket (/_stcore/stream) can still send it. server.py installs this adapter
before it creates the app; the caches are emptied only by restarting the server. tests/ui/test_backmsgs.py fails
if a Streamlit upgrade moves the hook. `load_git_info` would answer any client with the release folder's git remote,
branch and uncommitted files when the release is a git checkout: nothing a reader needs.
"""

from __future__ import annotations

import functools
import logging

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession

REFUSED = frozenset({"clear_cache", "load_git_info"})
_MARK = "_gjj_dash_refuses"
_LOGGER = logging.getLogger("gjj_dash.backmsgs")


def install() -> None:
    """Wrap AppSession.handle_backmsg once (installing twice changes nothing)."""
    original = AppSession.handle_backmsg
    if installed():
        return

    @functools.wraps(original)
    def handle_backmsg(self: AppSession, msg: BackMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind in REFUSED:
            _LOGGER.warning("gjj-dash: ignored a %s message from session %s (the caches are shared)", kind, self.id)
            return
        original(self, msg)

    setattr(handle_backmsg, _MARK, REFUSED)
    AppSession.handle_backmsg = handle_backmsg


def installed() -> bool:
    """Whether AppSession.handle_backmsg is this adapter."""
    return getattr(AppSession.handle_backmsg, _MARK, None) == REFUSED
