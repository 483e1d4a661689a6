"""Reads of questionnaires: the questions in order with their choices, answers for staff and by receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from rapfang.comments.models import CommentStatus
from rapfang.comments.rules import comment_period_state
from rapfang.consultations.models import Consultation
from rapfang.core.windows import WindowState
from rapfang.documents.selectors import latest_versions
from rapfang.questionnaires.models import Answer, AnswerItem, Choice, Question


def question_list(*, consultation_id: int = 0, consultation: Any = None) -> QuerySet[Question]:
    """The consultation's questions in their order, their choices fetched."""
    pk: int = consultation_id or consultation.pk
    return Question.objects.filter(consultation_id=pk).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "id"))
    )


def questionnaire_exists(*, consultation_id: int) -> bool:
    return Question.objects.filter(consultation_id=consultation_id).exists()


@dataclass(frozen=True)
class QuestionnaireBlock:
    """The questionnaire as the consultation page shows it: to answer while the comment period is open, its results
    after the close."""

    exists: bool
    period_open: bool
    period_closed: bool


def questionnaire_block(*, consultation: Consultation, now: datetime) -> QuestionnaireBlock:
    state = comment_period_state(consultation, now)
    return QuestionnaireBlock(
        exists=questionnaire_exists(consultation_id=consultation.pk),
        period_open=state is WindowState.OPEN,
        period_closed=state is WindowState.CLOSED,
    )


def answers_counted(*, consultation_id: int) -> QuerySet[Answer]:
    """The answers that count in the results: every answer not hidden by a moderator nor erased."""
    return Answer.objects.filter(consultation_id=consultation_id, erased_at__isnull=True).exclude(
        status=CommentStatus.HIDDEN
    )


def answer_list_for_staff(*, consultation_id: int, status: str = "") -> QuerySet[Answer]:
    """Answers for the agency's staff, newest first, with their rows."""
    answers = Answer.objects.filter(consultation_id=consultation_id)
    if status:
        answers = answers.filter(status=status)
    items = AnswerItem.objects.select_related("question", "choice").order_by("question__position", "question_id", "id")
    return answers.prefetch_related(Prefetch("items", queryset=items))


def answer_receipt_public(*, receipt: str) -> Answer:
    """Answers by their receipt number, for the person who holds it; DoesNotExist otherwise."""
    return Answer.objects.select_related("consultation__agency").get(receipt=receipt.strip().upper())


def section_titles(*, consultation_id: int) -> dict[str, str]:
    """The titles of the current draft's sections by anchor, for questions asked on a section."""
    return {section.anchor: section.title for version in latest_versions(consultation_id=consultation_id)
            for section in version.sections.order_by("order")}  # fmt: skip


def answer_list_by_email(*, email: str) -> QuerySet[Answer]:
    """The answers sent under an e-mail address (any case), newest first, with their consultation: a person's own
    answers and receipts, for the signed "my participation" link."""
    return Answer.objects.filter(email__iexact=email.strip(), erased_at__isnull=True).select_related("consultation")
