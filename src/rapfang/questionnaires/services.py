"""Taking answers to a questionnaire under a comment's rules: the comment period to the second (`comments.rules`),
who speaks (named, for an organisation or anonymously, with a stakeholder type), consent, a receipt, the limits on
public writes, the same submission sent twice stored once; staff key in answers from paper and fax forms."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.comments.models import CommentChannel, CommentStatus, ModerationMode
from rapfang.comments.rules import (
    STAFF_CHANNELS,
    PeriodRefusals,
    idempotency_key_checked,
    moderation_mode,
    public_limits,
    received_at_problems,
    submission_period_checked,
)
from rapfang.comments.services import RECEIPT_DRAWS, identity_fields_checked, receipt_number
from rapfang.consultations.models import Consultation
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.jobs import job_enqueue_durable
from rapfang.core.redact import has_personal_data
from rapfang.questionnaires.models import Answer, AnswerItem, Question, QuestionKind, Stance
from rapfang.questionnaires.selectors import question_list
from rapfang.questionnaires.tasks import answer_receipt_mail

REASON_MAX_CHARS = 2000
TEXT_MAX_CHARS = 5000
ANSWER_REFUSALS = PeriodRefusals(
    _("The comment period has not opened yet. The questionnaire cannot be answered now."),
    _("This consultation does not take answers online."),
    _("The comment period has closed. Answers to the questionnaire are no longer accepted."),
    "answers_closed",
)
KEY_REUSED = _(
    "Other answers were already sent under this key (the Idempotency-Key header, or the form they were written in). "
    "To send other answers, use a new key or open the questionnaire again."
)


def field_name(question: Question, part: str = "") -> str:
    """The name of a question's field in forms, the API's errors and the services' data: q12, q12_reason."""
    return f"q{question.pk}{'_' + part if part else ''}"


def _values(data: Mapping[str, Any], name: str) -> list[str]:
    raw = data.get(name)
    if raw is None or raw == "":
        return []
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [str(item).strip() for item in items if str(item).strip()]


def _item_checked(question: Question, data: Mapping[str, Any]) -> tuple[list[AnswerItem], list[str], list[str]]:
    """One question's answer: its rows, the problems with the answer and with its written reason."""
    if question.kind == QuestionKind.TEXT:
        text = str(data.get(field_name(question)) or "").strip()
        if len(text) > TEXT_MAX_CHARS:
            return [], [str(_("An answer can be at most 5,000 characters long."))], []
        if question.required and not text:
            return [], [str(_("Please answer this question."))], []
        return ([AnswerItem(question=question, text=text)] if text else []), [], []
    rows, problems = _chosen(question, _values(data, field_name(question)))
    if not rows and question.required and not problems:
        problems = [str(_("Please answer this question."))]
    reason = str(data.get(field_name(question, "reason")) or "").strip() if question.kind == QuestionKind.AGREE else ""
    if len(reason) > REASON_MAX_CHARS:
        return rows, problems, [str(_("A reason can be at most 2,000 characters long."))]
    if rows and reason:
        rows[0].text = reason
    return rows, problems, []


def _chosen(question: Question, values: list[str]) -> tuple[list[AnswerItem], list[str]]:
    if not values:
        return [], []
    invalid = [str(_("Please choose from the answers offered."))]
    if question.kind == QuestionKind.AGREE:
        if len(values) > 1 or values[0] not in Stance.values:
            return [], invalid
        return [AnswerItem(question=question, stance=values[0])], []
    if question.kind == QuestionKind.SCALE:
        if len(values) > 1 or not values[0].isdigit() or not 1 <= int(values[0]) <= question.scale_max:
            return [], invalid
        return [AnswerItem(question=question, value=int(values[0]))], []
    choices = {str(choice.pk): choice for choice in question.choices.all()}
    if any(value not in choices for value in values) or (question.kind == QuestionKind.SINGLE and len(values) > 1):
        return [], invalid
    return [AnswerItem(question=question, choice=choices[value]) for value in dict.fromkeys(values)], []


def answer_items_checked(
    questions: Sequence[Question], data: Mapping[str, Any]
) -> tuple[list[AnswerItem], dict[str, list[str]]]:
    """The answers to the questions as rows, and every problem with them (field name: messages)."""
    items: list[AnswerItem] = []
    errors: dict[str, list[str]] = {}
    for question in questions:
        rows, problems, text_problems = _item_checked(question, data)
        items.extend(rows)
        if problems:
            errors[field_name(question)] = problems
        if text_problems:
            errors[field_name(question, "reason")] = text_problems
    if not items and not errors:
        errors["__all__"] = [str(_("Please answer at least one question."))]
    return items, errors


