"""UI: the address this session's browser connects from, as the login throttle counts it — Streamlit's
st.context.ip_address and X-Forwarded-For headers read here, judged by gjj_dash.store.clients."""

from __future__ import annotations

import os

import streamlit as st

from gjj_dash.store import clients


def client_address() -> str:
    """The client address of this session (ProxySettingError: GJJ_DASH_TRUSTED_PROXIES holds an entry that is
    no address). X-Forwarded-For is believed only from the trusted proxies it names."""
    trusted = clients.trusted_proxies(os.environ.get(clients.ENV_TRUSTED_PROXIES, ""))
    forwarded = st.context.headers.get_all("X-Forwarded-For") if trusted else []
    peer = st.context.ip_address  # None for a loopback peer; not a string at all under AppTest
    return clients.client_address(peer if isinstance(peer, str) else None, forwarded, trusted)
