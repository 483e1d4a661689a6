"""Limits on registering: per address on the page and the API together (a crowd behind one address passes, a
flood does not), per e-mail address and telephone number, and confirmation mail only so often to one address."""

from __future__ import annotations

import json

import pytest
import time_machine

from hearings.conftest import DURING, person
from rapfang.hearings.models import MailOutbox, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.long]


def page_post(client, event, data, ip="203.0.113.5", prefix=""):
    return client.post(f"{prefix}/events/{event.pk}/", data, REMOTE_ADDR=ip)


def api_post(client, event, data, ip="203.0.113.5", **headers):
    return client.post(f"/api/v1/events/{event.pk}/registrations", json.dumps(data),
                       content_type="application/json", REMOTE_ADDR=ip, **headers)  # fmt: skip


def test_the_page_refuses_past_the_address_limit_with_429_retry_after_and_what_was_typed(client, make_event, settings):
    settings.RATE_LIMIT_ANONYMOUS = "3/60"
    event = make_event(capacity=50)
    with time_machine.travel(DURING, tick=False):
        statuses = [page_post(client, event, person(n)).status_code for n in range(1, 4)]
        refused = page_post(client, event, person(4, name="ประภาพร ทดลองพิมพ์"))
    assert statuses == [302, 302, 302]
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    html = refused.content.decode()
    assert "มีคำขอจากเครือข่ายของท่านมากเกินไปในเวลาอันสั้น" in html
    assert 'value="ประภาพร ทดลองพิมพ์"' in html and 'value="person4@example.go.th"' in html
    assert Registration.objects.count() == 3


def test_the_refusal_is_in_english_on_the_english_page(client, make_event, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    event = make_event(capacity=50)
    with time_machine.travel(DURING, tick=False):
        page_post(client, event, person(1), prefix="/en")
        refused = page_post(client, event, person(2), prefix="/en")
    assert refused.status_code == 429
    assert "Too many requests from your address" in refused.content.decode()


def test_the_page_and_the_api_share_one_count_per_address_and_other_addresses_are_not_held_back(
    client, make_event, settings
):
    settings.RATE_LIMIT_ANONYMOUS = "2/60"
    event = make_event(capacity=50)
    with time_machine.travel(DURING, tick=False):
        assert page_post(client, event, person(1)).status_code == 302
        assert api_post(client, event, person(2)).status_code == 202
        refused = api_post(client, event, person(3), HTTP_ACCEPT_LANGUAGE="en")
        elsewhere = page_post(client, event, person(4), ip="198.51.100.20")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json()["code"] == "rate_limited" and "Too many requests" in refused.json()["message"]
    assert elsewhere.status_code == 302


def test_the_window_opens_again_at_its_next_second(client, make_event, settings):
    settings.RATE_LIMIT_ANONYMOUS = "1/60"
    event = make_event(capacity=50)
    window_start = DURING.replace(second=0)
    with time_machine.travel(window_start.timestamp() + 58.5, tick=False):
        assert page_post(client, event, person(1)).status_code == 302
    with time_machine.travel(window_start.timestamp() + 59.999, tick=False):
        assert page_post(client, event, person(2)).status_code == 429
    with time_machine.travel(window_start.timestamp() + 60, tick=False):
        assert page_post(client, event, person(3)).status_code == 302


def test_one_e_mail_address_or_telephone_is_limited_across_events_and_addresses(client, make_event, settings):
    settings.RATE_LIMIT_IDENTITY = "2/3600"
    events = [make_event(capacity=50, title_en=f"Workshop {n}") for n in range(4)]
    same = {"email": "target@example.org"}
    with time_machine.travel(DURING, tick=False):
        statuses = [page_post(client, e, person(n, **same), ip=f"198.51.100.{n}").status_code
                    for n, e in enumerate(events[:3])]  # fmt: skip
        by_phone = api_post(client, events[3], person(9, phone="0812345678"))
        by_phone_again = api_post(client, events[2], person(8, phone="081-234-5678"), ip="192.0.2.1")
        by_phone_third = api_post(client, events[1], person(7, phone="+66812345678"), ip="192.0.2.2")
    assert statuses == [302, 302, 429]
    assert [by_phone.status_code, by_phone_again.status_code, by_phone_third.status_code] == [202, 202, 429]
    assert by_phone_third.json()["code"] == "rate_limited_identity"


def test_confirmation_mail_stops_for_an_address_mailed_too_often(client, make_event, settings):
    settings.RATE_LIMIT_MAIL = "2/3600"
    settings.MAIL_OUTBOX_INLINE = False  # keep the queued messages to count them
    events = [make_event(capacity=50, title_en=f"Workshop {n}") for n in range(3)]
    with time_machine.travel(DURING, tick=False):
        for n, event in enumerate(events):
            assert (
                page_post(client, event, person(n, email="victim@example.org"), ip=f"198.51.100.{n}").status_code == 302
            )
        page_post(client, events[0], person(7, email="other@example.org"))
    assert Registration.objects.filter(email="victim@example.org").count() == 3
    assert MailOutbox.objects.filter(registration__email="victim@example.org").count() == 2
    assert MailOutbox.objects.filter(registration__email="other@example.org").count() == 1


def test_a_crowd_behind_one_address_registers_at_the_default_limits(client, make_event):
    """Two hundred people of one office register within a minute from one address: none is refused."""
    event = make_event(capacity=None)
    with time_machine.travel(DURING, tick=False):
        statuses = {page_post(client, event, person(n), ip="203.0.113.77").status_code for n in range(200)}
    assert statuses == {302}
