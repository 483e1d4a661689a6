"""An event's own questions: asked on the page, through the API, on the reply form and in the import file;
answers kept, shown back, exported and purged with the rest of the personal data."""

from __future__ import annotations

import csv
import io
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from clock import bkk
from hearings.conftest import DURING, person
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import InvalidInput
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import Registration
from rapfang.hearings.services import event_questions_replace, registration_create, registrations_purge

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {
        "key": "session",
        "label_th": "ช่วงที่ท่านประสงค์จะเข้าร่วม",
        "label_en": "Which session will you attend?",
        "kind": "choice",
        "options_th": "ช่วงเช้า\nช่วงบ่าย\nทั้งวัน",
        "options_en": "Morning\nAfternoon\nAll day",
        "required": True,
    },
    {"key": "parking", "label_th": "ต้องการที่จอดรถหรือไม่", "label_en": "Do you need parking?", "kind": "yes_no"},
    {"key": "topic", "label_th": "ประเด็นที่ท่านประสงค์จะเสนอ", "label_en": "Topic to raise", "kind": "long_text"},
]


@pytest.fixture
def event(make_event):
    event = make_event(capacity=10)
    event_questions_replace(actor=SYSTEM, event=event, questions=QUESTIONS)
    return event


def register(event, n=1, **answers):
    return registration_create(actor=SYSTEM, event_id=event.pk, data=person(n, **answers), now=DURING)


def test_answers_are_kept_as_option_numbers_whatever_wording_was_sent(event):
    by_number = register(event, 1, session="2", parking=True, topic="การเชื่อมโยงข้อมูลภาครัฐ")
    by_thai = register(event, 2, session="ทั้งวัน", parking="ไม่")
    by_english = register(event, 3, session="morning", parking="yes")
    assert by_number.answers == {"session": "2", "parking": "yes", "topic": "การเชื่อมโยงข้อมูลภาครัฐ"}
    assert by_thai.answers == {"session": "3", "parking": "no"}
    assert by_english.answers == {"session": "1", "parking": "yes"}
    assert Registration.objects.get(pk=by_number.pk).answers["session"] == "2"


@pytest.mark.parametrize(
    ("answers", "field"),
    [({}, "session"), ({"session": "4"}, "session"), ({"session": "1", "parking": "maybe"}, "parking")],
    ids=["required-missing", "no-such-option", "not-yes-or-no"],
)
def test_a_wrong_answer_is_refused_with_its_key_and_nothing_is_written(event, answers, field):
    with pytest.raises(InvalidInput) as refused:
        register(event, 1, **answers)
    assert field in refused.value.params["errors"]
    assert not Registration.objects.exists()


