"""Store: the client address a login attempt is counted under — the connection's peer, or, only when that peer is a
proxy the deployment trusts (GJJ_DASH_TRUSTED_PROXIES), the nearest address in X-Forwarded-For that is not one.

Pure: strings in, a string out. A client can write anything into X-Forwarded-For; only the entries a trusted proxy
appended are believed, read from the right, so a forged left part never chooses the address counted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

ENV_TRUSTED_PROXIES = "GJJ_DASH_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"  # Streamlit's st.context.ip_address gives None for a loopback peer
IPV6_PREFIX = 64  # one IPv6 machine may use a whole /64: count the network, not each address

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class ProxySettingError(ValueError):
    """An entry of the trusted-proxy setting that is neither an address nor a network (held in `entry`)."""

    def __init__(self, entry: str):
        super().__init__(entry)
        self.entry = entry


def trusted_proxies(text: str) -> tuple[Network, ...]:
    """The proxies a deployment trusts, from a list of addresses or networks separated by commas or spaces
    ("127.0.0.1, ::1", "10.1.2.0/24"); empty: none. ProxySettingError names the first entry that is neither."""
    networks = []
    for entry in text.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ProxySettingError(entry) from None
    return tuple(networks)


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def _hops(forwarded: Iterable[str]) -> list[str]:
    """Every X-Forwarded-For header's entries in order (a repeated header continues the list)."""
    return [hop.strip() for header in forwarded for hop in header.split(",") if hop.strip()]


def client_address(peer: str | None, forwarded: Iterable[str], trusted: Sequence[Network]) -> str:
    """The address to count a login under: the peer (None: loopback) unless it is a trusted proxy; then the
    X-Forwarded-For entries from the right, skipping trusted proxies, up to the first that is not one. An entry
    that is no address stops the walk at the proxy that passed it on; a chain of trusted proxies only gives its
    leftmost one."""
    current = _address(peer or LOOPBACK)
    if current is None:
        return peer or LOOPBACK
    for hop in reversed(_hops(forwarded)):
        if not _trusted(current, trusted):
            break
        previous = _address(hop)
        if previous is None:
            break
        current = previous
    return counting_key(current)


def counting_key(address: Address) -> str:
    """An IPv4 address as written; an IPv6 address as its /64 network."""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)
