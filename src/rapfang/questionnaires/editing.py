"""The staff's questionnaire editor: questions and their choices added, changed, reordered and removed. Once
answers exist, only the wording may change: what was asked and what could be answered stays as it was."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.documents.selectors import anchor_locate
from rapfang.questionnaires.models import Answer, Choice, Question, QuestionKind

WORDING_FIELDS = ("text_th", "text_en", "help_th", "help_en", "low_label_th", "low_label_en", "high_label_th",
                  "high_label_en")  # fmt: skip
SHAPE_FIELDS = ("kind", "required", "section_anchor", "scale_max")
ChoiceTexts = Sequence[tuple[str, str]]  # (Thai, English) per choice, in order
LOCKED = _(
    "People have already answered the questionnaire: only the wording of its questions and choices may change now, "
    "so that every answer keeps the question it was given to."
)


def questionnaire_locked(consultation: Consultation) -> bool:
    """Whether answers exist, so that questions may no longer be added, removed, reordered or reshaped."""
    return Answer.objects.filter(consultation_id=consultation.pk).exists()


def question_fields_checked(
    consultation: Consultation, data: Mapping[str, Any], choices: ChoiceTexts
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A question's fields cleaned, and every problem with them (field name: messages)."""
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {name: str(data.get(name) or "").strip() for name in WORDING_FIELDS}
    fields["kind"] = str(data.get("kind") or "")
    fields["required"] = bool(data.get("required"))
    fields["section_anchor"] = str(data.get("section_anchor") or "").strip()[:24]
    if fields["kind"] not in QuestionKind.values:
        errors["kind"] = [str(_("Please choose the kind of question."))]
    if not fields["text_th"]:
        errors["text_th"] = [str(_("Please write the question in Thai."))]
    try:
        scale_max = int(data.get("scale_max") or 5)
    except (TypeError, ValueError):
        scale_max = 0
    if fields["kind"] == QuestionKind.SCALE and not 2 <= scale_max <= 10:
        errors["scale_max"] = [str(_("A scale runs from 1 to a number between 2 and 10."))]
    fields["scale_max"] = min(max(scale_max, 2), 10)
    if (
        fields["section_anchor"]
        and anchor_locate(consultation_id=consultation.pk, section=fields["section_anchor"]) is None
    ):
        errors["section_anchor"] = [str(_("The section is not in the current draft."))]
    if fields["kind"] in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        errors["choices_th"] = [str(_("Please give at least two choices, one per line."))]
    if any(not thai for thai, _english in choices):
        errors["choices_th"] = [str(_("Every choice needs its Thai wording."))]
    return fields, errors


def _checked(consultation: Consultation, data: Mapping[str, Any], choices: ChoiceTexts) -> dict[str, Any]:
    fields, errors = question_fields_checked(consultation, data, choices)
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    return fields


def _choices_kept(question: Question, choices: ChoiceTexts) -> None:
    """The question's choices in the given order and wording: replaced while nobody has answered."""
    question.choices.all().delete()
    if question.has_choices:
        Choice.objects.bulk_create(
            Choice(question=question, position=index, text_th=thai, text_en=english)
            for index, (thai, english) in enumerate(choices, start=1)
        )


@transaction.atomic
def question_add(
    *, actor: Any, consultation: Consultation, data: Mapping[str, Any], choices: ChoiceTexts = ()
) -> Question:
    """A new question at the end of the questionnaire; refused once answers exist."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    fields = _checked(consultation, data, choices)
    if questionnaire_locked(consultation):
        raise Conflict(LOCKED, code="questionnaire_answered")
    last = Question.objects.filter(consultation_id=consultation.pk).aggregate(last=Max("position"))["last"] or 0
    question = Question.objects.create(consultation=consultation, position=last + 1, **fields)
    _choices_kept(question, choices)
    audit_log(actor=actor, action="questionnaires.question.add", target=question, data={"kind": question.kind})
    return question


@transaction.atomic
def question_update(*, actor: Any, question: Question, data: Mapping[str, Any], choices: ChoiceTexts = ()) -> Question:
    """Change a question. Once answers exist only its wording and its choices' wording may change (the same number
    of choices, in the same order)."""
    consultation = question.consultation
    require(actor, Perm.ORGANISE, consultation.agency_id)
    fields = _checked(consultation, data, choices)
    if questionnaire_locked(consultation):
        _wording_only(question, fields, choices)
    else:
        for name in SHAPE_FIELDS:
            setattr(question, name, fields[name])
        _choices_kept(question, choices if fields["kind"] in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else ())
    for name in WORDING_FIELDS:
        setattr(question, name, fields[name])
    question.save()
    audit_log(actor=actor, action="questionnaires.question.update", target=question)
    return question


def _wording_only(question: Question, fields: Mapping[str, Any], choices: ChoiceTexts) -> None:
    existing = list(question.choices.all())
    changed = any(fields[name] != getattr(question, name) for name in SHAPE_FIELDS)
    if changed or (question.has_choices and len(choices) != len(existing)):
        raise Conflict(LOCKED, code="questionnaire_answered")
    for choice, (thai, english) in zip(existing, choices, strict=False):
        choice.text_th, choice.text_en = thai, english
    Choice.objects.bulk_update(existing, ["text_th", "text_en"])


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    require(actor, Perm.ORGANISE, question.consultation.agency_id)
    if questionnaire_locked(question.consultation):
        raise Conflict(LOCKED, code="questionnaire_answered")
    audit_log(actor=actor, action="questionnaires.question.delete", target=question)
    question.delete()


@transaction.atomic
def questions_reorder(*, actor: Any, consultation: Consultation, question_ids: list[int]) -> None:
    """Put the questions in the given order (every question of the consultation, once)."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    if questionnaire_locked(consultation):
        raise Conflict(LOCKED, code="questionnaire_answered")
    questions = {q.pk: q for q in Question.objects.filter(consultation_id=consultation.pk)}
    if sorted(questions) != sorted(question_ids):
        raise InvalidInput(code="invalid_order")
    for position, pk in enumerate(question_ids, start=1):
        questions[pk].position = position
    Question.objects.bulk_update(questions.values(), ["position"])
    audit_log(actor=actor, action="questionnaires.question.reorder", target=consultation,
              data={"order": ",".join(map(str, question_ids))})  # fmt: skip
