"""Questionnaire fixtures: the demo consultation with a questionnaire of every kind of question, staff with each
role, and answers that fill it in."""

from __future__ import annotations

from typing import Any

import pytest

from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.core.actors import SYSTEM
from rapfang.questionnaires.editing import question_add
from rapfang.questionnaires.models import Answer, Question


@pytest.fixture
def questions(demo: Any) -> dict[str, Question]:
    """Five questions on the demo, one of each kind; the first required."""
    Answer.objects.filter(consultation=demo).delete()  # the demo's own illustrative answers, if any
    demo.questions.all().delete()
    add = question_add
    single = [("ภาษี", "Tax"), ("ทะเบียนราษฎร", "Civil registration"), ("สาธารณสุข", "Health")]
    multiple = [("แอปพลิเคชัน", "App"), ("เว็บไซต์", "Website"), ("จุดบริการ", "Counter")]
    made = {
        "agree": add(actor=SYSTEM, consultation=demo, data={"kind": "agree", "required": True,
                     "text_th": "ท่านเห็นด้วยกับวิสัยทัศน์ของร่างแผนหรือไม่", "text_en": "Do you agree?"}),
        "single": add(actor=SYSTEM, consultation=demo, data={"kind": "single", "text_th": "ท่านใช้บริการใดบ่อยที่สุด"},
                      choices=single),
        "multiple": add(actor=SYSTEM, consultation=demo, data={"kind": "multiple", "text_th": "ท่านต้องการบริการใด"},
                        choices=multiple),
        "scale": add(actor=SYSTEM, consultation=demo, data={"kind": "scale", "scale_max": 5,
                     "text_th": "ความสำคัญของการเปิดเผยข้อมูล"}),
        "text": add(actor=SYSTEM, consultation=demo, data={"kind": "text", "text_th": "ข้อเสนอแนะอื่น ๆ"}),
    }  # fmt: skip
    return made


def answers_data(questions: dict[str, Question], **changes: Any) -> dict[str, Any]:
    q = questions
    single, multiple = list(q["single"].choices.all()), list(q["multiple"].choices.all())
    data = {
        f"q{q['agree'].pk}": "agree", f"q{q['agree'].pk}_reason": "ช่วยลดขั้นตอนการติดต่อราชการ",
        f"q{q['single'].pk}": str(single[1].pk), f"q{q['multiple'].pk}": [str(multiple[0].pk), str(multiple[1].pk)],
        f"q{q['scale'].pk}": "4", f"q{q['text'].pk}": "",
        "anonymous": False, "name": "สมศรี ใจงาม", "organisation": "", "stakeholder_type": "citizen",
        "email": "", "consent": True,
    }  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def moderator(demo: Any) -> Any:
    return StaffFactory(username="qmod", agency=demo.agency, role=Role.MODERATOR)


@pytest.fixture
def organiser(demo: Any) -> Any:
    return StaffFactory(username="qorg", agency=demo.agency, role=Role.ORGANISER)


@pytest.fixture
def outsider(demo: Any) -> Any:
    return StaffFactory(username="qout")
