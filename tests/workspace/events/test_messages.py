"""Messages to an event's registrants: previewed with who receives them, then one outbox row per registrant with an
e-mail address in one transaction, sent by the job worker's poll through a real SMTP server on loopback, in each
registrant's language; those without an address are listed for a telephone call; purged data is never mailed."""

from __future__ import annotations

from typing import Any

import pytest

from hearings.conftest import Inbox
from rapfang.core.models import AuditEntry
from rapfang.hearings.models import EventMessage, MailOutbox, Registration
from rapfang.hearings.services import event_message_send, registration_create
from rapfang.hearings.services.outbox import mail_outbox_flush
from workspace.events.conftest import DURING, register

pytestmark = pytest.mark.django_db
MESSAGE = {
    "audience": "active", "subject_th": "แจ้งเปลี่ยนห้องประชุม", "body_th": "ขอเรียนว่าการประชุมย้ายไปที่ห้องประชุม ๒\nชั้น ๓",
    "subject_en": "Change of room", "body_en": "The meeting moves to meeting room 2,\n3rd floor.",
}  # fmt: skip


@pytest.fixture
def people(hearing: Any, organiser: Any, settings: Any) -> dict[str, Any]:
    """Two seated (one in English), one waiting, one without e-mail, one purged, one cancelled; no mail sent yet."""
    settings.MAIL_OUTBOX_INLINE = False
    thai, english = register(hearing, organiser, 1), register(hearing, organiser, 2, language="en")
    waiting = register(hearing, organiser, 3)
    phone_only = register(hearing, organiser, 4, email="")
    purged = register(hearing, organiser, 5)
    Registration.objects.filter(pk=purged.pk).update(name="", email="", phone="", purged_at=DURING)
    cancelled = registration_create(
        actor=organiser, event_id=hearing.pk, data={"name": "ยกเลิก", "email": "gone@example.go.th", "consent": True,
        "stakeholder_type": "citizen"}, channel="paper", received_at=DURING, now=DURING,
    )  # fmt: skip
    cancelled.status = "cancelled"
    cancelled.save(update_fields=["status"])
    MailOutbox.objects.all().delete()  # the confirmations: not what these tests are about
    return {"thai": thai, "english": english, "waiting": waiting, "phone_only": phone_only}


def test_the_preview_shows_who_receives_it_and_sends_nothing(client, organiser, hearing, people):
    client.force_login(organiser)
    response = client.post(f"/staff/events/{hearing.pk}/messages/", {**MESSAGE, "preview": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "ผู้รับทางไปรษณีย์อิเล็กทรอนิกส์ 3 ราย" in page
    assert "ในจำนวนนี้ 1 รายลงทะเบียนเป็นภาษาอังกฤษ และจะได้รับข้อความภาษาอังกฤษ" in page
    assert people["phone_only"].reference in page and people["phone_only"].phone in page  # to telephone
    assert "The meeting moves to meeting room 2,<br>3rd floor." in page
    assert 'name="send" value="3,1"' in page
    assert not EventMessage.objects.exists() and not MailOutbox.objects.exists()


def test_sending_queues_one_row_each_and_the_worker_delivers_in_each_language(client, organiser, hearing, people, smtp):
    client.force_login(organiser)
    sent = client.post(f"/staff/events/{hearing.pk}/messages/", {**MESSAGE, "send": "3,1"})
    message = EventMessage.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/staff/events/{hearing.pk}/messages/{message.pk}/"
    assert (message.mailed, message.without_email, message.sent_by) == (3, [people["phone_only"].pk], organiser)
    assert MailOutbox.objects.filter(message=message, kind="message").count() == 3 and smtp.messages == []
    entry = AuditEntry.objects.get(action="hearings.event.message")
    assert entry.data == {"audience": "active", "count": 3, "without_email": 1}
    assert entry.consultation_id == hearing.consultation_id
    assert mail_outbox_flush(now=DURING) == 3
    received = {str(m["To"]): m for m in smtp.messages}
    assert set(received) == {"person1@example.go.th", "person2@example.go.th", "person3@example.go.th"}
    assert Inbox.subject(received["person1@example.go.th"]) == "แจ้งเปลี่ยนห้องประชุม"
    thai_body = Inbox.body(received["person1@example.go.th"]).replace("\r\n", "\n")
    assert "ห้องประชุม ๒\nชั้น ๓" in thai_body and people["thai"].reference in thai_body and "/registrations/" in thai_body
    assert Inbox.subject(received["person2@example.go.th"]) == "Change of room"
    english_body = Inbox.body(received["person2@example.go.th"])
    assert "meeting room 2" in english_body and "because you registered for" in english_body
    page = client.get(sent["Location"]).content.decode()
    assert people["phone_only"].reference in page and "กรุณาแจ้งทางโทรศัพท์" in page


def test_without_an_english_text_everyone_gets_the_thai(client, organiser, hearing, people, smtp, settings):
    settings.MAIL_OUTBOX_INLINE = True
    event_message_send(
        actor=organiser, event_id=hearing.pk, audience="confirmed", subject_th="เรียนเชิญ", body_th="ขอเชิญเข้าร่วม"
    )
    assert sorted(str(m["To"]) for m in smtp.messages) == ["person1@example.go.th", "person2@example.go.th"]
    assert {Inbox.subject(m) for m in smtp.messages} == {"เรียนเชิญ"}
    assert all("ท่านได้รับข้อความนี้" in Inbox.body(m) for m in smtp.messages)


def test_the_waitlist_alone_can_be_written_to(organiser, hearing, people):
    message = event_message_send(
        actor=organiser, event_id=hearing.pk, audience="waitlisted", subject_th="รายชื่อสำรอง", body_th="แจ้งลำดับ"
    )
    assert list(MailOutbox.objects.values_list("registration_id", flat=True)) == [people["waiting"].pk]
    assert message.mailed == 1 and message.without_email == [people["phone_only"].pk]  # also waiting, no e-mail


def test_a_change_in_the_registrants_since_the_preview_sends_nothing(client, organiser, hearing, people):
    client.force_login(organiser)
    response = client.post(f"/en/staff/events/{hearing.pk}/messages/", {**MESSAGE, "send": "2,1"})
    assert response.status_code == 422 and "changed since the preview" in response.content.decode()
    assert not EventMessage.objects.exists() and not MailOutbox.objects.exists()


def test_a_refused_message_keeps_what_was_typed_and_says_why_in_thai(client, organiser, hearing, people):
    client.force_login(organiser)
    half_english = {**MESSAGE, "body_en": "", "preview": ""}
    response = client.post(f"/staff/events/{hearing.pk}/messages/", half_english)
    page = response.content.decode()
    assert response.status_code == 422 and "กรุณาระบุเรื่องและข้อความภาษาอังกฤษให้ครบทั้งสองช่อง" in page
    assert 'value="แจ้งเปลี่ยนห้องประชุม"' in page and 'id="form-errors"' in page
    assert not EventMessage.objects.exists()


def test_another_agencys_organiser_cannot_send(client, outsider, hearing, people):
    client.force_login(outsider)
    assert client.post(f"/staff/events/{hearing.pk}/messages/", {**MESSAGE, "send": "3,1"}).status_code == 404
    from rapfang.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        event_message_send(actor=outsider, event_id=hearing.pk, audience="active", subject_th="ก", body_th="ข")
    assert not EventMessage.objects.exists() and not MailOutbox.objects.exists()
