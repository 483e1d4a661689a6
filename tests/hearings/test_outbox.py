"""The mail outbox: queued with the registration, sent by the worker's poll through a real SMTP server on loopback,
tried again after a pause when the server is away, claimed by one worker only, and dropped for purged registrants."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hearings.conftest import DURING, Inbox, person
from rapfang.core.actors import SYSTEM, Actor
from rapfang.core.polling import polled_jobs_run
from rapfang.hearings.models import MailOutbox, Registration
from rapfang.hearings.services import registration_cancel, registration_create
from rapfang.hearings.services.outbox import CLAIM, MAX_ATTEMPTS, mail_outbox_flush
from servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    """Mail waits in the outbox for the worker, as in production."""
    settings.MAIL_OUTBOX_INLINE = False


def register(event, n=1, **extra):
    return registration_create(actor=SYSTEM, event_id=event.pk, data=person(n, **extra), now=DURING)


def test_a_registration_and_its_message_are_stored_together_and_the_poll_sends_it(make_event, queued, smtp: Inbox):
    event = make_event(capacity=1)
    first = register(event, 1)
    entry = MailOutbox.objects.get()
    assert (entry.registration_id, entry.kind, entry.due_at) == (first.pk, "confirmation", DURING)
    assert smtp.messages == []
    assert mail_outbox_flush(now=DURING) == 1
    assert [m["To"] for m in smtp.messages] == ["person1@example.go.th"]
    assert "ยืนยัน" in Inbox.subject(smtp.messages[0]) or first.reference in Inbox.body(smtp.messages[0])
    assert not MailOutbox.objects.exists()
    assert mail_outbox_flush(now=DURING) == 0 and len(smtp.messages) == 1


def test_a_cancellation_and_the_promotion_it_causes_are_both_sent(make_event, queued, smtp: Inbox, settings):
    settings.POLLED_JOBS = ["rapfang.hearings.services.outbox.mail_outbox_flush"]
    event = make_event(capacity=1)
    first, second = register(event, 1), register(event, 2)
    registration_cancel(actor=Actor.registrant(first.pk), registration_id=first.pk, now=DURING)
    assert list(MailOutbox.objects.values_list("kind", flat=True)) == [
        "confirmation", "confirmation", "promoted", "cancelled",
    ]  # fmt: skip
    assert polled_jobs_run() == 4
    assert [str(m["To"]) for m in smtp.messages] == [
        "person1@example.go.th", "person2@example.go.th", "person2@example.go.th", "person1@example.go.th",
    ]  # fmt: skip
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_a_mail_server_that_is_away_means_a_later_try_not_a_lost_message(make_event, queued, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    register(make_event(), 1)
    assert mail_outbox_flush(now=DURING) == 0
    entry = MailOutbox.objects.get()
    assert (
        entry.attempts == 1
        and entry.last_error == "Connection refused"
        and entry.due_at == DURING + timedelta(seconds=30)
    )
    assert mail_outbox_flush(now=DURING + timedelta(seconds=29)) == 0  # not due yet
    assert MailOutbox.objects.get().attempts == 1
    for _ in range(MAX_ATTEMPTS - 1):
        mail_outbox_flush(now=MailOutbox.objects.get().due_at)
    assert MailOutbox.objects.get().attempts == MAX_ATTEMPTS  # given up on, kept with its error
    assert mail_outbox_flush(now=DURING + timedelta(days=30)) == 0


def test_a_claimed_message_is_not_sent_by_a_second_worker_until_its_claim_runs_out(make_event, queued, smtp):
    register(make_event(), 1)
    entry = MailOutbox.objects.get()
    MailOutbox.objects.filter(pk=entry.pk).update(due_at=DURING + CLAIM)  # another worker holds it, mid-send
    assert mail_outbox_flush(now=DURING + timedelta(seconds=10)) == 0
    assert smtp.messages == []
    assert mail_outbox_flush(now=DURING + CLAIM) == 1  # that worker died: the message still goes, once
    assert len(smtp.messages) == 1


def test_nobody_to_write_to_after_a_purge_drops_the_message(make_event, queued, smtp):
    registration = register(make_event(), 1)
    Registration.objects.filter(pk=registration.pk).update(email="")
    assert mail_outbox_flush(now=DURING) == 1
    assert smtp.messages == [] and not MailOutbox.objects.exists()


def test_no_email_no_message(make_event, queued, organiser):
    registration_create(
        actor=organiser, event_id=make_event().pk, data=person(1, email=""), channel="phone", received_at=DURING,
        now=DURING,
    )  # fmt: skip
    assert not MailOutbox.objects.exists()


def test_organisers_see_the_mail_that_could_not_be_delivered(client, make_event, queued, settings, organiser):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    event = make_event()
    registration = register(event, 1)
    client.force_login(organiser)
    assert "could not be delivered" not in client.get(f"/en/staff/events/{event.pk}/").content.decode()
    mail_outbox_flush(now=DURING)
    page = client.get(f"/en/staff/events/{event.pk}/").content.decode()
    assert "could not be delivered" in page and registration.reference in page and "1 failed try" in page
    MailOutbox.objects.update(attempts=MAX_ATTEMPTS)
    assert "given up" in client.get(f"/en/staff/events/{event.pk}/").content.decode()


def test_a_mailbox_refused_for_good_is_given_up_on_at_once_and_the_others_sent(make_event, queued, smtp: Inbox):
    """A 550 (no such mailbox) will not change in an hour: the message is kept with the server's answer for the
    organisers to see, and not tried again; a passing failure is (above)."""
    smtp.refused.add("person1@example.go.th")
    event = make_event(capacity=5)
    register(event, 1)
    register(event, 2)
    assert mail_outbox_flush(now=DURING) == 1
    assert [str(m["To"]) for m in smtp.messages] == ["person2@example.go.th"]
    refused = MailOutbox.objects.get()
    assert refused.attempts == MAX_ATTEMPTS and refused.last_error == "550 5.1.1 No such mailbox"
    assert mail_outbox_flush(now=DURING + timedelta(days=1)) == 0
