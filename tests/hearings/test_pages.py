"""The public pages of registration, through Django's test client."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from docx import Document

from clock import bkk
from hearings.conftest import DEADLINE, DURING, later, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import Registration
from rapfang.hearings.services import registration_create

pytestmark = pytest.mark.django_db


def test_register_through_the_page_then_see_reference_qr_and_cancel(client, make_event, demo):
    event = make_event(capacity=1)
    with time_machine.travel(DURING, tick=False):
        page = client.get(f"/events/{event.pk}/")
        assert page.status_code == 200 and "ประชุมระดมสมอง" in page.content.decode()
        answer = client.post(f"/events/{event.pk}/", person(1))
        assert (answer.status_code, answer["Location"]) == (302, f"/events/{event.pk}/received/#received")
        assert "ได้รับการลงทะเบียนของท่านแล้ว" in client.get(answer["Location"]).content.decode()
        registration = Registration.objects.get()
        token = registration_url(registration, absolute=False).split("/")[2]  # the link in the mail
        html = client.get(registration_url(registration, absolute=False)).content.decode()
        assert registration.reference in html and "<svg" in html
        assert registration.language == "th"
        ics = client.get(f"/registrations/{token}/calendar.ics")
        assert b"BEGIN:VTIMEZONE" in ics.content
        assert client.post(f"/registrations/{token}/cancel/").status_code == 302
    assert Registration.objects.get().status == "cancelled"


def test_english_page_registers_in_english(client, make_event):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        answer = client.post(f"/en/events/{event.pk}/", person(1))
    assert answer["Location"] == f"/en/events/{event.pk}/received/#received"
    assert Registration.objects.get().language == "en"


def test_invalid_form_shows_errors_and_stores_nothing(client, make_event):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        answer = client.post(f"/en/events/{event.pk}/", person(1, email="nope", consent=""))
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Please give a valid e-mail address" in html and "Please agree to the privacy notice" in html
    assert 'aria-invalid="true"' in html
    assert not Registration.objects.exists()


def test_a_second_registration_is_answered_like_the_first_and_its_owner_told(client, make_event, smtp):
    event = make_event()
    with time_machine.travel(DURING, tick=False):
        first = client.post(f"/en/events/{event.pk}/", person(1))
        again = client.post(f"/en/events/{event.pk}/", person(1, name="Someone else"))
        by_phone = client.post(f"/en/events/{event.pk}/", person(2, phone=person(1)["phone"]))
    assert first.status_code == again.status_code == by_phone.status_code == 302
    assert first["Location"] == again["Location"] == by_phone["Location"]
    assert "is already registered" not in client.get(again["Location"]).content.decode()
    assert Registration.objects.count() == 1
    owner = Registration.objects.get()
    told = [m for m in smtp.to("person1@example.go.th") if owner.reference in smtp.subject(m)]
    assert len(told) == 2  # the confirmation, then one notice (at most one an hour)
    assert "tried to register again" in smtp.body(told[1]) and "/registrations/" in smtp.body(told[1])
    assert not smtp.to("person2@example.go.th")


@pytest.mark.parametrize(
    ("moment", "form_shown"), [(later(DEADLINE, -1), True), (DEADLINE, True), (later(DEADLINE, 1), False)]
)
def test_event_page_closes_at_the_deadline(client, make_event, moment, form_shown):
    event = make_event()
    with time_machine.travel(moment, tick=False):
        html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert ('name="consent"' in html) is form_shown
    assert ("Registration is now closed." in html) is not form_shown


def test_consultation_page_shows_registration_block_and_closed_notice(client, demo):
    from rapfang.demo.loader import demo_load

    with time_machine.travel(bkk(2016, 11, 14, 23, 59, 59), tick=False):
        html = client.get("/en/consultations/dg2-2560-2564/").content.decode()
        assert "Register now" in html
    with time_machine.travel(bkk(2016, 11, 15, 0, 0, 0), tick=False):
        from django.core.cache import cache

        cache.clear()
        html = client.get("/en/consultations/dg2-2560-2564/").content.decode()
    assert "Register now" not in html and "Registration is now closed." in html
    assert "You can still comment on the draft through the website" in html
    demo_load()


def test_seats_left_and_waitlist_on_the_consultation_page(client, demo):
    from rapfang.hearings.models import Event
    from rapfang.hearings.services import event_save

    main = Event.objects.get(consultation=demo, is_main=True)
    event_save(actor=SYSTEM, consultation=demo, event=main, capacity=1)
    with time_machine.travel(DURING, tick=False):
        assert "Seats left: 1" in client.get("/en/consultations/dg2-2560-2564/").content.decode()
        registration_create(actor=SYSTEM, event_id=main.pk, data=person(1), now=DURING)
        from django.core.cache import cache

        cache.clear()
        html = client.get("/en/consultations/dg2-2560-2564/").content.decode()
    assert "Join the waitlist" in html


def test_no_personal_data_on_the_public_pages(client, make_event):
    event = make_event()
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(7), now=DURING)
    with time_machine.travel(DURING, tick=False):
        for path in (f"/events/{event.pk}/", "/consultations/dg2-2560-2564/", f"/api/v1/events/{event.pk}"):
            text = client.get(path).content.decode()
            assert "person7@example.go.th" not in text and "สมหญิง ใจดี 7" not in text


def test_reply_form_pdf_and_docx_follow_the_events_fields(client, make_event):
    event = make_event(asked_fields=["organisation", "phone"], accepts_fax=True, accepts_email=True)
    pdf = client.get(f"/events/{event.pk}/reply-form.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    docx = client.get(f"/events/{event.pk}/reply-form.docx")
    document = Document(io.BytesIO(docx.content))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels == ["ชื่อ-นามสกุล", "หน่วยงาน/องค์กร", "โทรศัพท์", "ไปรษณีย์อิเล็กทรอนิกส์"]
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "๐ ๒๒๓๐ ๖๓๓๓" in text and "digitalgov_plan@ega.or.th" in text  # the consultation's Thai digits
    assert [line for line in text.splitlines() if re.search("ตำแหน่ง", line)] == ["ตำแหน่ง " + "." * 48]


def test_demo_registration_phase_opens_the_hearings_registration_now(client, demo):
    from rapfang.demo.loader import demo_load
    from rapfang.hearings.models import Event
    from rapfang.hearings.rules import Offer, registration_offer

    now = bkk(2026, 11, 26, 10, 0)
    demo_load(phase="registration", now=now)
    main = Event.objects.get(consultation=demo, is_main=True)
    assert main.capacity is None  # the seed gives no capacity
    assert registration_offer(main, now) is Offer.OPEN
    kinds = set(Event.objects.filter(consultation=demo, is_main=False).values_list("kind", flat=True))
    assert kinds == {"desk_study", "interview", "workshop"}
    demo_load()


def test_printouts_read_back_their_thai_text_exactly(demo):
    import os
    import shutil
    import subprocess

    from rapfang.hearings.printouts import reply_form_pdf, signin_sheet_pdf

    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is required under CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    event = demo.events.get(is_main=True)
    command = [shutil.which("pdftotext") or "pdftotext", "-", "-"]
    for pdf in (reply_form_pdf(event), signin_sheet_pdf(event, [])):
        text = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603
        assert "สำนักงานรัฐบาลอิเล็กทรอนิกส์" in text or "การประชุมรับฟังความคิดเห็น" in text
        assert "สานักงาน" not in text
