"""Rate limits behind a reverse proxy: a client cannot dodge them by writing X-Forwarded-For."""

from __future__ import annotations

import json

import pytest
import time_machine

from hearings.conftest import DURING, person

pytestmark = pytest.mark.django_db


def _post(client, event, number, forwarded):
    return client.post(
        f"/api/v1/events/{event.pk}/registrations", json.dumps(person(number)), content_type="application/json",
        HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2",
    )  # fmt: skip


def test_made_up_forwarded_addresses_do_not_dodge_the_rate_limit(client, make_event, settings):
    """Behind one proxy, six requests whose client writes another address each time: the limit of three holds."""
    settings.TRUSTED_PROXIES = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # RAPFANG_BEHIND_PROXY=1 too
    settings.RATE_LIMIT_ANONYMOUS = "3/60"
    event = make_event(capacity=50)
    with time_machine.travel(DURING, tick=True):
        # the client wrote the first address; the proxy appended the second, the one it was reached from
        statuses = [_post(client, event, n, f"198.51.100.{n}, 203.0.113.5").status_code for n in range(1, 7)]
    assert statuses == [202, 202, 202, 429, 429, 429]


def test_two_clients_behind_the_proxy_are_counted_apart(client, make_event, settings):
    settings.TRUSTED_PROXIES = 1
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    event = make_event(capacity=50)
    addresses = ["203.0.113.5", "203.0.113.6", "203.0.113.5"]
    with time_machine.travel(DURING, tick=True):
        statuses = [_post(client, event, n, address).status_code for n, address in enumerate(addresses, start=1)]
    assert statuses == [202, 202, 429]
