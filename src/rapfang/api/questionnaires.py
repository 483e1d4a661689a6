"""A consultation's questionnaire: its questions, and once the comment period has closed, the results per question
(counts, shares, counts by stakeholder type, published reasons with personal data masked; never who answered)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from rapfang.api.schemas import ErrorOut, Text
from rapfang.comments.rules import comment_period_state
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_public
from rapfang.core.i18n import both
from rapfang.core.windows import WindowState
from rapfang.questionnaires.models import Question
from rapfang.questionnaires.results import QuestionResult, questionnaire_results
from rapfang.questionnaires.selectors import question_list

router = Router(tags=["questionnaires"])


class ChoiceOut(Schema):
    id: int
    text: Text


class QuestionOut(Schema):
    id: int
    kind: str
    required: bool
    section: str
    text: Text
    help: Text
    scale_max: int | None
    choices: list[ChoiceOut]


class OptionOut(Schema):
    key: str
    label: str
    count: int
    percent: float
    by_stakeholder_type: dict[str, int]


class ReasonOut(Schema):
    text: str
    stance: str
    stakeholder_type: str


class QuestionResultOut(Schema):
    question: int
    answered: int
    mean: float | None
    options: list[OptionOut]
    reasons: list[ReasonOut]


class ResultsOut(Schema):
    answers: int
    by_stakeholder_type: dict[str, int]
    questions: list[QuestionResultOut]


class QuestionnaireOut(Schema):
    consultation: str
    questions: list[QuestionOut]
    results: ResultsOut | None


def _question(question: Question) -> dict[str, Any]:
    return {"id": question.pk, "kind": question.kind, "required": question.required,
            "section": question.section_anchor, "text": both(question, "text"), "help": both(question, "help"),
            "scale_max": question.scale_max if question.kind == "scale" else None,
            "choices": [{"id": c.pk, "text": both(c, "text")} for c in question.choices.all()]}  # fmt: skip


def _result(result: QuestionResult) -> dict[str, Any]:
    options = [{"key": o.key, "label": o.label, "count": o.count, "percent": o.percent,
                "by_stakeholder_type": o.by_type} for o in result.options]  # fmt: skip
    reasons = [{"text": w.text, "stance": w.stance, "stakeholder_type": w.stakeholder_type} for w in result.written]
    return {"question": result.question.pk, "answered": result.answered, "mean": result.mean, "options": options,
            "reasons": reasons}  # fmt: skip


@router.get(
    "/consultations/{slug}/questionnaire",
    response={200: QuestionnaireOut, 404: ErrorOut},
    url_name="questionnaire_get",
)
def questionnaire_get(request: HttpRequest, slug: str) -> Any:
    """The questions of a published consultation; after its comment period has closed, their results too."""
    try:
        consultation = consultation_get_public(slug=slug)
    except Consultation.DoesNotExist:
        return Status(404, {"code": "not_found", "message": _("No published consultation has this address.")})
    questions = list(question_list(consultation=consultation))
    if not questions:
        return Status(404, {"code": "not_found", "message": _("This consultation has no questionnaire.")})
    results = None
    if comment_period_state(consultation, timezone.now()) is WindowState.CLOSED:
        found = questionnaire_results(consultation_id=consultation.pk, public=True)
        by_type = {value: count for value, _label, count in found.by_type}
        results = {"answers": found.answers, "by_stakeholder_type": by_type,
                   "questions": [_result(result) for result in found.questions]}  # fmt: skip
    body = {"consultation": consultation.slug, "questions": [_question(q) for q in questions], "results": results}
    return Status(200, body)
