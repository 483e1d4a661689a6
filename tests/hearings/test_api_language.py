"""The API answers in the caller's language, from Accept-Language; Thai when none is given."""

from __future__ import annotations

import json

import pytest
import time_machine

from hearings.conftest import DURING, person
from rapfang.hearings.models import Registration

pytestmark = pytest.mark.django_db
INVALID_EN = "Some of the information given is not valid."


def post(client, event, body, **headers):
    return client.post(
        f"/api/v1/events/{event.pk}/registrations", json.dumps(body), content_type="application/json", **headers
    )


@pytest.mark.parametrize(
    ("header", "message", "name_error"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, INVALID_EN, "Please fill in this field."),
        ({"HTTP_ACCEPT_LANGUAGE": "th-TH,th;q=0.9,en;q=0.5"}, "ข้อมูลบางส่วนไม่ถูกต้อง", "โปรดกรอกข้อมูลในช่องนี้"),
        ({}, "ข้อมูลบางส่วนไม่ถูกต้อง", "โปรดกรอกข้อมูลในช่องนี้"),
    ],
    ids=["english", "thai", "none"],
)
def test_errors_come_in_the_callers_language(client, make_event, header, message, name_error):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        answer = post(client, event, person(1, name=""), **header)
    assert answer.status_code == 422
    assert answer.json()["errors"]["name"] == [name_error]
    assert answer.json()["message"] == message
    assert answer["Content-Language"] == ("en" if "en-GB" in header.get("HTTP_ACCEPT_LANGUAGE", "") else "th")


def test_not_found_in_english_and_a_registration_kept_in_the_callers_language(client, make_event):
    assert client.get("/api/v1/events/99999", HTTP_ACCEPT_LANGUAGE="en").json()["message"] == "There is no such event."
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        created = post(client, event, person(1), HTTP_ACCEPT_LANGUAGE="en")
    assert created.status_code == 202 and created.json()["message"].startswith("Registration received")
    assert Registration.objects.get().language == "en"


def test_the_pages_still_take_their_language_from_the_address(client, demo):
    page = client.get("/consultations/dg2-2560-2564/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="th"' in page
