"""The hearing day at the door, and capacity changes that move the waitlist: nothing is done silently.

A person on the waitlist who turns up takes a free seat, or is let in beyond the capacity when staff say so; a walk-in
at a full event likewise; both are recorded and counted. A new capacity names who moves up before anyone does.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from hearings.conftest import person
from rapfang.core.forms_thai import ThaiDateTimeInput
from rapfang.core.models import AuditEntry
from rapfang.hearings.models import Event, Registration
from rapfang.hearings.selectors import registration_counters
from rapfang.hearings.services import registration_cancel
from workspace.events.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(hearing: Any, organiser: Any) -> dict[str, Any]:
    """Two seats taken and two people waiting, in that order."""
    people = [register(hearing, organiser, n) for n in range(1, 5)]
    assert [p.status for p in people] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    return {"seated": people[:2], "waiting": people[2:]}


def check_in(client: Any, event: Any, registration: Any, **extra: str) -> Any:
    url = f"/en/staff/events/{event.pk}/registrations/{registration.pk}/checkin/"
    return client.post(url, {"next": f"/en/staff/events/{event.pk}/check-in/", **extra}, follow=True)


def test_someone_on_the_waitlist_takes_a_free_seat_at_the_door(client, organiser, hearing, full):
    Event.objects.filter(pk=hearing.pk).update(capacity=3)  # a seat freed with nobody moved up yet
    first = full["waiting"][0]
    client.force_login(organiser)
    page = client.get(f"/en/staff/events/{hearing.pk}/check-in/", {"q": first.reference}).content.decode()
    assert "Check in on a free seat" in page
    done = check_in(client, hearing, first)
    assert "Checked in from the waitlist, on a free seat" in done.content.decode()
    first.refresh_from_db()
    assert (first.status, first.from_waitlist_at_door, first.beyond_capacity) == ("confirmed", True, False)
    assert first.checked_in_at and first.waitlist_number is None
    assert Event.objects.get(pk=hearing.pk).taken == 3
    counters = registration_counters(event_id=hearing.pk)
    assert (counters.seated, counters.beyond_capacity, counters.from_waitlist, counters.waitlisted) == (1, 0, 1, 1)


def test_someone_on_the_waitlist_at_a_full_event_is_let_in_beyond_capacity_only_when_staff_say_so(
    client, organiser, hearing, full
):
    second = full["waiting"][1]
    client.force_login(organiser)
    page = client.get(f"/staff/events/{hearing.pk}/check-in/", {"q": second.reference}).content.decode()
    assert "รับเข้างานเกินจำนวนที่นั่ง" in page and 'name="beyond_capacity" value="1"' in page
    refused = check_in(client, hearing, second)
    assert "can be let in only beyond the capacity" in refused.content.decode()
    second.refresh_from_db()
    assert second.status == "waitlisted" and second.checked_in_at is None
    admitted = check_in(client, hearing, second, beyond_capacity="1")
    assert "Checked in beyond the capacity" in admitted.content.decode()
    second.refresh_from_db()
    assert (second.status, second.beyond_capacity, second.from_waitlist_at_door) == ("confirmed", True, True)
    assert Event.objects.get(pk=hearing.pk).taken == 2  # beyond the capacity takes no seat
    entry = AuditEntry.objects.get(action="hearings.registration.admit_beyond_capacity")
    assert entry.data == {"from_waitlist": True} and entry.actor == organiser
    counters = registration_counters(event_id=hearing.pk)
    assert (counters.confirmed, counters.beyond_capacity, counters.from_waitlist, counters.waitlisted) == (2, 1, 1, 1)
    shown = client.get(f"/en/staff/events/{hearing.pk}/counters/").content.decode()
    assert 'data-testid="count-beyond-capacity">1<' in shown and 'data-testid="count-from-waitlist">1<' in shown


def test_a_walk_in_at_a_full_event_is_admitted_beyond_capacity_and_recorded(client, organiser, hearing, full):
    client.force_login(organiser)
    url = f"/en/staff/events/{hearing.pk}/check-in/"
    walk_in = person(9, email="", consent="on")
    assert "Register and let in beyond the capacity" in client.get(url).content.decode()  # full: said up front
    refused = client.post(url, walk_in)
    assert refused.status_code == 422 and "They can be let in beyond the capacity." in refused.content.decode()
    assert not Registration.objects.filter(channel="walk_in").exists()
    admitted = client.post(url, {**walk_in, "beyond_capacity": "1"}, follow=True)
    assert "let in beyond the capacity" in admitted.content.decode()
    registration = Registration.objects.get(channel="walk_in")
    assert (registration.status, registration.beyond_capacity) == ("confirmed", True)
    assert registration.checked_in_at and registration.keyed_by == organiser
    assert Event.objects.get(pk=hearing.pk).taken == 2
    counters = registration_counters(event_id=hearing.pk)
    assert (counters.checked_in, counters.beyond_capacity, counters.walk_ins) == (1, 1, 1)


def test_cancelling_a_place_beyond_capacity_frees_no_seat_and_moves_nobody(client, organiser, hearing, full):
    client.force_login(organiser)
    check_in(client, hearing, full["waiting"][0], beyond_capacity="1")
    registration_cancel(actor=organiser, registration_id=full["waiting"][0].pk)
    assert Event.objects.get(pk=hearing.pk).taken == 2
    assert Registration.objects.get(pk=full["waiting"][1].pk).status == "waitlisted"


def edit_data(client: Any, event: Any, **changes: Any) -> dict[str, Any]:
    """The event's edit form as the page fills it, with `changes`."""
    form = client.get(f"/staff/events/{event.pk}/edit/").context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif name.endswith("_at") and value:
            data[name] = ThaiDateTimeInput().format_value(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data["registration_required"] = "1"
    return {**data, **changes}


def test_raising_the_capacity_says_who_moves_up_and_moves_nobody_until_confirmed(client, organiser, hearing, full):
    client.force_login(organiser)
    url = f"/staff/events/{hearing.pk}/edit/"
    mail.outbox.clear()
    asked = client.post(url, edit_data(client, hearing, capacity="3"))
    page = asked.content.decode()
    waiting = full["waiting"]
    assert asked.status_code == 200 and "ยืนยันจำนวนที่นั่งใหม่" in page
    assert waiting[0].reference in page and waiting[1].reference not in page
    assert f'name="promotions_confirmed" value="{waiting[0].reference}"' in page
    assert Event.objects.get(pk=hearing.pk).capacity == 2
    assert Registration.objects.get(pk=waiting[0].pk).status == "waitlisted" and mail.outbox == []
    confirmed = client.post(url, edit_data(client, hearing, capacity="3", promotions_confirmed=waiting[0].reference))
    assert confirmed.status_code == 302
    assert Event.objects.get(pk=hearing.pk).capacity == 3
    assert Registration.objects.get(pk=waiting[0].pk).status == "confirmed"
    assert Registration.objects.get(pk=waiting[1].pk).status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[waiting[0].email]]


