"""The questionnaire's written reasons and texts analysed like comments, with the same engine
(`analysis.text.pipeline.analyse`): per question, the campaigns (the same reason sent many times, shown as one
representative and a count), the consultation's topics the reasons fall into, and the words they use most.

Computed when staff open the page, from the answers not hidden nor erased: a questionnaire's reasons are few beside
the comments, and nothing of it is stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapfang.analysis.selectors import engine_domains
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.questionnaires.models import AnswerItem
from rapfang.questionnaires.selectors import answers_counted, question_list

KEYWORDS_SHOWN = 10


@dataclass
class Campaign:
    text: str
    count: int


@dataclass
class ReasonsAnalysis:
    question: str
    total: int
    campaigns: list[Campaign] = field(default_factory=list)
    topics: list[tuple[str, int]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def reasons_analyse(*, consultation: Consultation) -> list[ReasonsAnalysis]:
    """Each question with written reasons or texts, analysed; questions nobody wrote on are left out."""
    domains, _ids = engine_domains(consultation=consultation)
    names = {row.key: localized(row, "name") for row in consultation.topics.all()}
    items = (
        AnswerItem.objects.filter(answer__in=answers_counted(consultation_id=consultation.pk))
        .exclude(text="")
        .order_by("answer__submitted_at", "id")
        .values_list("question_id", "pk", "text")
    )
    by_question: dict[int, list[tuple[int, str]]] = {}
    for question_id, pk, text in items:
        by_question.setdefault(question_id, []).append((pk, text))
    found = []
    for question in question_list(consultation_id=consultation.pk):
        rows = by_question.get(question.pk)
        if rows:
            found.append(_analysed(localized(question, "text"), rows, domains, names))
    return found


def _analysed(question: str, rows: list[tuple[int, str]], domains: list, names: dict[str, str]) -> ReasonsAnalysis:
    from rapfang.analysis.text.pipeline import AnalysisOptions, Comment, analyse  # the engine, when it runs

    result = analyse([Comment(pk, text) for pk, text in rows], domains, AnalysisOptions(workers=1))
    texts = [text for _pk, text in rows]
    campaigns = sorted((Campaign(texts[g.representative], g.count) for g in result.duplicates.groups),
                       key=lambda campaign: -campaign.count)  # fmt: skip
    labels = Counter(int(label) for label in result.assignment.labels.tolist())
    topics = [(names.get(domains[label].key, domains[label].key) if label >= 0 else "", count)
              for label, count in labels.most_common()]  # fmt: skip
    words = Counter(word for keywords in result.keywords for word in keywords)
    return ReasonsAnalysis(question, len(rows), campaigns, topics, [w for w, _n in words.most_common(KEYWORDS_SHOWN)])