def answer_fields_checked(
    questions: Sequence[Question], data: Mapping[str, Any]
) -> tuple[tuple[dict[str, Any], list[AnswerItem]], dict[str, list[str]]]:
    """Who answers (a comment's identity rules) and the answers; every problem at once."""
    identity, problems = identity_fields_checked(
        data, consent_needed=_("Please agree to the personal data notice to send your answers."),
        anonymous_hint=_("Please give your name, or choose to answer anonymously."),
    )  # fmt: skip
    items, item_problems = answer_items_checked(questions, data)
    return (identity, items), {**item_problems, **problems}


def _fingerprint(identity: Mapping[str, Any], items: Sequence[AnswerItem]) -> str:
    rows = sorted((i.question_id, i.stance, i.choice_id or 0, i.value or 0, i.text) for i in items)
    content = json.dumps([sorted(identity.items()), rows], ensure_ascii=False, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def answer_submit(
    *,
    actor: Any,
    consultation: Consultation,
    data: Mapping[str, Any],
    channel: str = CommentChannel.WEB,
    language: str = "th",
    accept_late: bool = False,
    received_at: datetime | None = None,
    idempotency_key: str = "",
    now: datetime | None = None,
    is_demo: bool = False,
) -> Answer:
    """Accept one person's answers and give them a receipt number; Conflict outside the period (decided on
    `received_at`, the request's arrival, to the second), InvalidInput (every problem at once), RateLimited.

    Sent again under the same `idempotency_key` with the same content, the answers stored first are returned and
    nothing is written. Answers with a written reason or text wait for review under pre-moderation.
    """
    now = now or timezone.now()
    if channel in STAFF_CHANNELS:
        require(actor, Perm.MODERATE, consultation.agency_id)
    key = idempotency_key_checked(idempotency_key)
    questions = list(question_list(consultation=consultation))
    (identity, items), errors = answer_fields_checked(questions, data)
    fingerprint = _fingerprint(identity, items)
    if key and (earlier := _sent_before(consultation, key, fingerprint)) is not None:
        return earlier
    errors = {**errors, **received_at_problems(channel, received_at, now)}
    is_late = submission_period_checked(
        consultation, actor, channel, received_at or now, accept_late, refusals=ANSWER_REFUSALS
    )
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    limits = public_limits(channel, identity["email"], scope="answer")
    written = any(item.text for item in items)
    published = not written or moderation_mode(consultation) == ModerationMode.POST
    texts = [identity["name"], identity["organisation"], *(item.text for item in items)]
    answer = Answer(
        consultation=consultation, **identity, channel=channel, is_late=is_late, language=language,
        status=CommentStatus.PUBLISHED if published else CommentStatus.PENDING, submitted_at=received_at or now,
        consent_at=now, entered_by=acting_user(actor) if channel in STAFF_CHANNELS else None,
        idempotency_key=key, fingerprint=fingerprint, has_personal_data=any(map(has_personal_data, texts)),
        is_demo=is_demo,
    )  # fmt: skip
    try:
        return _insert(answer, items, actor=actor, mail=limits.mail, now=now)
    except IntegrityError:
        if key and (earlier := _sent_before(consultation, key, fingerprint)) is not None:
            limits.refund()  # the same answers, stored (and counted) a moment ago by another request
            return earlier
        raise


def _sent_before(consultation: Consultation, key: str, fingerprint: str) -> Answer | None:
    sent = Answer.objects.filter(consultation_id=consultation.pk, idempotency_key=key).first()
    if sent is None:
        return None
    if sent.fingerprint != fingerprint:
        raise Conflict(KEY_REUSED, code="idempotency_key_reused")
    return sent


def _insert(answer: Answer, items: list[AnswerItem], *, actor: Any, mail: bool, now: datetime) -> Answer:
    """Give the answers a fresh receipt number and write them with their rows, audit entry and mail, at once."""
    for _attempt in range(RECEIPT_DRAWS):
        answer.receipt = receipt_number(answer.consultation, now)
        try:
            with transaction.atomic():
                _store(answer, items, actor=actor, mail=mail)
        except IntegrityError:
            answer.pk = None
            if Answer.objects.filter(receipt=answer.receipt).exists():
                continue
            raise
        return answer
    raise Conflict(code="receipt_exhausted")


def _store(answer: Answer, items: list[AnswerItem], *, actor: Any, mail: bool) -> None:
    answer.save(force_insert=True)
    for item in items:
        item.pk, item.answer = None, answer
    AnswerItem.objects.bulk_create(items)
    audit_log(actor=actor, action="questionnaires.answer.submit", target=answer,
              data={"channel": answer.channel, "late": answer.is_late, "status": answer.status})  # fmt: skip
    if answer.email and mail:
        job_enqueue_durable(answer_receipt_mail, answer.pk)
