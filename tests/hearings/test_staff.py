"""Staff pages: organisers only; keyed-in replies, bulk import (all or nothing), check-in, exports, sign-in sheet."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from clock import bkk
from hearings.conftest import DEADLINE, DURING, later, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import Registration
from rapfang.hearings.services import registration_create

pytestmark = pytest.mark.django_db
DAY = bkk(2016, 11, 18, 9, 0)


@pytest.fixture
def staff(client, organiser):
    client.force_login(organiser)
    return client


def test_staff_pages_are_for_the_agencys_organisers_only(client, make_event, stranger):
    event = make_event()
    assert client.get(f"/staff/events/{event.pk}/").status_code == 302  # to the login page
    client.force_login(stranger)
    for path in ("", "check-in/", "export.csv", "sign-in.pdf", "import/", "replies/new/"):
        assert client.get(f"/staff/events/{event.pk}/{path}").status_code == 404


def test_keyed_in_fax_reply_with_scan_and_received_time(staff, make_event):
    event = make_event()
    scan = SimpleUploadedFile("fax.pdf", b"%PDF-1.4 fax", content_type="application/pdf")
    data = person(1, email="", channel="fax", received_at="14/11/2559 16:30", scan=scan)
    with time_machine.travel(later(DEADLINE, 3600), tick=False):
        answer = staff.post(f"/staff/events/{event.pk}/replies/new/", data)
    assert answer.status_code == 302
    registration = Registration.objects.get()
    assert (registration.channel, registration.status) == ("fax", "confirmed")
    assert registration.received_at == bkk(2016, 11, 14, 16, 30)
    assert registration.scan.name.endswith(".pdf") and registration.keyed_by is not None


def test_keyed_in_reply_that_arrived_after_the_deadline_is_refused(staff, make_event):
    event = make_event()
    data = person(1, channel="email", received_at="15/11/2559 00:00")
    with time_machine.travel(later(DEADLINE, 86400), tick=False):
        answer = staff.post(f"/en/staff/events/{event.pk}/replies/new/", data)
    assert answer.status_code == 422 and "Registration for this event is closed." in answer.content.decode()
    assert not Registration.objects.exists()


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "organisation", "stakeholder_type", "email", "phone", "consent"])
    writer.writerows(rows)
    return SimpleUploadedFile("replies.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def test_bulk_import_is_all_or_nothing_with_a_report_per_row(staff, make_event):
    event = make_event(capacity=10)
    rows = [
        ["สมชาย หนึ่ง", "กรม ก", "government", "a@example.go.th", "", "yes"],
        ["สมศรี สอง", "บริษัท ข", "martian", "b@example.go.th", "", "yes"],
        ["สมปอง สาม", "มหาวิทยาลัย ค", "academic", "a@example.go.th", "", "yes"],
        ["สมใจ สี่", "", "citizen", "d@example.go.th", "", ""],
    ]
    with time_machine.travel(DURING, tick=False):
        answer = staff.post(f"/en/staff/events/{event.pk}/import/", {"file": _csv(rows), "channel": "paper"})
    html = answer.content.decode()
    assert answer.status_code == 422 and "Nothing was imported" in html
    for line in ("<td>3</td>", "<td>4</td>", "<td>5</td>"):
        assert line in html
    assert "<td>2</td>" not in html
    assert not Registration.objects.exists()
    good = [row for row in rows if (row[2] != "martian" and row[3] != "a@example.go.th") or row[0] == "สมชาย หนึ่ง"]
    good[-1][-1] = "yes"
    with time_machine.travel(DURING, tick=False):
        answer = staff.post(f"/en/staff/events/{event.pk}/import/", {"file": _csv(good), "channel": "paper"})
    assert answer.status_code == 302
    assert Registration.objects.filter(channel="paper").count() == 2


def test_bulk_import_reads_xlsx(staff, make_event):
    event = make_event()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "stakeholder_type", "phone", "consent"])
    sheet.append(["วิภา ทดสอบ", "civil_society", "081 234 5678", "ใช่"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("replies.xlsx", buffer.getvalue())
    with time_machine.travel(DURING, tick=False):
        assert staff.post(f"/staff/events/{event.pk}/import/", {"file": upload, "channel": "fax"}).status_code == 302
    assert Registration.objects.get().phone_key == "0812345678"


def test_check_in_by_reference_then_counters_and_walk_in(staff, make_event):
    event = make_event(capacity=2)
    registration = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    with time_machine.travel(DAY, tick=False):
        found = staff.get(
            f"/en/staff/events/{event.pk}/check-in/", {"q": registration.reference.replace("-", "").lower()}
        )
        assert registration.name in found.content.decode()
        action = f"/staff/events/{event.pk}/registrations/{registration.pk}/checkin/"
        assert staff.post(action).status_code == 302
        again = staff.post(f"/en{action}", follow=True)
        assert "already checked in" in again.content.decode()
        walk_in = staff.post(f"/staff/events/{event.pk}/check-in/", person(2, email="", consent="on"))
        assert walk_in.status_code == 302
        full = staff.post(f"/en/staff/events/{event.pk}/check-in/", person(3, email="", consent="on"))
        assert full.status_code == 409 or "no seat is left" in full.content.decode()
        counters = staff.get(f"/staff/events/{event.pk}/counters/").content.decode()
    assert Registration.objects.get(pk=registration.pk).checked_in_at == DAY
    assert 'data-testid="count-checked-in">2<' in counters and 'data-testid="count-walk-ins">1<' in counters


def test_search_by_thai_name(staff, make_event):
    event = make_event()
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1, name="ศุภชัย รักไทย"), now=DURING)
    html = staff.get(f"/staff/events/{event.pk}/check-in/", {"q": "รักไทย"}).content.decode()
    assert "ศุภชัย รักไทย" in html


def test_exports_csv_xlsx_filtered_and_sign_in_sheet(staff, make_event):
    event = make_event(capacity=1)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(2), now=DURING)
    text = staff.get(f"/staff/events/{event.pk}/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and "สมหญิง ใจดี 1" in text
    waitlisted = staff.get(f"/staff/events/{event.pk}/export.xlsx", {"status": "waitlisted"})
    sheet = load_workbook(io.BytesIO(waitlisted.content)).active
    assert sheet.max_row == 2 and sheet.cell(2, 5).value == "สมหญิง ใจดี 2"
    pdf = staff.get(f"/staff/events/{event.pk}/sign-in.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_list_filters_by_status_and_channel(staff, make_event):
    event = make_event(capacity=1)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=DURING)
    registration_create(actor=SYSTEM, event_id=event.pk, data=person(2), now=DURING, channel="api")
    html = staff.get(f"/staff/events/{event.pk}/", {"channel": "api"}).content.decode()
    assert "สมหญิง ใจดี 2" in html and "สมหญิง ใจดี 1" not in html
