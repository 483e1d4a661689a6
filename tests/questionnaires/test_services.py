"""Answering a questionnaire: the comment period to the second, every problem at once with nothing stored, the
identity rules of a comment, a receipt, the same submission stored once, staff keying in from paper and fax."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clock import bkk
from questionnaires.conftest import answers_data
from rapfang.comments.models import CommentStatus, ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.questionnaires.models import Answer, AnswerItem
from rapfang.questionnaires.services import answer_submit

OPENS = bkk(2016, 11, 18, 0, 0, 0)
CLOSES = bkk(2016, 11, 23, 23, 59, 59)
DURING = bkk(2016, 11, 20, 10, 0, 0)
SECOND = timedelta(seconds=1)


def submit(demo, questions, now=DURING, **changes):
    return answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions, **changes), now=now)


@pytest.mark.parametrize(
    ("now", "code"),
    [(OPENS - SECOND, "comments_not_open"), (OPENS, None), (CLOSES, None), (CLOSES + SECOND, "answers_closed")],
)
def test_answers_are_taken_only_within_the_comment_period_to_the_second(demo, questions, now, code):
    if code is None:
        answer = submit(demo, questions, now=now)
        assert answer.receipt.startswith("DG2-") and answer.submitted_at == now
        assert AnswerItem.objects.filter(answer=answer).count() == 5  # agree, single, two of multiple, scale
    else:
        with pytest.raises(Conflict) as error:
            submit(demo, questions, now=now)
        assert error.value.code == code
        assert not Answer.objects.exists()


def test_every_problem_is_told_at_once_and_nothing_is_stored(demo, questions):
    q = questions
    bad = {f"q{q['agree'].pk}": "", f"q{q['single'].pk}": "99999", f"q{q['scale'].pk}": "9",
           f"q{q['multiple'].pk}": ["nonsense"], "name": "", "stakeholder_type": "", "consent": False}  # fmt: skip
    with pytest.raises(InvalidInput) as error:
        submit(demo, questions, **bad)
    problems = error.value.params["errors"]
    assert set(problems) == {f"q{q['agree'].pk}", f"q{q['single'].pk}", f"q{q['scale'].pk}", f"q{q['multiple'].pk}",
                             "name", "stakeholder_type", "consent"}  # fmt: skip
    assert not Answer.objects.exists() and not AnswerItem.objects.exists()


def test_an_organisation_is_asked_of_those_who_answer_for_one(demo, questions):
    with pytest.raises(InvalidInput) as error:
        submit(demo, questions, stakeholder_type="private")
    assert set(error.value.params["errors"]) == {"organisation"}
    answer = submit(demo, questions, anonymous=True, name="ไม่แสดง", stakeholder_type="private")
    assert answer.anonymous and answer.name == "" and answer.organisation == ""


def test_a_reason_too_long_is_refused_beside_its_question(demo, questions):
    reason = f"q{questions['agree'].pk}_reason"
    with pytest.raises(InvalidInput) as error:
        submit(demo, questions, **{reason: "ก" * 2001})
    assert set(error.value.params["errors"]) == {reason}


def test_a_written_reason_waits_for_review_under_pre_moderation_and_choices_alone_do_not(demo, questions):
    with_reason = submit(demo, questions)
    assert with_reason.status == CommentStatus.PENDING
    without = submit(demo, questions, **{f"q{questions['agree'].pk}_reason": ""})
    assert without.status == CommentStatus.PUBLISHED
    comment_policy_set(actor=SYSTEM, consultation=demo, moderation=ModerationMode.POST)
    assert submit(demo, questions).status == CommentStatus.PUBLISHED
    entry = AuditEntry.objects.filter(action="questionnaires.answer.submit").first()
    assert entry is not None and entry.consultation_id == demo.pk


def test_the_same_submission_under_one_key_is_stored_once(demo, questions):
    data = answers_data(questions)
    first = answer_submit(actor=PUBLIC, consultation=demo, data=data, now=DURING, idempotency_key="k-1")
    again = answer_submit(actor=PUBLIC, consultation=demo, data=data, now=CLOSES + SECOND, idempotency_key="k-1")
    assert again.pk == first.pk and Answer.objects.count() == 1
    with pytest.raises(Conflict) as error:
        answer_submit(actor=PUBLIC, consultation=demo, data={**data, "name": "อื่น"}, now=DURING, idempotency_key="k-1")
    assert error.value.code == "idempotency_key_reused"


def test_staff_key_in_paper_and_fax_answers_after_the_close_and_the_public_cannot(demo, questions, moderator):
    late = CLOSES + timedelta(days=2)
    answer = answer_submit(actor=moderator, consultation=demo, data=answers_data(questions), channel="fax",
                           received_at=CLOSES - SECOND, now=late)  # fmt: skip
    assert answer.channel == "fax" and answer.entered_by == moderator and not answer.is_late
    with pytest.raises(PermissionDenied):
        answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), channel="letter", now=DURING)


def test_a_consultation_without_a_comment_period_takes_no_answers(demo, questions):
    demo.milestones.filter(kind="comments").delete()
    with pytest.raises(Conflict) as error:
        submit(demo, questions)
    assert error.value.code == "comments_not_taken"