def test_a_confirmation_for_a_waitlist_that_has_changed_since_is_asked_again(client, organiser, hearing, full):
    client.force_login(organiser)
    url = f"/staff/events/{hearing.pk}/edit/"
    waiting = full["waiting"]
    registration_cancel(actor=organiser, registration_id=waiting[0].pk)  # after the page showed who moves up
    again = client.post(url, edit_data(client, hearing, capacity="3", promotions_confirmed=waiting[0].reference))
    assert again.status_code == 200 and f'value="{waiting[1].reference}"' in again.content.decode()
    assert Event.objects.get(pk=hearing.pk).capacity == 2


@pytest.mark.parametrize(("prefix", "words"), [("", "มีผู้ได้รับที่นั่งแล้ว 2 ที่"), ("/en", "2 seats are already taken")])
def test_a_capacity_below_the_seats_taken_is_refused(client, organiser, hearing, full, prefix, words):
    client.force_login(organiser)
    response = client.post(f"{prefix}/staff/events/{hearing.pk}/edit/", edit_data(client, hearing, capacity="1"))
    assert response.status_code == 422 and words in response.content.decode()
    assert 'id="id_capacity_error"' in response.content.decode()
    assert Event.objects.get(pk=hearing.pk).capacity == 2


def test_the_admin_also_asks_before_a_capacity_moves_the_waitlist(client, organiser, hearing, full):
    client.force_login(organiser)
    url = f"/admin/hearings/event/{hearing.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        data[name] = ThaiDateTimeInput().format_value(form[name].value())
    data.update({f"{p}-{k}": v for p in ("agenda", "questions") for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))})
    data["contacts"] = []
    asked = client.post(url, {**data, "capacity": 3})
    assert asked.status_code == 200 and full["waiting"][0].reference in asked.content.decode()
    assert Registration.objects.get(pk=full["waiting"][0].pk).status == "waitlisted"
    assert client.post(url, {**data, "capacity": 3, "move_waitlist_up": "on"}).status_code == 302
    assert Registration.objects.get(pk=full["waiting"][0].pk).status == "confirmed"
    refused = client.post(url, {**data, "capacity": 3, "registration_required": "", "move_waitlist_up": "on"})
    assert refused.status_code == 200 and "ไม่มีผู้ใดลงทะเบียนได้" in refused.content.decode()
