"""The demo's questionnaire: five questions on the draft Digital Government Development Plan, in the manner of the
questionnaires of the central law portal, and fifteen illustrative answers (ours, not answers of the 2016 hearing),
dated inside the seed's comment period and shifted with the demo's phase, their reasons published.

Idempotent: the questions are made once; each answer is sent under its own key, so a second load stores nothing
again. An answer dated after `now` waits for a later load, as the demo's comments do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from rapfang.comments.models import CommentStatus
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.questionnaires.editing import question_add
from rapfang.questionnaires.models import Answer, Question
from rapfang.questionnaires.moderation import answers_moderate
from rapfang.questionnaires.services import answer_submit

QUESTIONS: tuple[dict[str, Any], ...] = (
    {"kind": "agree", "required": True,
     "text_th": "ท่านเห็นด้วยกับวิสัยทัศน์ของร่างแผนพัฒนารัฐบาลดิจิทัล ที่มุ่งให้ภาครัฐให้บริการประชาชนได้อย่างสะดวก รวดเร็ว "
                "และโปร่งใส ด้วยเทคโนโลยีดิจิทัล หรือไม่",
     "text_en": "Do you agree with the draft plan's vision of a government that serves people conveniently, quickly "
                "and transparently with digital technology?",
     "help_th": "โปรดระบุเหตุผลประกอบ เพื่อเป็นข้อมูลในการปรับปรุงร่างแผน",
     "help_en": "Please give your reasons: they help revise the draft."},
    {"kind": "single",
     "text_th": "บริการภาครัฐด้านใดที่ท่านเห็นว่าควรพัฒนาเป็นบริการดิจิทัลเป็นลำดับแรก",
     "text_en": "Which public service should become digital first?",
     "choices": (("การศึกษา", "Education"), ("สาธารณสุข", "Public health"), ("สาธารณูปโภค", "Public utilities"),
                 ("การคมนาคมขนส่ง", "Transport"), ("ภาษีและการเงินภาครัฐ", "Tax and public finance"))},
    {"kind": "multiple",
     "text_th": "ท่านติดต่อหน่วยงานของรัฐผ่านช่องทางใดบ้าง (ตอบได้มากกว่าหนึ่งข้อ)",
     "text_en": "How do you contact government agencies? (more than one answer allowed)",
     "choices": (("เว็บไซต์", "Websites"), ("แอปพลิเคชันบนโทรศัพท์มือถือ", "Mobile apps"),
                 ("สำนักงานหรือจุดให้บริการ", "Offices and service counters"), ("ศูนย์บริการทางโทรศัพท์", "Call centres"))},
    {"kind": "scale", "scale_max": 5,
     "text_th": "ท่านเห็นว่าการเปิดเผยข้อมูลภาครัฐในรูปแบบข้อมูลเปิดมีความสำคัญเพียงใด",
     "text_en": "How important is it that government data is published as open data?",
     "low_label_th": "ไม่สำคัญ", "low_label_en": "Not important",
     "high_label_th": "สำคัญมากที่สุด", "high_label_en": "Most important"},
    {"kind": "text",
     "text_th": "ข้อเสนอแนะอื่นเพิ่มเติมต่อร่างแผนพัฒนารัฐบาลดิจิทัล",
     "text_en": "Any other suggestions on the draft plan"},
)  # fmt: skip


@dataclass(frozen=True)
class DemoAnswer:
    day: int  # of November 2016
    time: str  # HH:MM, Bangkok
    stakeholder: str
    stance: str
    first: int  # the service to make digital first (1-5)
    channels: tuple[int, ...]  # the channels used (1-4)
    scale: int
    reason: str = ""
    text: str = ""
    organisation: str = ""  # empty: anonymous
    channel: str = "web"


A = DemoAnswer
ANSWERS: tuple[DemoAnswer, ...] = (
    A(18, "09:10", "citizen", "agree", 2, (1, 2), 5, "ช่วยลดการเดินทางไปติดต่อหน่วยงานหลายแห่ง โดยเฉพาะผู้ที่อยู่ต่างจังหวัด"),
    A(18, "14:25", "government", "agree", 4, (1, 3), 4, "สอดคล้องกับนโยบายการลดขั้นตอนการให้บริการของหน่วยงาน",
      organisation="สำนักงานจังหวัดตัวอย่าง (ตัวอย่าง)"),
    A(19, "08:40", "citizen", "agree", 1, (2,), 5),
    A(19, "11:05", "private", "agree", 5, (1, 2), 5, "การชำระภาษีและค่าธรรมเนียมทางออนไลน์จะลดต้นทุนของผู้ประกอบการ",
      organisation="บริษัทตัวอย่าง จำกัด (ตัวอย่าง)"),
    A(19, "19:30", "citizen", "not_sure", 2, (3, 4), 3, "ผู้สูงอายุจำนวนมากยังใช้เทคโนโลยีไม่คล่อง ควรคงช่องทางเดิมไว้ด้วย"),
    A(20, "09:55", "academic", "agree", 1, (1,), 5, "ควรกำหนดตัวชี้วัดที่วัดผลได้ในแต่ละขีดความสามารถ",
      text="ขอให้เปิดเผยข้อมูลความคืบหน้าของการดำเนินการตามแผนเป็นระยะ", organisation="มหาวิทยาลัยตัวอย่าง (ตัวอย่าง)"),
    A(20, "13:15", "civil_society", "disagree", 2, (1, 3), 5, "ร่างแผนยังกล่าวถึงการคุ้มครองข้อมูลส่วนบุคคลน้อยเกินไป",
      organisation="มูลนิธิตัวอย่าง (ตัวอย่าง)"),
    A(20, "16:45", "citizen", "agree", 3, (2, 4), 4),
    A(21, "08:20", "state_enterprise", "agree", 3, (1, 2, 4), 4, "การเชื่อมโยงข้อมูลระหว่างหน่วยงานจะช่วยให้บริการได้ในคราวเดียว",
      organisation="รัฐวิสาหกิจตัวอย่าง (ตัวอย่าง)", channel="fax"),
    A(21, "12:00", "citizen", "agree", 2, (2,), 5, text="อยากให้มีแอปพลิเคชันเดียวที่ใช้ติดต่อได้ทุกหน่วยงาน"),
    A(21, "20:10", "private", "not_sure", 4, (1,), 3, "ยังไม่เห็นกรอบงบประมาณและระยะเวลาดำเนินการที่ชัดเจน",
      organisation="สมาคมผู้ประกอบการตัวอย่าง (ตัวอย่าง)"),
    A(22, "10:30", "government", "agree", 1, (1, 3), 4, organisation="โรงเรียนตัวอย่างวิทยา (ตัวอย่าง)", channel="letter"),
    A(22, "15:50", "citizen", "disagree", 2, (3,), 2, "บริการที่มีอยู่ยังใช้งานยาก ควรปรับปรุงของเดิมก่อนพัฒนาระบบใหม่"),
    A(23, "09:35", "academic", "agree", 5, (1, 2), 5, "ข้อมูลเปิดจะช่วยให้ภาคการศึกษานำไปวิจัยต่อยอดได้"),
    A(23, "17:05", "citizen", "agree", 2, (2, 4), 4),
)  # fmt: skip


def demo_questionnaire_load(*, consultation: Consultation, shift: timedelta, now: datetime) -> list[Answer]:
    """The questions (once) and the answers dated up to `now`; the answers' reasons published."""
    questions = list(consultation.questions.order_by("position", "id"))
    if not questions:
        questions = [_question(consultation, facts) for facts in QUESTIONS]
    sent = []
    for number, demo in enumerate(ANSWERS, start=1):
        hour, minute = (int(part) for part in demo.time.split(":"))
        at = datetime(2016, 11, demo.day, hour, minute, tzinfo=seed.BKK) + shift
        if at > now:
            continue
        sent.append(answer_submit(actor=SYSTEM, consultation=consultation, data=_data(questions, demo),
                                  channel=demo.channel, received_at=at, now=at, idempotency_key=f"demo-{number}",
                                  is_demo=True))  # fmt: skip
    pending = [answer.pk for answer in sent if answer.status == CommentStatus.PENDING]
    if pending:
        answers_moderate(actor=SYSTEM, consultation=consultation, answer_ids=pending, action="publish")
    return sent


def _question(consultation: Consultation, facts: dict[str, Any]) -> Question:
    data = {key: value for key, value in facts.items() if key != "choices"}
    return question_add(actor=SYSTEM, consultation=consultation, data=data, choices=facts.get("choices", ()))


def _data(questions: list[Question], demo: DemoAnswer) -> dict[str, Any]:
    stance, single, multiple, scale, text = questions
    first = list(single.choices.all())[demo.first - 1]
    used = [list(multiple.choices.all())[index - 1] for index in demo.channels]
    return {
        f"q{stance.pk}": demo.stance, f"q{stance.pk}_reason": demo.reason, f"q{single.pk}": str(first.pk),
        f"q{multiple.pk}": [str(choice.pk) for choice in used], f"q{scale.pk}": str(demo.scale),
        f"q{text.pk}": demo.text, "anonymous": not demo.organisation, "name": "ผู้แทนองค์กร (ตัวอย่าง)" if
        demo.organisation else "", "organisation": demo.organisation, "stakeholder_type": demo.stakeholder,
        "consent": True,
    }  # fmt: skip
