"""The client address a login is counted under: X-Forwarded-For believed only from trusted proxies."""

from __future__ import annotations

import pytest

from gjj_dash.store import clients

NGINX = clients.trusted_proxies("127.0.0.1, ::1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        # No trusted proxy (the default): the peer, whatever the header says.
        ("203.0.113.7", ["198.51.100.1"], (), "203.0.113.7"),
        (None, ["198.51.100.1"], (), "127.0.0.1"),
        # nginx on the same machine (Streamlit reports a loopback peer as None) appends the real client.
        (None, ["10.1.2.3"], NGINX, "10.1.2.3"),
        ("127.0.0.1", ["10.1.2.3"], NGINX, "10.1.2.3"),
        # A client's forged entries sit left of what nginx appended: never chosen.
        (None, ["1.1.1.1, 6.6.6.6, 10.1.2.3"], NGINX, "10.1.2.3"),
        # A header from a peer that is not trusted is ignored.
        ("10.9.9.9", ["1.1.1.1"], NGINX, "10.9.9.9"),
        # Two trusted proxies in a row: skipped from the right up to the first untrusted hop.
        (None, ["10.1.2.3, 192.168.5.5"], clients.trusted_proxies("127.0.0.1 192.168.5.0/24"), "10.1.2.3"),
        # Repeated headers continue one list.
        (None, ["9.9.9.9", "10.1.2.3"], NGINX, "10.1.2.3"),
        # Garbage where nginx's entry should be: the walk stops at the proxy.
        (None, ["10.1.2.3, not-an-address"], NGINX, "127.0.0.1"),
        (None, [""], NGINX, "127.0.0.1"),
        (None, [], NGINX, "127.0.0.1"),
        # Every hop trusted: the leftmost.
        (None, ["127.0.0.1"], NGINX, "127.0.0.1"),
        # IPv4-mapped IPv6 is the IPv4 address; IPv6 is counted by its /64.
        (None, ["::ffff:10.1.2.3"], NGINX, "10.1.2.3"),
        (None, ["2001:db8:1:2:aaaa::1"], NGINX, "2001:db8:1:2::/64"),
        ("2001:db8:1:2::99", [], (), "2001:db8:1:2::/64"),
    ],
)
def test_the_client_address(peer, forwarded, trusted, expected) -> None:
    """Peer, X-Forwarded-For headers and trusted proxies → the address counted."""
    assert clients.client_address(peer, forwarded, trusted) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ()), ("127.0.0.1", ("127.0.0.1/32",)), ("127.0.0.1, ::1", ("127.0.0.1/32", "::1/128")),
     (" 10.1.2.0/24\n10.1.3.4 ", ("10.1.2.0/24", "10.1.3.4/32"))],
)
def test_the_trusted_proxies_setting(text: str, expected: tuple[str, ...]) -> None:
    """Addresses or networks separated by commas or white space; empty means none."""
    assert tuple(str(n) for n in clients.trusted_proxies(text)) == expected


def test_a_bad_trusted_proxy_entry_is_named() -> None:
    """A typo in the setting is an error naming the entry, never silently ignored."""
    with pytest.raises(clients.ProxySettingError) as caught:
        clients.trusted_proxies("127.0.0.1, nginx.local")
    assert caught.value.entry == "nginx.local"
