"""The questionnaire's results where the hearing's record is published: the summary report's part (every format)
and the open data's `questionnaire_results` table. Public results only: after the comment period has closed,
published reasons only, never who answered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rapfang.accounts.models import StakeholderType
from rapfang.comments.rules import comment_period_state
from rapfang.consultations.models import Consultation
from rapfang.core.windows import WindowState
from rapfang.questionnaires.models import Answer, Question, QuestionKind, Stance
from rapfang.questionnaires.results import QuestionResult, Results, questionnaire_results

REASONS_SHOWN = 10  # published reasons quoted per question in the report; the open data gives the counts


@dataclass
class QuestionPart:
    """One question in the report: its rows of answer, count and share (text), and the reasons quoted."""

    title: str
    note: str
    rows: list[tuple[str, int, str, str, float]] = field(default_factory=list)  # label, count and share, shown too
    by_type: list[tuple[str, list[str]]] = field(default_factory=list)  # label, counts shown per stakeholder type
    by_type_counts: list[tuple[str, list[int]]] = field(default_factory=list)  # the same as numbers
    reasons: list[str] = field(default_factory=list)


@dataclass
class QuestionnairePart:
    heading: str
    intro: str
    answers: int
    types: list[str]
    questions: list[QuestionPart]


def _results(consultation: Consultation, now: datetime | None = None) -> Results | None:
    """The public results, or None while the comment period is open or without a questionnaire."""
    if comment_period_state(consultation, now or timezone.now()) is not WindowState.CLOSED:
        return None
    if not Question.objects.filter(consultation_id=consultation.pk).exists():
        return None
    return questionnaire_results(consultation_id=consultation.pk, public=True)


def questionnaire_part(*, consultation: Consultation, fmt: Any, heading: str) -> QuestionnairePart | None:
    """The report's part on the questionnaire, formatted by the report's `fmt` (its language and digits)."""
    results = _results(consultation)
    if results is None:
        return None
    intro = _("%(count)s answers to the questionnaire were counted (online, and keyed in from paper and fax).") % {
        "count": fmt.num(results.answers)
    }
    types = [label for _value, label, _count in results.by_type]
    questions = [_question(result, number, fmt) for number, result in enumerate(results.questions, start=1)]
    return QuestionnairePart(heading, intro, results.answers, types, questions)


def _question(result: QuestionResult, number: int, fmt: Any) -> QuestionPart:
    note = _("Answered by %(count)s") % {"count": fmt.num(result.answered)}
    if result.mean is not None:
        note += " · " + _("Mean") + " " + fmt.digits(f"{result.mean:.2f}")
    part = QuestionPart(f"{fmt.num(number)}. {result.text}", note)
    for option in result.options:
        label = fmt.digits(option.label) if result.question.kind == QuestionKind.SCALE else option.label
        share = fmt.digits(f"{option.percent:.1f}") + "%"
        part.rows.append((label, option.count, fmt.num(option.count), share, option.percent))
        counts = [option.by_type.get(value, 0) for value in StakeholderType.values]
        part.by_type.append((label, [fmt.num(count) for count in counts]))
        part.by_type_counts.append((label, counts))
    part.reasons = [written.text for written in result.written[:REASONS_SHOWN]]
    if len(result.written) > REASONS_SHOWN:
        more = len(result.written) - REASONS_SHOWN
        part.reasons.append(
            _("… and %(count)s more on the results page of the questionnaire.") % {"count": fmt.num(more)}
        )
    return part


def questionnaire_fingerprint(consultation: Consultation) -> dict[str, Any]:
    """What changes the open data's questionnaire table: answers, their moderation and erasure, the questions."""
    answers = Answer.objects.filter(consultation=consultation).aggregate(
        answers=Count("id"), last_answer=Max("id"), moderated=Max("moderated_at"), erased=Max("erased_at")
    )
    questions = Question.objects.filter(consultation=consultation).aggregate(questions=Count("id"), q_last=Max("id"))
    return {**answers, **questions}


def questionnaire_rows(consultation: Consultation, now: datetime) -> Iterator[tuple[Any, ...]]:
    """The open data's rows: per question and answer, in all and per stakeholder type with answers."""
    results = _results(consultation, now)
    if results is None:
        return
    for number, result in enumerate(results.questions, start=1):
        question = result.question
        texts = (number, question.text_th, question.text_en, question.kind)
        answered = result.answered_by_type
        for index, option in enumerate(result.options, start=1):
            key = str(index) if question.has_choices else option.key
            th, en = _labels(question, option.key, index)
            yield (*texts, key, th, en, "all", option.count, result.answered)
            for value in StakeholderType.values:
                if option.by_type.get(value):
                    yield (*texts, key, th, en, value, option.by_type[value], answered.get(value, 0))
        if question.kind == QuestionKind.TEXT:
            yield (*texts, "written", "", "", "all", result.written_count, result.answered)


def _labels(question: Question, key: str, index: int) -> tuple[str, str]:
    if question.has_choices:
        choice = list(question.choices.all())[index - 1]
        return choice.text_th, choice.text_en
    if question.kind == QuestionKind.SCALE:
        return key, key
    labels = []
    for language in ("th", "en"):
        with translation.override(language):
            labels.append(str(dict(Stance.choices)[key]))
    return labels[0], labels[1]
