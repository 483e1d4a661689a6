"""The questionnaire on the hearing's printed reply form (PDF and DOCX, drawn by `hearings.printouts` through
`settings.REPLY_FORM_PARTS`): each question with its boxes to tick and lines for the reasons, so that answers sent
back on paper or by fax are keyed in by staff (`answer_offline`) under the same rules as those sent online."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rapfang.core.i18n import localized
from rapfang.questionnaires.models import Question, QuestionKind, Stance
from rapfang.questionnaires.selectors import question_list

LINE = "." * 110


def _options(question: Question) -> list[str]:
    if question.kind == QuestionKind.AGREE:
        return [str(label) for label in Stance.labels]
    if question.kind == QuestionKind.SCALE:
        low, high = localized(question, "low_label"), localized(question, "high_label")
        points = [str(point) for point in range(1, question.scale_max + 1)]
        if low:
            points[0] += f" ({low})"
        if high:
            points[-1] += f" ({high})"
        return points
    return [localized(choice, "text") for choice in question.choices.all()]


def _lines(question: Question) -> list[str]:
    if question.kind == QuestionKind.TEXT:
        return [LINE] * 3
    if question.kind == QuestionKind.AGREE:
        return [f"{_('Reason')} {LINE[:96]}", LINE]
    return []


def _text(question: Question) -> str:
    marks: dict[str, str] = {QuestionKind.MULTIPLE: _("tick all that apply"), QuestionKind.TEXT: ""}
    mark = marks.get(question.kind, _("tick one"))
    required = " *" if question.required else ""
    return f"{localized(question, 'text')}{required}" + (f" ({mark})" if mark else "")


def reply_form_part(consultation: Any) -> dict[str, Any] | None:
    """The questionnaire as a part of the reply form, or None when the consultation has none."""
    questions = list(question_list(consultation=consultation))
    if not questions:
        return None
    intro = _("Answer the questions you wish to; those marked * must be answered. Your answers are counted with "
              "those sent online.")  # fmt: skip
    rows = [{"text": _text(q), "options": _options(q), "lines": _lines(q)} for q in questions]
    return {"title": _("Questionnaire"), "intro": intro, "questions": rows}
