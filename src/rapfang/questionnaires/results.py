"""Results per question: how many chose each answer, as a share of those who answered the question, and by
stakeholder type; the mean of a scale; the written reasons and texts (published ones only for the public).

Counted over the answers not hidden by a moderator nor erased (`selectors.answers_counted`), with two queries for
the whole questionnaire whatever its size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from rapfang.accounts.models import StakeholderType
from rapfang.comments.models import CommentStatus
from rapfang.core.i18n import localized, masked
from rapfang.questionnaires.models import AnswerItem, Question, QuestionKind, Stance
from rapfang.questionnaires.selectors import answers_counted, question_list


@dataclass
class Option:
    key: str
    label: str
    count: int = 0
    percent: float = 0.0
    by_type: dict[str, int] = field(default_factory=dict)


@dataclass
class Written:
    text: str
    stance: str
    stakeholder_type: str
    receipt: str


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    options: list[Option] = field(default_factory=list)
    mean: float | None = None
    written: list[Written] = field(default_factory=list)
    written_count: int = 0
    answered_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return localized(self.question, "text")


@dataclass
class Results:
    answers: int
    by_type: list[tuple[str, str, int]]
    questions: list[QuestionResult]
    demo: bool = False  # answers made for a demonstration are among those counted


def _options(question: Question) -> list[Option]:
    if question.kind == QuestionKind.AGREE:
        return [Option(value, str(label)) for value, label in Stance.choices]
    if question.kind == QuestionKind.SCALE:
        return [Option(str(point), str(point)) for point in range(1, question.scale_max + 1)]
    if question.kind == QuestionKind.TEXT:
        return []
    return [Option(str(choice.pk), localized(choice, "text")) for choice in question.choices.all()]


def _key(row: dict[str, Any]) -> str:
    return str(row["stance"] or row["choice_id"] or row["value"] or "")


def questionnaire_results(*, consultation_id: int, public: bool) -> Results:
    """The results of the consultation's questionnaire; `public` leaves out written texts not yet published."""
    counted = answers_counted(consultation_id=consultation_id)
    items = AnswerItem.objects.filter(answer__in=counted)
    rows = items.values("question_id", "stance", "choice_id", "value", "answer__stakeholder_type").annotate(
        n=Count("answer_id", distinct=True)
    )
    answered = dict(items.values_list("question_id").annotate(n=Count("answer_id", distinct=True)).order_by())
    counts: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows.order_by():
        counts[row["question_id"]][_key(row)][row["answer__stakeholder_type"]] += row["n"]
    results = [
        _result(question, answered.get(question.pk, 0), counts[question.pk])
        for question in question_list(consultation_id=consultation_id)
    ]
    by_question = {result.question.pk: result for result in results}
    per_type = items.values_list("question_id", "answer__stakeholder_type").annotate(
        n=Count("answer_id", distinct=True)
    )
    for question_id, stakeholder_type, count in per_type.order_by():
        by_question[question_id].answered_by_type[stakeholder_type] = count
    _written(results, items, public=public)
    types = dict(counted.values_list("stakeholder_type").annotate(n=Count("id")).order_by())
    by_type = [(value, str(label), types.get(value, 0)) for value, label in StakeholderType.choices]
    demo = counted.filter(is_demo=True).exists()
    return Results(answers=counted.count(), by_type=by_type, questions=results, demo=demo)


def _result(question: Question, answered: int, counts: dict[str, Counter[str]]) -> QuestionResult:
    options = _options(question)
    for option in options:
        option.by_type = dict(counts.get(option.key, Counter()))
        option.count = sum(option.by_type.values())
        option.percent = round(100 * option.count / answered, 1) if answered else 0.0
    result = QuestionResult(question=question, answered=answered, options=options)
    if question.kind == QuestionKind.SCALE and answered:
        result.mean = round(sum(int(o.key) * o.count for o in options) / max(sum(o.count for o in options), 1), 2)
    return result


def _written(results: list[QuestionResult], items: Any, *, public: bool) -> None:
    """The reasons and texts beside their questions; the public reads published answers only, masked."""
    by_question = {result.question.pk: result for result in results}
    written = items.exclude(text="").select_related("answer").order_by("answer__submitted_at", "id")
    for item in written:
        result = by_question[item.question_id]
        result.written_count += 1
        if public and item.answer.status != CommentStatus.PUBLISHED:
            continue
        text = masked(item.text) if public else item.text
        result.written.append(Written(text, item.stance, item.answer.stakeholder_type, item.answer.receipt))
