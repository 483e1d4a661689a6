"""Small facts about an HTTP request."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, which rate limits count by; the one place it is read.

    With no trusted proxy (`RAPFANG_TRUSTED_PROXIES=0`, the default) it is the peer's address. Behind N trusted
    proxies, each of which appends the address it was reached from to `X-Forwarded-For`, it is the Nth address
    from the right: what the nearest untrusted hop was seen as. Addresses further left were written by the client
    and are never believed. A header with fewer hops than N, or a hop that is not an address, gives the peer.
    """
    peer = str(request.META.get("REMOTE_ADDR", ""))
    trusted = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if trusted <= 0:
        return peer
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < trusted:
        return peer
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return peer
