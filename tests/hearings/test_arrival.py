"""The registration deadline decided on the moment a registration arrived, not the moment its turn came to be
written (decision 19), through the page and the API, at the deadline's edge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine

from hearings.conftest import DEADLINE, person
from rapfang.api import hearings as api_hearings
from rapfang.hearings.models import Registration
from rapfang.hearings.views import public as views

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)
LAST_MOMENT = DEADLINE + timedelta(microseconds=999_999)  # still 23:59:59


def delayed(monkeypatch, module, name, traveller, until):
    """The request waits for its turn: the clock stands at `until` by the time the view checks its limits."""
    real = getattr(module, name)

    def late_turn(*args, **kwargs):
        traveller.move_to(until)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, late_turn)


def form(n):
    return {**person(n), "consent": "on"}


def api(client, event, n, **headers):
    body = json.dumps(person(n))
    return client.post(f"/api/v1/events/{event.pk}/registrations", body, content_type="application/json", **headers)


@pytest.mark.parametrize("arrives", [DEADLINE, LAST_MOMENT])
def test_a_form_registration_that_arrived_by_the_deadline_is_taken_though_written_after_it(
    client, make_event, monkeypatch, arrives
):
    event = make_event()
    with time_machine.travel(arrives, tick=False) as traveller:
        delayed(monkeypatch, views, "request_limit", traveller, DEADLINE + 4 * SECOND)
        answer = client.post(f"/events/{event.pk}/", form(1))
    assert answer.status_code == 302
    assert Registration.objects.get().received_at == arrives


def test_a_form_registration_that_arrived_after_the_deadline_is_refused(client, make_event):
    event = make_event()
    with time_machine.travel(DEADLINE + SECOND, tick=False):
        answer = client.post(f"/events/{event.pk}/", form(1))
    assert answer.status_code == 409
    assert not Registration.objects.exists()


def test_an_api_registration_that_arrived_in_the_last_second_is_taken_though_written_after_it(
    client, make_event, monkeypatch
):
    event = make_event()
    with time_machine.travel(LAST_MOMENT, tick=False) as traveller:
        delayed(monkeypatch, api_hearings, "api_rate_limit", traveller, DEADLINE + 4 * SECOND)
        answer = api(client, event, 1)
    assert (answer.status_code, answer.json()["status"]) == (202, "received")
    assert Registration.objects.get().received_at == LAST_MOMENT


def test_an_api_registration_that_arrived_after_the_deadline_is_refused_whenever_it_is_written(
    client, make_event, monkeypatch
):
    event = make_event()
    with time_machine.travel(DEADLINE + SECOND, tick=False) as traveller:
        delayed(
            monkeypatch, api_hearings, "api_rate_limit", traveller, DEADLINE - 5 * SECOND
        )  # even a clock going back
        answer = api(client, event, 1)
    assert (answer.status_code, answer.json()["code"]) == (409, "registration_closed")
    assert not Registration.objects.exists()