def test_the_api_lists_the_questions_and_takes_answers_beside_the_standard_fields(client, event):
    facts = client.get(f"/api/v1/events/{event.pk}").json()
    session = next(q for q in facts["questions"] if q["key"] == "session")
    assert session["kind"] == "choice" and session["required"] is True
    assert session["options"][1] == {"th": "ช่วงบ่าย", "en": "Afternoon"}
    body = json.dumps(person(1, session=2, parking=False))
    with time_machine.travel(DURING, tick=False):
        created = client.post(f"/api/v1/events/{event.pk}/registrations", body, content_type="application/json")
        refused = client.post(
            f"/api/v1/events/{event.pk}/registrations",
            json.dumps(person(2, session="evening")),
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert created.status_code == 202, created.content.decode()  # anonymous: the reference comes by e-mail
    assert Registration.objects.get().answers == {"session": "2", "parking": "no"}
    assert refused.status_code == 422 and "session" in refused.json()["errors"]


def test_the_page_asks_the_questions_and_the_registrant_sees_the_answers(client, event):
    form = {**person(1), "consent": "on", "session": "3", "parking": "yes"}
    with time_machine.travel(DURING, tick=False):
        page = client.get(f"/en/events/{event.pk}/").content.decode()
        assert "Which session will you attend?" in page and 'name="session"' in page and "Afternoon" in page
        client.post(f"/en/events/{event.pk}/", form)
        registrant_page = registration_url(Registration.objects.get(), absolute=False)  # the link in the mail
        text = client.get(registrant_page).content.decode()
    assert "All day" in text and "Do you need parking?" in text
    assert Registration.objects.get().answers == {"session": "3", "parking": "yes"}


def test_keys_that_clash_or_are_malformed_and_choices_without_options_are_refused(make_event):
    event = make_event()
    for bad in (
        {"key": "email", "label_th": "อีเมล", "kind": "text"},
        {"key": "Transport mode", "label_th": "การเดินทาง", "kind": "text"},
        {"key": "mode", "label_th": "การเดินทาง", "kind": "choice", "options_th": "รถยนต์"},
        {"key": "mode", "label_th": "การเดินทาง", "kind": "choice", "options_th": "รถยนต์\nรถไฟ", "options_en": "Car"},
    ):
        with pytest.raises(InvalidInput):
            event_questions_replace(actor=SYSTEM, event=event, questions=[bad])
    with pytest.raises(InvalidInput):
        event_questions_replace(actor=SYSTEM, event=event, questions=[QUESTIONS[1], QUESTIONS[1]])
    assert not event.questions.exists()


def test_reply_form_prints_the_questions_with_their_options(client, event):
    document = Document(io.BytesIO(client.get(f"/events/{event.pk}/reply-form.docx").content))
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels[-1] == "ประเด็นที่ท่านประสงค์จะเสนอ"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ช่วงที่ท่านประสงค์จะเข้าร่วม *" in text and "☐ ช่วงบ่าย" in text and "☐ ใช่" in text
    assert client.get(f"/events/{event.pk}/reply-form.pdf").content.startswith(b"%PDF-")


def test_import_reads_answer_columns_and_exports_write_them(client, organiser, event):
    client.force_login(organiser)
    template = client.get(f"/staff/events/{event.pk}/import/template.csv").content.decode("utf-8-sig")
    assert template.strip().endswith("received_at,session,parking,topic")
    rows = [
        ["name", "stakeholder_type", "phone", "consent", "session", "parking"],
        ["วิภา ทดสอบ", "citizen", "0812345678", "ใช่", "ช่วงเช้า", "x"],
        ["ปรีชา ทดสอบ", "citizen", "0812345679", "ใช่", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    upload = SimpleUploadedFile("replies.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    with time_machine.travel(DURING, tick=False):
        refused = client.post(f"/en/staff/events/{event.pk}/import/", {"file": upload, "channel": "paper"})
    assert refused.status_code == 422 and "<td>3</td>" in refused.content.decode()
    assert not Registration.objects.exists()
    del rows[2]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    upload = SimpleUploadedFile("replies.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    with time_machine.travel(DURING, tick=False):
        assert client.post(f"/staff/events/{event.pk}/import/", {"file": upload, "channel": "paper"}).status_code == 302
    assert Registration.objects.get().answers == {"session": "1", "parking": "yes"}
    exported = client.get(f"/en/staff/events/{event.pk}/export.csv").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(exported)))
    assert header[-3:] == ["Which session will you attend?", "Do you need parking?", "Topic to raise"]
    assert row[-3:] == ["Morning", "Yes", ""]
    sheet = load_workbook(io.BytesIO(client.get(f"/staff/events/{event.pk}/export.xlsx").content)).active
    assert [cell.value for cell in sheet[2]][-3:-1] == ["ช่วงเช้า", "ใช่"]


def test_purge_empties_the_answers_with_the_rest(event):
    registration = register(event, 1, session="1", topic="ข้อมูลส่วนบุคคลในคำตอบ")
    registrations_purge(actor=SYSTEM, days=30, now=bkk(2017, 1, 31, 0, 0))
    assert Registration.objects.get(pk=registration.pk).answers == {}


def test_changing_ones_registration_keeps_and_changes_the_answers(client, event):
    from rapfang.hearings.links import registration_url

    registration = register(event, 1, session="1", parking="no")
    path = registration_url(registration) + "change/"
    with time_machine.travel(DURING, tick=False):
        page = client.get(path).content.decode()
        assert '<option value="1" selected>' in page
        form = {**person(1), "consent": "on", "session": "2", "parking": "no"}
        assert client.post(path, form).status_code == 302
    assert Registration.objects.get(pk=registration.pk).answers == {"session": "2", "parking": "no"}
