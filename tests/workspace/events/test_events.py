"""Events in the workspace: an organiser makes and edits the consultation's events in Thai and English with B.E.
dates; registration is on for a new event and a window without it is refused; another agency sees nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from clock import bkk
from rapfang.accounts.services import agency_contacts_replace
from rapfang.consultations.models import Milestone
from rapfang.core.actors import SYSTEM
from rapfang.core.models import AuditEntry
from rapfang.demo import seed
from rapfang.hearings.models import Event
from workspace.events.conftest import DEADLINE, ENDS, OPENS, STARTS

pytestmark = pytest.mark.django_db
NEW = "/staff/consultations/land-fees-2027/events/new/"
LIST = "/staff/consultations/land-fees-2027/events/"


def event_data(**changes: Any) -> dict[str, Any]:
    """The form as an organiser fills it in Thai: B.E. years, Thai times."""
    data = {
        "kind": "hearing", "is_main": "on", "title_th": "การประชุมรับฟังความคิดเห็นต่อร่างกฎกระทรวง",
        "title_en": "Public hearing on the draft regulation", "starts_at": "20/01/2570 09.00",
        "ends_at": "20/01/2570 16.30", "occurrences": "1", "venue_th": "ห้องประชุม ๑ กรมที่ดิน", "capacity": "2",
        "registration_required": "1", "registration_opens_at": "01/12/2569 09.00",
        "registration_closes_at": "15/01/2570 23.59.59", "accepts_online": "on",
        "asked_fields": ["organisation", "phone"], "reminder_days": "2",
    }  # fmt: skip
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_an_organiser_creates_the_hearing_in_thai_with_buddhist_era_dates(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(NEW, event_data())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/events/{event.pk}/edit/"
    assert (event.starts_at, event.ends_at) == (STARTS, ENDS)
    assert (event.registration_opens_at, event.registration_closes_at) == (OPENS, DEADLINE)
    assert event.registration_required and event.is_main and event.asked_fields == ["organisation", "phone"]
    hearing_step = Milestone.objects.get(consultation=consultation, kind="hearing")
    assert (hearing_step.starts_at, hearing_step.ends_at) == (STARTS, ENDS)
    assert Milestone.objects.get(consultation=consultation, kind="registration").ends_at == DEADLINE
    entry = AuditEntry.objects.get(action="hearings.event.create")
    assert (entry.actor, entry.consultation_id) == (organiser, consultation.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'value="20/01/2570 09.00"' in page and 'value="15/01/2570 23.59.59"' in page


def test_an_organiser_edits_in_english_with_christian_era_and_iso_dates(client, organiser, hearing):
    client.force_login(organiser)
    url = f"/en/staff/events/{hearing.pk}/edit/"
    assert "Details and registration" in client.get(url).content.decode()
    changed = event_data(starts_at="2027-01-21 09:00", ends_at="2570-01-21 16:30", venue_th="ห้องประชุม ๒")
    assert client.post(url, changed).status_code == 302
    hearing.refresh_from_db()
    assert (hearing.starts_at, hearing.ends_at) == (bkk(2027, 1, 21, 9, 0), bkk(2027, 1, 21, 16, 30))
    assert hearing.venue_th == "ห้องประชุม ๒"
    assert AuditEntry.objects.filter(action="hearings.event.update", actor=organiser).exists()


def test_a_new_event_offers_registration_and_says_why(client, organiser, consultation):
    client.force_login(organiser)
    page = client.get(NEW).content.decode()
    assert re.findall(r'name="registration_required" value="(\d)"[^>]*checked', page) == ["1"]
    assert "กิจกรรมใหม่จะเปิดรับลงทะเบียน" in page  # and the form says why


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "ไม่มีผู้ใดลงทะเบียนได้"), ("/en", "nobody could register in it")],
)
def test_a_window_with_registration_off_is_refused_and_nothing_is_written(
    client, organiser, consultation, prefix, words
):
    client.force_login(organiser)
    response = client.post(prefix + NEW, event_data(registration_required="0", title_th="ห้ามบันทึก"))
    page = response.content.decode()
    assert response.status_code == 422 and words in page
    assert 'id="id_registration_required_error"' in page and 'id="form-errors"' in page
    assert 'value="ห้ามบันทึก"' in page  # everything typed is kept
    assert not Event.objects.exists() and not Milestone.objects.filter(consultation=consultation).exists()


def test_a_capacity_without_registration_is_kept_and_shown_as_a_warning(client, organiser, consultation):
    client.force_login(organiser)
    by_invitation = event_data(registration_required="0", registration_opens_at="", registration_closes_at="")
    assert client.post(NEW, by_invitation).status_code == 302
    event = Event.objects.get()
    assert not event.registration_required and event.capacity == 2
    listing = client.get("/en" + LIST).content.decode()
    assert "No public registration: by invitation only" in listing
    assert "the capacity only counts the people let in at the door" in listing


@pytest.mark.parametrize("typed", ["01/12/3112 09.00", "01/12/1469 09.00", "3112-12-01 09:00"])
def test_a_year_that_cannot_be_meant_is_refused_in_the_users_language(client, organiser, consultation, typed):
    client.force_login(organiser)
    thai = client.post(NEW, event_data(starts_at=typed))
    assert thai.status_code == 422 and "ซึ่งไม่น่าจะเป็นปีที่ต้องการ" in thai.content.decode()
    english = client.post("/en" + NEW, event_data(starts_at=typed))
    assert english.status_code == 422 and "which cannot be meant" in english.content.decode()
    assert not Event.objects.exists()


def test_a_buddhist_era_year_in_an_iso_date_is_read_as_such(client, organiser, consultation):
    client.force_login(organiser)
    assert client.post(NEW, event_data(starts_at="2570-01-20 09:00")).status_code == 302
    assert Event.objects.get().starts_at == STARTS


def test_an_end_before_the_start_and_a_deadline_before_the_opening_are_refused(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(
        "/en" + NEW, event_data(ends_at="20/01/2570 08.00", registration_closes_at="30/11/2569 09.00")
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The event cannot end before it starts." in page
    assert "The deadline cannot come before registration opens." in page
    assert not Event.objects.exists()


def test_a_registration_deadline_after_the_event_has_ended_is_refused_beside_it(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(NEW, event_data(ends_at="20/01/2570 12.00", registration_closes_at="25/01/2570 09.00"))
    field = response.context["form"]["registration_closes_at"]
    assert response.status_code == 422 and "หลังจากการประชุมสิ้นสุดแล้ว" in field.errors[0]
    assert not Event.objects.exists()
    at_the_end = client.post(NEW, event_data(ends_at="20/01/2570 12.00", registration_closes_at="20/01/2570 12.00"))
    assert at_the_end.status_code == 302


def test_the_seeds_hearing_dates_round_trip_through_the_form(client, organiser, consultation):
    """Typed as the seed's page gives them, in B.E.; stored as the seed's moments; shown back as typed."""
    typed = {
        "starts_at": "18/11/2559 09.30", "ends_at": "18/11/2559 16.00", "registration_opens_at": "",
        "registration_closes_at": "14/11/2559 23.59.59",
    }  # fmt: skip
    client.force_login(organiser)
    assert client.post(NEW, event_data(**typed)).status_code == 302
    event = Event.objects.get()
    assert (event.starts_at, event.ends_at) == (seed.HEARING_START, seed.HEARING_END)
    assert event.registration_closes_at == seed.REGISTRATION_DEADLINE
    page = client.get(f"/staff/events/{event.pk}/edit/").content.decode()
    for value in typed.values():
        if value:
            assert f'value="{value}"' in page


def test_only_the_agencys_own_contact_persons_can_be_chosen(client, organiser, consultation, agency, other_agency):
    [ours] = agency_contacts_replace(actor=SYSTEM, agency=agency, contacts=[{"name_th": "นางสาวศรีสุดา รักงาน"}])
    [theirs] = agency_contacts_replace(actor=SYSTEM, agency=other_agency, contacts=[{"name_th": "นายสมปอง ทางดี"}])
    client.force_login(organiser)
    page = client.get(NEW).content.decode()
    assert "นางสาวศรีสุดา รักงาน" in page and "นายสมปอง ทางดี" not in page
    refused = client.post(NEW, event_data(contacts=[theirs.pk]))
    assert refused.status_code == 422 and not Event.objects.exists()
    assert client.post(NEW, event_data(contacts=[ours.pk])).status_code == 302
    assert list(Event.objects.get().contacts.all()) == [ours]


def test_a_second_main_hearing_is_refused_beside_its_box(client, organiser, hearing):
    client.force_login(organiser)
    response = client.post("/en" + NEW, event_data(title_th="อีกงานหนึ่ง"))
    assert response.status_code == 422
    assert "This consultation already has a main hearing" in response.content.decode()
    assert Event.objects.count() == 1


def test_moderators_see_the_events_and_change_nothing(client, moderator, hearing):
    client.force_login(moderator)
    listing = client.get(LIST)
    assert listing.status_code == 200 and hearing.title_th in listing.content.decode()
    assert f"/staff/events/{hearing.pk}/edit/" not in listing.content.decode()
    assert client.get(NEW).status_code == 404
    assert client.get(f"/staff/events/{hearing.pk}/edit/").status_code == 404
    assert client.post(f"/staff/events/{hearing.pk}/edit/", event_data(title_th="เปลี่ยน")).status_code == 404


def test_another_agencys_organiser_gets_404_on_every_event_page_and_action(client, outsider, hearing):
    client.force_login(outsider)
    pages = [LIST, NEW] + [
        f"/staff/events/{hearing.pk}/{page}/" for page in ("edit", "agenda", "questions", "messages", "check-in")
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert client.post(url, event_data(title_th="ของคนอื่น")).status_code == 404, url
    assert client.get(f"/staff/events/{hearing.pk}/messages/1/").status_code == 404
    hearing.refresh_from_db()
    assert hearing.title_th != "ของคนอื่น" and Event.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, hearing):
    response = client.get(f"/staff/events/{hearing.pk}/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
