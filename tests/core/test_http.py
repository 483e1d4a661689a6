"""The client's address behind a configured number of trusted proxies: headers a client writes are never believed."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from rapfang.core.http import client_ip


def _request(forwarded: str | None, peer: str = "10.0.0.9"):
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.7, 203.0.113.5", "10.0.0.9"),  # no proxy trusted: the header is ignored
        (1, "198.51.100.7, 203.0.113.5", "203.0.113.5"),  # one proxy: the address it appended
        (2, "198.51.100.7, 203.0.113.5, 10.1.1.1", "203.0.113.5"),  # two proxies: second from the right
        (1, "203.0.113.5", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.9"),  # fewer hops than proxies: the peer
        (1, None, "10.0.0.9"),
        (1, "198.51.100.7, not-an-address", "10.0.0.9"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_is_the_nth_from_the_right(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_ip(_request(forwarded)) == expected


def test_without_a_trusted_proxy_the_forwarded_header_changes_nothing(settings):
    settings.TRUSTED_PROXIES = 0
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(_request("198.51.100.7")) == "10.0.0.9"
