"""The demo's questionnaire: five questions and fifteen illustrative answers, loaded once, with results to read."""

from __future__ import annotations

from datetime import timedelta

from questionnaires.test_services import CLOSES, DURING
from rapfang.demo.questionnaire import ANSWERS, QUESTIONS, demo_questionnaire_load
from rapfang.questionnaires.models import Answer
from rapfang.questionnaires.results import questionnaire_results


def test_the_demo_questionnaire_loads_once_and_shows_results(demo):
    after = CLOSES + timedelta(days=7)
    demo_questionnaire_load(consultation=demo, shift=timedelta(0), now=after)
    demo_questionnaire_load(consultation=demo, shift=timedelta(0), now=after)
    assert demo.questions.count() == len(QUESTIONS) == 5
    assert Answer.objects.filter(consultation=demo, is_demo=True).count() == len(ANSWERS) == 15
    results = questionnaire_results(consultation_id=demo.pk, public=True)
    assert results.answers == 15
    stance = {option.key: option.count for option in results.questions[0].options}
    assert sum(stance.values()) == 15 and stance["agree"] > stance["disagree"]
    assert results.questions[0].written and results.demo  # the reasons are published, said to be examples


def test_while_the_period_is_open_only_the_answers_sent_so_far_are_loaded(demo):
    sent = demo_questionnaire_load(consultation=demo, shift=timedelta(0), now=DURING)
    assert 0 < len(sent) < 15
