"""The event admin: organisers of the event's agency edit its agenda and its own questions in the admin's inlines,
which save through the services."""

from __future__ import annotations

import pytest

from rapfang.core.forms_thai import ThaiDateTimeInput
from rapfang.core.models import AuditEntry
from rapfang.hearings.models import EventQuestion

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int, initial: int) -> dict[str, int]:
    return {
        f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000,
    }  # fmt: skip


def test_an_organiser_sees_the_agenda_and_questions_inlines_and_adds_a_question(client, make_event, organiser):
    event = make_event()
    client.force_login(organiser)
    url = f"/admin/hearings/event/{event.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    prefixes = {formset.formset.prefix for formset in page.context["inline_admin_formsets"]}
    assert prefixes == {"agenda", "questions"}
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for field in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        value = form[field].value()
        if value is not None:
            data[field] = ThaiDateTimeInput().format_value(value)  # as the admin shows it: B.E. year
    data.pop("registration_closed_early_at", None)
    data["contacts"] = [c.pk for c in form["contacts"].value() or []]
    data.update(_management("agenda", 0, 0))
    data.update(_management("questions", 1, 0))
    data.update({
        "questions-0-order": 0, "questions-0-key": "session", "questions-0-kind": "choice",
        "questions-0-label_th": "ช่วงที่เข้าร่วม", "questions-0-options_th": "ช่วงเช้า\nช่วงบ่าย",
        "questions-0-required": "on",
    })  # fmt: skip
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    question = EventQuestion.objects.get(event=event)
    assert (question.key, question.required) == ("session", True)
    entry = AuditEntry.objects.filter(action="hearings.event.questions").latest("at")
    assert entry.actor == organiser and entry.data == {"questions": 1}
    bad = {**data, "questions-0-key": "email", "questions-0-label_th": "ซ้ำ"}
    bad.update(_management("questions", 1, 1))
    bad["questions-0-id"] = question.pk
    refused = client.post(url, bad)
    assert refused.status_code == 200 and EventQuestion.objects.get().key == "session"
