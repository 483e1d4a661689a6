"""Receipts by mail on a real SMTP server, moderation, erasure at a person's request and the retention purge of
answerers' names and addresses, as for comments."""

from __future__ import annotations

from datetime import timedelta

import pytest

from questionnaires.conftest import answers_data
from questionnaires.test_services import CLOSES, DURING
from rapfang.comments.models import CommentStatus
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.questionnaires.models import Answer, AnswerItem
from rapfang.questionnaires.moderation import answer_erase, answerers_purge, answers_moderate
from rapfang.questionnaires.results import questionnaire_results
from rapfang.questionnaires.selectors import answer_list_by_email
from rapfang.questionnaires.services import answer_submit


@pytest.mark.django_db(transaction=True)
def test_the_receipt_is_mailed_in_the_language_answered_in(smtp, demo, questions, settings):
    data = answers_data(questions, email="reader@example.org", name="นายสมชาย ใจดี")
    answer = answer_submit(actor=PUBLIC, consultation=demo, data=data, now=DURING)
    [message] = smtp.messages
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert answer.receipt in str(message["Subject"]) and body.startswith("เรียน นายสมชาย ใจดี\n")
    assert f"{settings.SITE_URL}/questionnaires/receipts/{answer.receipt}/" in body
    assert "๒๕๕๙" in body
    english = answer_submit(actor=PUBLIC, consultation=demo, language="en", now=DURING,
                            data=answers_data(questions, email="john@example.org", anonymous=True))  # fmt: skip
    body = smtp.messages[1].get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Dear Sir or Madam,") and f"/en/questionnaires/receipts/{english.receipt}/" in body


def test_moderators_publish_or_hide_and_hidden_answers_are_not_counted(demo, questions, moderator, outsider):
    first = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    second = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    with pytest.raises(PermissionDenied):
        answers_moderate(actor=outsider, consultation=demo, answer_ids=[first.pk], action="publish")
    with pytest.raises(InvalidInput):
        answers_moderate(actor=moderator, consultation=demo, answer_ids=[first.pk], action="hide")  # no reason
    answers_moderate(actor=moderator, consultation=demo, answer_ids=[second.pk], action="hide", reason="spam")
    answers_moderate(actor=moderator, consultation=demo, answer_ids=[first.pk], action="publish")
    results = questionnaire_results(consultation_id=demo.pk, public=True)
    assert results.answers == 1 and len(results.questions[0].written) == 1
    assert Answer.objects.get(pk=first.pk).moderated_by == moderator
    assert AuditEntry.objects.filter(action="questionnaires.answer.hide", consultation_id=demo.pk).exists()


def test_erasure_removes_the_person_and_their_texts_and_the_answer_stops_counting(demo, questions, organiser):
    data = answers_data(questions, email="somsri@example.org")
    answer = answer_submit(actor=PUBLIC, consultation=demo, data=data, now=DURING)
    assert list(answer_list_by_email(email="SOMSRI@example.org")) == [answer]
    answer_erase(actor=organiser, answer=answer)
    assert not answer_list_by_email(email="somsri@example.org").exists()
    answer.refresh_from_db()
    assert (answer.name, answer.email, answer.status) == ("", "", CommentStatus.HIDDEN) and answer.erased_at
    assert not AnswerItem.objects.filter(answer=answer).exclude(text="").exists()
    assert questionnaire_results(consultation_id=demo.pk, public=False).answers == 0


def test_names_and_addresses_go_after_the_retention_days(demo, questions):
    answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions, email="a@example.org"), now=DURING)
    assert answerers_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90)) == 0  # not a second past
    assert answerers_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90, seconds=1)) == 1
    answer = Answer.objects.get()
    assert (answer.name, answer.email) == ("", "") and answer.purged_at
    assert answer.items.count() == 5  # the answers themselves stay and are counted
    assert questionnaire_results(consultation_id=demo.pk, public=False).answers == 1
