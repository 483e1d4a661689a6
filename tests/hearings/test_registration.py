"""Registration rules: window to the second, capacity, waitlist, duplicates, cancel with promotion, mail."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from clock import bkk
from hearings.conftest import DEADLINE, DURING, OPENS, Inbox, later, person
from rapfang.core.actors import SYSTEM, Actor
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.hearings.models import Event, Registration
from rapfang.hearings.notices import BUILT_IN_VERSION
from rapfang.hearings.rules import Offer, registration_offer
from rapfang.hearings.selectors import waitlist_position
from rapfang.hearings.services import (
    event_registration_close,
    registration_cancel,
    registration_create,
    registration_update,
)

pytestmark = pytest.mark.django_db


def register(event, n=1, now=DURING, **kwargs):
    return registration_create(actor=SYSTEM, event_id=event.pk, data=person(n), now=now, **kwargs)


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [(later(DEADLINE, -1), True), (DEADLINE, True), (later(DEADLINE, 1), False)],
    ids=["1s-before", "at", "1s-after"],
)
def test_deadline_is_exact_to_the_second(make_event, moment, accepted):
    event = make_event()
    if accepted:
        assert register(event, now=moment).status == "confirmed"
        return
    with pytest.raises(Conflict) as refused:
        register(event, now=moment)
    assert refused.value.code == "registration_closed"
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("moment", "accepted"), [(later(OPENS, -1), False), (OPENS, True), (later(OPENS, 1), True)])
def test_opening_is_exact_to_the_second(make_event, moment, accepted):
    event = make_event()
    if accepted:
        assert register(event, now=moment).pk
    else:
        with pytest.raises(Conflict) as refused:
            register(event, now=moment)
        assert refused.value.code == "registration_not_open"


def test_confirmed_until_full_then_waitlisted_with_positions(make_event):
    event = make_event(capacity=2)
    first, second, third, fourth = (register(event, n) for n in range(1, 5))
    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert (waitlist_position(third), waitlist_position(fourth)) == (1, 2)
    assert Event.objects.get(pk=event.pk).taken == 2
    assert registration_offer(Event.objects.get(pk=event.pk), DURING) is Offer.WAITLIST


def test_cancelling_a_confirmed_place_promotes_the_first_waitlisted(make_event):
    event = make_event(capacity=1)
    holder, waiting, behind = register(event, 1), register(event, 2), register(event, 3)
    registration_cancel(actor=Actor.registrant(holder.pk), registration_id=holder.pk, now=DURING)
    waiting.refresh_from_db()
    behind.refresh_from_db()
    assert waiting.status == "confirmed" and waiting.promoted_at == DURING
    assert behind.status == "waitlisted" and waitlist_position(behind) == 1
    assert Event.objects.get(pk=event.pk).taken == 1
    assert AuditEntry.objects.filter(action="hearings.registration.promote", object_id=str(waiting.pk)).exists()


def test_cancelling_a_waitlisted_place_frees_no_seat(make_event):
    event = make_event(capacity=1)
    register(event, 1)
    waiting, behind = register(event, 2), register(event, 3)
    registration_cancel(actor=Actor.registrant(waiting.pk), registration_id=waiting.pk, now=DURING)
    behind.refresh_from_db()
    assert behind.status == "waitlisted" and waitlist_position(behind) == 1
    assert Event.objects.get(pk=event.pk).taken == 1


def test_registrant_cannot_cancel_after_the_deadline_but_staff_can(make_event, organiser):
    event = make_event()
    registration = register(event)
    with pytest.raises(Conflict) as refused:
        registration_cancel(
            actor=Actor.registrant(registration.pk), registration_id=registration.pk, now=later(DEADLINE, 1)
        )
    assert refused.value.code == "registration_closed"
    registration_cancel(actor=organiser, registration_id=registration.pk, now=later(DEADLINE, 1))
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


@pytest.mark.parametrize(
    "same",
    [
        {"email": "PERSON1@Example.go.th", "phone": ""},
        {"email": "other@example.go.th", "phone": "+66 8000-00001"},
        {"email": "other@example.go.th", "phone": "๐๘๐๐๐๐๐๐๐๑"},
    ],
    ids=["email-any-case", "phone-international", "phone-thai-digits"],
)
def test_the_same_email_or_phone_twice_gets_no_second_seat(make_event, same):
    event = make_event(capacity=5)
    register(event, 1)
    with pytest.raises(Conflict) as refused:
        registration_create(actor=SYSTEM, event_id=event.pk, data=person(2, **same), now=DURING)
    assert refused.value.code == "duplicate"
    assert Registration.objects.count() == 1
    assert Event.objects.get(pk=event.pk).taken == 1


def test_after_cancelling_the_same_person_may_register_again(make_event):
    event = make_event()
    registration_cancel(actor=SYSTEM, registration_id=register(event, 1).pk, now=DURING)
    assert register(event, 1).status == "confirmed"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"stakeholder_type": "alien"}, "stakeholder_type"),
        ({"consent": False}, "consent"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_invalid_input_is_refused_with_the_field_and_changes_nothing(make_event, change, field):
    event = make_event()
    with pytest.raises(InvalidInput) as refused:
        registration_create(actor=SYSTEM, event_id=event.pk, data=person(1, **change), now=DURING)
    assert field in refused.value.params["errors"]
    assert not Registration.objects.exists()
    assert Event.objects.get(pk=event.pk).taken == 0


def test_errors_are_in_the_registrants_language(make_event):
    from django.utils import translation

    event = make_event()
    with translation.override("th"), pytest.raises(InvalidInput) as thai:
        registration_create(actor=SYSTEM, event_id=event.pk, data=person(1, consent=False), now=DURING)
    with translation.override("en"), pytest.raises(InvalidInput) as english:
        registration_create(actor=SYSTEM, event_id=event.pk, data=person(1, consent=False), now=DURING)
    assert english.value.params["errors"]["consent"] == ["Please agree to the privacy notice to register."]
    assert thai.value.params["errors"]["consent"] != english.value.params["errors"]["consent"]


def test_consent_is_stored_with_the_notice_version_and_time(make_event):
    registration = register(make_event())
    assert registration.consent_version == BUILT_IN_VERSION
    assert registration.consented_at == DURING


def test_organiser_can_close_early_to_the_second(make_event, organiser, stranger):
    event = make_event()
    with pytest.raises(PermissionDenied):
        event_registration_close(actor=stranger, event_id=event.pk, now=DURING)
    event_registration_close(actor=organiser, event_id=event.pk, now=DURING)
    assert register(event, 1, now=DURING).pk  # the closing second itself is still in time
    with pytest.raises(Conflict) as refused:
        register(event, 2, now=later(DURING, 1))
    assert refused.value.code == "registration_closed"


def test_main_hearing_closed_early_closes_the_timelines_registration(demo, organiser):
    from rapfang.demo.loader import demo_load

    demo_load(phase="registration", now=bkk(2016, 11, 10, 12, 0))
    main = Event.objects.get(consultation=demo, is_main=True)
    event_registration_close(actor=organiser, event_id=main.pk, now=bkk(2016, 11, 10, 12, 0))
    milestone = demo.milestones.get(kind="registration")
    assert milestone.ends_at == bkk(2016, 11, 10, 12, 0)


def test_registrant_changes_details_until_the_deadline(make_event):
    event = make_event()
    registration = register(event, 1)
    registration_update(
        actor=Actor.registrant(registration.pk),
        registration_id=registration.pk,
        data=person(1, position="ผู้อำนวยการ"),
        now=DEADLINE,
    )
    assert Registration.objects.get(pk=registration.pk).position == "ผู้อำนวยการ"
    with pytest.raises(Conflict):
        registration_update(
            actor=Actor.registrant(registration.pk),
            registration_id=registration.pk,
            data=person(1),
            now=later(DEADLINE, 1),
        )


def test_invitation_only_event_takes_no_public_registration(make_event):
    event = make_event(registration_required=False, registration_opens_at=None, registration_closes_at=None)
    with pytest.raises(Conflict) as refused:
        register(event)
    assert refused.value.code == "registration_not_offered"


def test_confirmation_mail_in_thai_with_reference_qr_and_ics(make_event, smtp: Inbox):
    event = make_event()
    registration = register(event, 1, language="th")
    [message] = smtp.to("person1@example.go.th")
    assert registration.reference in smtp.subject(message)
    assert "ยืนยัน" in smtp.subject(message)
    body = smtp.body(message)
    assert registration.reference in body and "/registrations/" in body and "/en/" not in body
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert f"{registration.reference}.png" in attachments
    calendar = Calendar.from_ical(attachments["event.ics"].get_content())
    assert calendar.walk("VTIMEZONE"), "the .ics must carry its time zone"
    assert str(calendar.walk("VEVENT")[0]["DTSTART"].dt.tzinfo) == "Asia/Bangkok"


def test_mail_in_english_for_an_english_registration_and_promotion_mail(make_event, smtp: Inbox):
    event = make_event(capacity=1)
    holder = register(event, 1, language="en")
    register(event, 2, language="en")
    [waitlisted] = smtp.to("person2@example.go.th")
    assert smtp.subject(waitlisted).startswith("On the waitlist")
    assert "number 1" in smtp.body(waitlisted)
    registration_cancel(actor=Actor.registrant(holder.pk), registration_id=holder.pk, now=DURING)
    promoted = smtp.to("person2@example.go.th")[-1]
    assert smtp.subject(promoted).startswith("A seat is now yours")
    assert smtp.subject(smtp.to("person1@example.go.th")[-1]).startswith("Registration cancelled")


def test_position_given_when_placed_matches_the_queue_after_people_leave(make_event):
    event = make_event(capacity=1)
    holder, first, second, third = (register(event, n) for n in range(1, 5))
    registration_cancel(actor=Actor.registrant(second.pk), registration_id=second.pk, now=DURING)  # leaves the waitlist
    registration_cancel(actor=Actor.registrant(holder.pk), registration_id=holder.pk, now=DURING)  # first is promoted
    newcomer = register(event, 5)
    assert newcomer.position_when_placed == 2  # behind third only
    assert waitlist_position(Registration.objects.get(pk=newcomer.pk)) == 2
    assert waitlist_position(Registration.objects.get(pk=third.pk)) == 1
    assert Registration.objects.get(pk=first.pk).status == "confirmed"


def test_raising_the_capacity_moves_the_waitlist_up_in_order(make_event, demo):
    from rapfang.hearings.services import event_save

    event = make_event(capacity=1)
    _holder, first, second = (register(event, n) for n in range(1, 4))
    event_save(
        actor=SYSTEM, consultation=demo, event=Event.objects.get(pk=event.pk), capacity=2,
        promotions_confirmed=[first.reference],
    )  # fmt: skip
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert waitlist_position(second) == 1 and Event.objects.get(pk=event.pk).taken == 2
