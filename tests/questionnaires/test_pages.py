"""The questionnaire's pages over HTTP: answering without JavaScript (refusals beside their fields, in the page's
language, nothing stored), the receipt, the refusal outside the period, the results after the close, the staff's
editor and moderation."""

from __future__ import annotations

import pytest
import time_machine

from questionnaires.conftest import answers_data
from questionnaires.test_services import CLOSES, DURING, OPENS, SECOND
from rapfang.comments.forms import form_stamp
from rapfang.comments.models import CommentStatus
from rapfang.core.actors import PUBLIC
from rapfang.questionnaires.models import Answer, Question
from rapfang.questionnaires.services import answer_submit

SLUG = "dg2-2560-2564"
FORM = f"/consultations/{SLUG}/questionnaire/"
RESULTS = f"/consultations/{SLUG}/questionnaire/results/"
EDITOR = f"/staff/consultations/{SLUG}/questionnaire/"


@pytest.fixture(autouse=True)
def _pages(settings):
    settings.COMMENT_MIN_SECONDS = 2


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def posted(questions, **changes):
    data = answers_data(questions, **changes)
    form = {key: ("on" if value is True else value) for key, value in data.items() if value not in (False, None)}
    return {**form, "shown": form_stamp(DURING.timestamp() - 10), "website": ""}


def test_the_consultation_page_links_to_the_questionnaire_while_the_period_is_open(client, demo, questions, during):
    page = client.get(f"/consultations/{SLUG}/").content.decode()
    assert FORM in page and RESULTS not in page


def test_answers_without_javascript_lead_to_the_receipt(client, demo, questions, during):
    response = client.post(FORM, posted(questions))
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert response["Location"].startswith(f"/questionnaires/receipts/{answer.receipt}/")
    receipt = client.get(response["Location"])
    assert answer.receipt in receipt.content.decode() and "no-store" in receipt["Cache-Control"]
    assert "สมศรี" not in receipt.content.decode()
    assert "๒๕๕๙" in receipt.content.decode() or "2559" in receipt.content.decode()  # B.E.


@pytest.mark.parametrize(("prefix", "message"), [("", "โปรดตอบคำถามนี้"), ("/en", "Please answer this question.")])
def test_every_mistake_is_shown_beside_its_field_in_the_page_language(client, demo, questions, during, prefix, message):
    q = questions
    response = client.post(prefix + FORM, posted(questions, **{f"q{q['agree'].pk}": "", "consent": False}))
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_q{q["agree"].pk}-errors"' in page and message in page
    assert 'id="id_consent-errors"' in page and "data-error-summary" in page
    assert not Answer.objects.exists()


def test_outside_the_period_the_form_is_refused_clearly(client, demo, questions):
    with time_machine.travel(CLOSES + SECOND, tick=False):
        page = client.get(FORM).content.decode()
        assert 'data-testid="questionnaire-closed"' in page and '<form method="post"' not in page
        response = client.post(FORM, posted(questions))
    assert response.status_code == 409
    assert "ไม่รับคำตอบ" in response.content.decode()
    assert not Answer.objects.exists()
    with time_machine.travel(OPENS - SECOND, tick=False):
        assert "ยังไม่ถึงระยะเวลา" in client.get(FORM).content.decode()


def test_results_are_public_only_after_the_close_with_published_reasons_only(client, demo, questions, moderator):
    shown = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    agree = questions["agree"].pk
    other = answers_data(questions, **{f"q{agree}": "disagree", f"q{agree}_reason": "โทร 0812345678"})
    answer_submit(actor=PUBLIC, consultation=demo, now=DURING, data=other)
    from rapfang.questionnaires.moderation import answers_moderate

    answers_moderate(actor=moderator, consultation=demo, answer_ids=[shown.pk], action="publish")
    with time_machine.travel(DURING, tick=False):
        assert 'data-testid="results-not-yet"' in client.get(RESULTS).content.decode()
    with time_machine.travel(CLOSES + SECOND, tick=False):
        page = client.get(RESULTS).content.decode()
        assert RESULTS in client.get(f"/consultations/{SLUG}/").content.decode()
    assert "ช่วยลดขั้นตอนการติดต่อราชการ" in page  # published
    assert "0812345678" not in page  # awaiting review, and personal data is never shown
    assert "50.0%" in page or "๕๐.๐%" in page
    assert "สมศรี" not in page


def test_staff_edit_the_questionnaire_without_javascript_until_answers_exist(client, demo, questions, organiser):
    client.force_login(organiser)
    page = client.get(EDITOR)
    assert page.status_code == 200 and questions["agree"].text_th in page.content.decode()
    response = client.post(EDITOR, {"kind": "single", "text_th": "คำถามใหม่", "choices_th": "ก\nข"})
    assert response.status_code == 302
    added = Question.objects.get(text_th="คำถามใหม่")
    assert [c.text_th for c in added.choices.all()] == ["ก", "ข"]
    refused = client.post(EDITOR, {"kind": "single", "text_th": ""})
    assert refused.status_code == 422 and "id_text_th" in refused.content.decode()
    client.post(f"{EDITOR}{added.pk}/move/", {"direction": "up"})
    assert list(demo.questions.values_list("pk", flat=True))[-2] == added.pk
    answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    client.post(f"{EDITOR}{added.pk}/remove/")
    assert Question.objects.filter(pk=added.pk).exists()  # answers exist: the questionnaire keeps its shape
    client.post(f"{EDITOR}{added.pk}/edit/", {"kind": "single", "text_th": "คำถามที่แก้ถ้อยคำ", "choices_th": "ก\nข"})
    assert Question.objects.get(pk=added.pk).text_th == "คำถามที่แก้ถ้อยคำ"
    assert client.get(f"/staff/consultations/{SLUG}/").content.decode().count(EDITOR) >= 1


def test_moderators_review_answers_and_outsiders_see_nothing(client, demo, questions, moderator):
    answer = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    assert client.get(f"{EDITOR}answers/").status_code == 302  # to the login
    client.force_login(moderator)
    assert answer.receipt in client.get(f"{EDITOR}answers/").content.decode()
    client.post(f"{EDITOR}answers/?state=pending", {"action": "hide", "reason": "spam", "answers": [answer.pk]})
    assert Answer.objects.get().status == CommentStatus.HIDDEN
    assert client.get(f"{EDITOR}results/").status_code == 200


def test_a_form_kept_by_back_and_sent_with_other_answers_is_renewed_not_lost(client, demo, questions, during):
    first = posted(questions, idempotency_key="form-key-1")
    assert client.post(FORM, first).status_code == 302
    assert client.post(FORM, first).status_code == 302 and Answer.objects.count() == 1  # sent twice, stored once
    changed = {**first, f"q{questions['scale'].pk}": "2"}
    response = client.post(FORM, changed)
    assert response.status_code == 409 and Answer.objects.count() == 1
    page = response.content.decode()
    assert 'value="form-key-1"' not in page and 'name="idempotency_key"' in page


def test_the_staff_home_says_when_answers_await_review(client, demo, questions, moderator):
    answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    client.force_login(moderator)
    page = client.get("/staff/").content.decode()
    assert 'data-attention="answers"' in page and f"{EDITOR}answers/" in page
