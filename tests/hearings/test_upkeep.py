"""Reminders before the event and the purge of personal data after it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from clock import bkk
from hearings.conftest import DURING, Inbox, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import MailOutbox, Registration
from rapfang.hearings.selectors import registration_counters
from rapfang.hearings.services import registration_create, registrations_purge, reminders_due_mark

pytestmark = pytest.mark.django_db
START = bkk(2016, 11, 18, 9, 30)


def test_reminder_is_sent_once_the_configured_days_before(make_event, smtp: Inbox):
    event = make_event(capacity=1, reminder_days=2)
    confirmed = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(2), now=DURING)  # waitlisted: no reminder
    assert reminders_due_mark(now=START - timedelta(days=2, seconds=1)) == []
    assert reminders_due_mark(now=START - timedelta(days=2)) == [confirmed.pk]
    assert reminders_due_mark(now=START - timedelta(days=1)) == []
    [reminder] = [
        m for m in smtp.to("person1@example.go.th") if "Reminder" in smtp.subject(m) or "แจ้งเตือน" in smtp.subject(m)
    ]
    assert confirmed.reference in smtp.body(reminder)
    assert not [m for m in smtp.to("person2@example.go.th") if confirmed.reference in smtp.subject(m)]


def test_purge_removes_personal_data_and_keeps_anonymous_counts(make_event, tmp_path):
    event = make_event(capacity=1)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(2), now=DURING)
    before = registration_counters(event_id=event.pk)
    assert registrations_purge(actor=SYSTEM, days=30, now=bkk(2016, 12, 18, 15, 0)) == 0  # 30 days not yet past
    assert registrations_purge(actor=SYSTEM, days=30, now=bkk(2016, 12, 18, 16, 1)) == 2
    rows = list(Registration.objects.values("name", "email", "phone", "organisation", "stakeholder_type", "status"))
    assert all(row["name"] == row["email"] == row["phone"] == row["organisation"] == "" for row in rows)
    assert {row["stakeholder_type"] for row in rows} == {"government"}
    assert registration_counters(event_id=event.pk) == before


def test_purge_command(make_event, capsys):
    event = make_event()
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    call_command("purge_registrations", "--days", "0")
    assert "1 registrations" in capsys.readouterr().out
    assert Registration.objects.get().purged_at is not None


def test_purge_takes_the_registrants_mail_out_of_the_mail_folder(
    make_event, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = folder = tmp_path / "outbox"
    old, later = make_event(), make_event(starts_at=bkk(2017, 3, 1, 9, 0), ends_at=bkk(2017, 3, 1, 16, 0))
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(actor=SYSTEM, event_id=old.pk, data=person(1), now=DURING)
        registration_create(actor=SYSTEM, event_id=later.pk, data=person(2), now=DURING)
    written = "".join(path.read_text(errors="replace") for path in folder.iterdir())
    assert "person1@example.go.th" in written and "person2@example.go.th" in written
    first = Registration.objects.get(email="person1@example.go.th")
    MailOutbox.objects.create(registration=first, kind="confirmation", due_at=DURING, attempts=8,
                              last_error="550 person1@example.go.th: no such user")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert registrations_purge(actor=SYSTEM, days=30, now=bkk(2016, 12, 18, 16, 1)) == 1
    left = "".join(path.read_text(errors="replace") for path in folder.iterdir())
    assert "person1@example.go.th" not in left and "สมหญิง ใจดี 1" not in left
    assert "person2@example.go.th" in left  # a registration still kept keeps its mail
    assert not MailOutbox.objects.exists()
