"""The events API: public facts with seats left, and registration with 201, 409, 422, 401 and 429."""

from __future__ import annotations

import json

import pytest
import time_machine

from hearings.conftest import DEADLINE, DURING, later, person
from rapfang.accounts.services import apikey_create
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import Registration

pytestmark = pytest.mark.django_db


def post(client, event, body, **headers):
    return client.post(
        f"/api/v1/events/{event.pk}/registrations", json.dumps(body), content_type="application/json", **headers
    )


def test_consultation_lists_its_events_and_event_gives_seats_left(client, make_event):
    event = make_event(capacity=3)
    listed = client.get("/api/v1/consultations/dg2-2560-2564").json()["events"]
    assert {"id": event.pk, "title": {"th": event.title_th, "en": event.title_en}}.items() <= next(
        e for e in listed if e["id"] == event.pk
    ).items()
    with time_machine.travel(DURING, tick=False):
        post(client, event, person(1))
        facts = client.get(f"/api/v1/events/{event.pk}").json()
    assert facts["capacity"] == 3 and facts["seats_left"] == 2
    assert facts["start"] == "2016-11-18T09:30:00+07:00"
    assert facts["registration"]["state"] == "open"
    assert "person1" not in json.dumps(facts, ensure_ascii=False)


def keyed() -> dict[str, str]:
    _key, raw = apikey_create(actor=SYSTEM, name="partner")
    return {"HTTP_X_API_KEY": raw}


def test_registration_201_confirmed_then_waitlisted_with_position(client, make_event):
    event, key = make_event(capacity=1), keyed()
    with time_machine.travel(DURING, tick=False):
        first = post(client, event, person(1), **key)
        second = post(client, event, person(2), **key)
        third = post(client, event, person(3), **key)
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed" and first.json()["waitlist_position"] is None
    assert second.json() == {"reference": second.json()["reference"], "status": "waitlisted", "waitlist_position": 1}
    assert third.json()["waitlist_position"] == 2


def test_409_with_reason_codes_duplicate_and_closed(client, make_event):
    event, key = make_event(), keyed()
    with time_machine.travel(DURING, tick=False):
        post(client, event, person(1), **key)
        duplicate = post(client, event, person(1), **key)
    with time_machine.travel(later(DEADLINE, 1), tick=False):
        closed = post(client, event, person(2))
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate")
    assert (closed.status_code, closed.json()["code"]) == (409, "registration_closed")
    assert Registration.objects.count() == 1


def test_422_names_the_fields_in_the_callers_language(client, make_event):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        shape = post(client, event, person(1, stakeholder_type="alien"), HTTP_ACCEPT_LANGUAGE="en")  # the schema's
        content = post(client, event, person(1, name=" ", consent=False), HTTP_ACCEPT_LANGUAGE="en")  # the service's
    assert shape.status_code == content.status_code == 422
    assert shape.json()["errors"] == {"stakeholder_type": ["Please choose one of the listed options."]}
    body = content.json()
    assert body["code"] == "invalid" and {"name", "consent"} <= set(body["errors"])  # every problem at once
    assert body["errors"]["consent"] == ["Please agree to the privacy notice to register."]
    assert not Registration.objects.exists()


def test_404_for_an_unknown_event(client, demo):
    assert post(client, type("E", (), {"pk": 999_999}), person(1)).status_code == 404


def test_anonymous_clients_are_limited_per_ip_and_keys_have_their_own_limit(client, make_event, settings):
    settings.RATE_LIMIT_ANONYMOUS = "2/60"
    event = make_event(capacity=50)
    _key, raw = apikey_create(actor=SYSTEM, name="partner", requests_per_minute=100)
    with time_machine.travel(DURING, tick=True):
        answers = [post(client, event, person(n)).status_code for n in range(1, 4)]
        keyed = post(client, event, person(4), HTTP_X_API_KEY=raw)
        bad_key = post(client, event, person(5), HTTP_X_API_KEY="not-a-key")
    assert answers == [202, 202, 429]
    assert keyed.status_code == 201
    assert bad_key.status_code == 401


def test_without_a_key_a_repeat_is_answered_like_a_first_registration(client, make_event, smtp):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        first = post(client, event, person(1))
        again = post(client, event, person(3, phone=person(1)["phone"]))
    assert (first.status_code, first.json()) == (again.status_code, again.json())
    assert first.status_code == 202 and first.json()["status"] == "received"
    assert Registration.objects.count() == 1
    assert not smtp.to("person3@example.go.th")  # the new address learns nothing
    notices = [m for m in smtp.to("person1@example.go.th") if "already registered" in smtp.subject(m).lower()
               or "ลงทะเบียนไว้แล้ว" in smtp.subject(m)]  # fmt: skip
    assert len(notices) == 1
