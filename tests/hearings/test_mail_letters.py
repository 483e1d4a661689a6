"""Registrants' mail reads as Thai official mail: the salutation, the consultation's digits, the agency's closing."""

from __future__ import annotations

import re

import pytest

from hearings.conftest import DURING, Inbox, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.services import registration_create

pytestmark = pytest.mark.django_db
ARABIC = re.compile(r"[0-9]")


def _register(event, n, **data):
    return registration_create(actor=SYSTEM, event_id=event.pk, data=person(n, **data), now=DURING, language="th")


def _body(smtp: Inbox, address: str) -> str:
    return smtp.body(smtp.to(address)[0]).replace("\r\n", "\n")


def _line(body: str, start: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(start))


def test_khun_only_before_a_name_without_a_title(make_event, smtp: Inbox):
    event = make_event(capacity=10)
    _register(event, 1, name="นางสาวสมหญิง ใจดี")
    _register(event, 2, name="สมชาย รักไทย")
    titled = _body(smtp, "person1@example.go.th")
    plain = _body(smtp, "person2@example.go.th")
    assert titled.startswith("เรียน นางสาวสมหญิง ใจดี\n") and "คุณนางสาว" not in titled
    assert plain.startswith("เรียน คุณสมชาย รักไทย\n")


def test_digits_follow_the_consultation_and_the_agency_signs(make_event, smtp: Inbox):
    event = make_event(capacity=1)
    event.consultation.agency.phone = "0 2612 6000"
    event.consultation.agency.save()
    _register(event, 1)
    _register(event, 2)  # waitlisted: its number is written in words of the mail
    confirmed = _body(smtp, "person1@example.go.th")
    waitlisted = _body(smtp, "person2@example.go.th")
    when = _line(confirmed, "วันและเวลา")
    assert "๑๘" in when and "๒๕๕๙" in when and not ARABIC.search(when)
    assert "หมายเลข ๑" in waitlisted or "ลำดับที่ ๑" in waitlisted
    closing = confirmed[confirmed.index("ขอแสดงความนับถือ") :]
    assert "สำนักงานรัฐบาลอิเล็กทรอนิกส์ (องค์การมหาชน)" in closing
    assert "๐ ๒๖๑๒ ๖๐๐๐" in closing and "digitalgov_plan@ega.or.th" in closing


def test_arabic_digits_when_the_consultation_does_not_use_thai_digits(make_event, smtp: Inbox):
    event = make_event()
    event.consultation.thai_digits = False
    event.consultation.save(update_fields=["thai_digits"])
    _register(event, 1)
    when = _line(_body(smtp, "person1@example.go.th"), "วันและเวลา")
    assert "18" in when and "2559" in when


def test_english_mail_has_no_khun_and_closes_in_english(make_event, smtp: Inbox):
    event = make_event()
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING, language="en")
    body = _body(smtp, "person1@example.go.th")
    assert body.startswith("Dear สมหญิง ใจดี 1,\n") and "Yours sincerely," in body
    assert "Electronic Government Agency (Public Organization)" in body[body.index("Yours sincerely,") :]
