"""GET /api/v1/consultations/{slug}/questionnaire: the questions always, the results only after the close, with
published reasons only and never who answered."""

from __future__ import annotations

import time_machine

from questionnaires.conftest import answers_data
from questionnaires.test_services import CLOSES, DURING, SECOND
from rapfang.core.actors import PUBLIC
from rapfang.questionnaires.moderation import answers_moderate
from rapfang.questionnaires.services import answer_submit

URL = "/api/v1/consultations/dg2-2560-2564/questionnaire"


def test_the_questions_are_given_and_the_results_only_after_the_close(client, demo, questions, moderator):
    agree = questions["agree"].pk
    first = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    hidden_reason = answers_data(questions, **{f"q{agree}": "disagree", f"q{agree}_reason": "ไม่ควรเผยแพร่ก่อนตรวจ"})
    answer_submit(actor=PUBLIC, consultation=demo, data=hidden_reason, now=DURING)
    answers_moderate(actor=moderator, consultation=demo, answer_ids=[first.pk], action="publish")
    with time_machine.travel(DURING, tick=False):
        body = client.get(URL).json()
    assert body["results"] is None
    assert [q["kind"] for q in body["questions"]] == ["agree", "single", "multiple", "scale", "text"]
    assert body["questions"][1]["choices"][0]["text"] == {"th": "ภาษี", "en": "Tax"}
    with time_machine.travel(CLOSES + SECOND, tick=False):
        response = client.get(URL)
    results = response.json()["results"]
    assert results["answers"] == 2 and results["by_stakeholder_type"]["citizen"] == 2
    stance = results["questions"][0]
    assert {o["key"]: (o["count"], o["percent"]) for o in stance["options"]} == {
        "agree": (1, 50.0), "disagree": (1, 50.0), "not_sure": (0, 0.0)}  # fmt: skip
    assert [r["text"] for r in stance["reasons"]] == ["ช่วยลดขั้นตอนการติดต่อราชการ"]
    assert results["questions"][3]["mean"] == 4.0
    assert "สมศรี" not in response.content.decode()


def test_a_consultation_without_a_questionnaire_answers_404(client, demo):
    demo.questions.all().delete()
    assert client.get(URL).status_code == 404
    assert client.get("/api/v1/consultations/nothing-here/questionnaire").status_code == 404
