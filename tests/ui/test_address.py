"""The session's client address: st.context's peer and X-Forwarded-For, judged by the deployment's trusted proxies."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gjj_dash.store import clients
from gjj_dash.ui import address


class Headers:
    """st.context.headers as Streamlit gives it: every value of a repeated header from get_all."""

    def __init__(self, **values: list[str]) -> None:
        self.values = {k.lower().replace("_", "-"): v for k, v in values.items()}
        self.asked: list[str] = []

    def get_all(self, key: str) -> list[str]:
        self.asked.append(key)
        return self.values.get(key.lower(), [])


@pytest.fixture
def context(monkeypatch: pytest.MonkeyPatch):
    """Replace st.context in gjj_dash.ui.address by a peer (None: loopback) and headers the test sets."""

    def use(peer, **headers: list[str]) -> Headers:
        fake = Headers(**headers)
        monkeypatch.setattr(address, "st", SimpleNamespace(context=SimpleNamespace(ip_address=peer, headers=fake)))
        return fake

    return use


def test_without_trusted_proxies_the_header_is_not_even_read(context, monkeypatch) -> None:
    """The default deployment counts the peer; X-Forwarded-For is never looked at."""
    monkeypatch.delenv(clients.ENV_TRUSTED_PROXIES, raising=False)
    headers = context(None, x_forwarded_for=["10.1.2.3"])
    assert address.client_address() == "127.0.0.1" and headers.asked == []


def test_behind_the_trusted_loopback_nginx_the_browser_address_counts(context, monkeypatch) -> None:
    """GJJ_DASH_TRUSTED_PROXIES=127.0.0.1,::1 (the staff unit): the address nginx put in X-Forwarded-For."""
    monkeypatch.setenv(clients.ENV_TRUSTED_PROXIES, "127.0.0.1,::1")
    context(None, x_forwarded_for=["10.1.2.3"])
    assert address.client_address() == "10.1.2.3"
    context("10.9.9.9", x_forwarded_for=["10.1.2.3"])
    assert address.client_address() == "10.9.9.9"


def test_a_bad_setting_is_an_error_naming_the_entry(context, monkeypatch) -> None:
    """A typo in GJJ_DASH_TRUSTED_PROXIES refuses (the login page shows it) rather than trusting nobody silently."""
    monkeypatch.setenv(clients.ENV_TRUSTED_PROXIES, "127.0.0.1 localhost")
    context(None)
    with pytest.raises(clients.ProxySettingError, match="localhost"):
        address.client_address()
