"""The visitor's address, also behind a reverse proxy.

Behind nginx every request comes from the proxy's address; counting failed logins per that
address would let anyone lock out everyone. ``X-Forwarded-For`` is believed only when the
request comes from a trusted proxy (``IKZ_TRUSTED_PROXIES``: addresses or networks, comma
separated). The list is read from the right (each proxy appends the address it saw): the first
address that is not itself a trusted proxy is the client. A visitor can put anything at the
left of the header; that part is never reached as long as the proxy appends.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    networks = _networks(tuple(settings.IKZ_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address as a string (the direct peer unless that is a trusted proxy)."""
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _address(remote)
    if not is_trusted(peer):
        return str(peer) if peer is not None else remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage: the part before it cannot be trusted either
        if not is_trusted(address):
            return str(address)
    return str(peer)


def axes_client_ip(request: HttpRequest) -> str:
    """``AXES_CLIENT_IP_CALLABLE``: django-axes counts failures per this address."""
    return client_ip(request)
