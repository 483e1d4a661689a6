"""An event's agenda and questions, edited as rows without JavaScript: add, move and remove draw the page again with
everything typed kept and nothing saved; Save writes all rows at once through the services, or nothing."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from rapfang.core.models import AuditEntry
from rapfang.hearings.models import AgendaItem, EventQuestion
from rapfang.hearings.services import agenda_replace

pytestmark = pytest.mark.django_db


def rows(prefix: str, items: list[dict[str, str]], **extra: str) -> dict[str, Any]:
    """A formset's POST: the management form, then each row's fields."""
    data: dict[str, Any] = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": len(items)}
    for number, item in enumerate(items):
        data.update({f"{prefix}-{number}-{name}": value for name, value in item.items()})
    return {**data, **extra}


MORNING = {"starts_at": "09.00", "ends_at": "09.30", "title_th": "ลงทะเบียน", "title_en": "Registration"}
OPENING = {"starts_at": "๐๙.๓๐", "ends_at": "10.00 น.", "title_th": "กล่าวเปิด", "speakers_th": "อธิบดีกรมที่ดิน"}
PANEL = {"starts_at": "10:00", "title_th": "เสวนา", "title_en": "Panel", "speakers_en": "Director-General"}


def test_the_agenda_is_added_reordered_and_saved_without_javascript(client, organiser, hearing):
    client.force_login(organiser)
    url = f"/staff/events/{hearing.pk}/agenda/"
    page = client.get(url)
    assert page.status_code == 200 and page.context["formset"].total_form_count() == 1  # one empty row to start
    added = client.post(url, rows("agenda", [MORNING, OPENING], row="add"))
    assert added.status_code == 200 and added.context["formset"].total_form_count() == 3
    assert 'value="กล่าวเปิด"' in added.content.decode() and not AgendaItem.objects.exists()
    moved = client.post(url, rows("agenda", [MORNING, OPENING, PANEL], row="up-2"))
    assert [form.initial.get("title_th") for form in moved.context["formset"]] == ["ลงทะเบียน", "เสวนา", "กล่าวเปิด"]
    assert moved.context["focus"] == 1 and not AgendaItem.objects.exists()
    removed = client.post(url, rows("agenda", [MORNING, PANEL, OPENING, {}], row="remove-0"))
    assert [form.initial.get("title_th") for form in removed.context["formset"]] == ["เสวนา", "กล่าวเปิด", ""]
    saved = client.post(url, rows("agenda", [PANEL, OPENING, {"title_th": ""}]))
    assert saved.status_code == 302
    items = list(AgendaItem.objects.filter(event=hearing))
    assert [(item.title_th, item.starts_at, item.ends_at) for item in items] == [
        ("เสวนา", time(10, 0), None), ("กล่าวเปิด", time(9, 30), time(10, 0)),
    ]  # fmt: skip
    assert items[1].speakers_th == "อธิบดีกรมที่ดิน" and items[0].speakers_en == "Director-General"
    assert AuditEntry.objects.filter(action="hearings.event.agenda", actor=organiser).exists()
    shown = client.get(url).content.decode()
    assert 'value="10.00"' in shown and 'value="09.30"' in shown


def test_a_bad_agenda_row_is_refused_beside_its_field_and_nothing_changes(client, organiser, hearing):
    agenda_replace(actor=organiser, event=hearing, items=[{"title_th": "ของเดิม"}])
    client.force_login(organiser)
    url = f"/en/staff/events/{hearing.pk}/agenda/"
    bad = [{"starts_at": "25.00", "title_th": "ผิดเวลา"}, {"title_en": "No Thai title"}, MORNING]
    response = client.post(url, rows("agenda", bad))
    page = response.content.decode()
    assert response.status_code == 422 and 'id="form-errors"' in page
    assert "Row 1: time</a>: This date or time does not exist: 25.00." in page
    assert 'id="id_agenda-1-title_th_error"' in page and 'aria-invalid="true"' in page
    assert [item.title_th for item in AgendaItem.objects.all()] == ["ของเดิม"]


CHOICE = {
    "label_th": "ท่านจะเข้าร่วมช่วงใด", "label_en": "Which session will you attend?", "kind": "choice",
    "options_th": "ช่วงเช้า\nช่วงบ่าย", "options_en": "Morning\nAfternoon", "required": "on",
}  # fmt: skip
THAI_ONLY = {"label_th": "การเดินทาง", "kind": "text"}
YES_NO = {"label_th": "ต้องการอาหารมังสวิรัติหรือไม่", "label_en": "Vegetarian meal?", "kind": "yes_no"}


def test_questions_round_trip_with_keys_made_from_their_labels(client, organiser, hearing):
    client.force_login(organiser)
    url = f"/staff/events/{hearing.pk}/questions/"
    assert client.post(url, rows("questions", [THAI_ONLY, CHOICE, YES_NO])).status_code == 302
    saved = list(EventQuestion.objects.filter(event=hearing))
    assert [question.key for question in saved] == ["kan_doenthang", "which_session_will_you_attend", "vegetarian_meal"]
    assert [question.kind for question in saved] == ["text", "choice", "yes_no"]
    assert saved[1].required and saved[1].options_th == "ช่วงเช้า\nช่วงบ่าย" and not saved[0].required
    page = client.get(url)
    shown = [dict(form.initial) for form in page.context["formset"]]
    assert [row["key"] for row in shown] == [question.key for question in saved]
    moved = client.post(url, rows("questions", shown, row="down-0"))
    again = [dict(form.initial) for form in moved.context["formset"]]
    assert client.post(url, rows("questions", again)).status_code == 302
    assert list(EventQuestion.objects.values_list("key", "order")) == [
        ("which_session_will_you_attend", 0), ("kan_doenthang", 1), ("vegetarian_meal", 2),
    ]  # fmt: skip
    assert EventQuestion.objects.get(key="which_session_will_you_attend").required  # the ticked box travelled too


def test_a_question_the_registration_form_cannot_ask_is_refused_with_nothing_saved(client, organiser, hearing):
    client.force_login(organiser)
    url = f"/staff/events/{hearing.pk}/questions/"
    bad = [
        {**CHOICE, "options_th": "ช่วงเช้า", "options_en": ""},  # a choice of one
        {"label_th": "อีเมลสำรอง", "kind": "text", "key": "email"},  # a standard field's name
        {"label_th": "ซ้ำ ๑", "kind": "text", "key": "same"},
        {"label_th": "ซ้ำ ๒", "kind": "text", "key": "same"},
        {"label_en": "No Thai wording", "kind": "text"},
    ]
    response = client.post(url, rows("questions", bad))
    page = response.content.decode()
    assert response.status_code == 422
    for words in ("ตัวเลือกอย่างน้อยสองตัวเลือก", "รหัสนี้ซ้ำกับรายการข้อมูลมาตรฐาน", "คำถามแต่ละข้อต้องมีรหัสไม่ซ้ำกัน"):
        assert words in page, words
    assert 'id="id_questions-4-label_th_error"' in page and "แถวที่ 5" in page
    assert 'value="อีเมลสำรอง"' in page  # what was typed stays
    assert not EventQuestion.objects.exists()


def test_two_questions_with_the_same_wording_get_keys_of_their_own(client, organiser, hearing):
    client.force_login(organiser)
    url = f"/en/staff/events/{hearing.pk}/questions/"
    same = {"label_th": "หมายเหตุ", "label_en": "Notes", "kind": "long_text"}
    named = {"label_th": "ชื่อ", "label_en": "Name", "kind": "text"}
    assert client.post(url, rows("questions", [same, same, named])).status_code == 302
    assert list(EventQuestion.objects.values_list("key", flat=True)) == ["notes", "notes_2", "name_answer"]
