"""Shared set-up of the issue and response tests: staff of the demo agency, comments, a campaign from the analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clock import bkk
from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.analysis.models import DuplicateGroup
from rapfang.analysis.services import analysis_run_execute, analysis_run_start
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM

CAMPAIGN_TEXT = (
    "ขอเสนอให้หน่วยงานของรัฐเปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกโครงการในรูปแบบข้อมูลเปิด พร้อมราคากลางและผลการพิจารณา เพื่อให้ประชาชนตรวจสอบได้"
)
UNIQUE_TEXTS = [
    "ควรพัฒนาระบบนัดหมายแพทย์ล่วงหน้าผ่านโทรศัพท์เคลื่อนที่สำหรับโรงพยาบาลของรัฐทุกแห่ง",
    "ขอให้จัดอบรมทักษะดิจิทัลแก่ข้าราชการในส่วนภูมิภาคอย่างต่อเนื่อง",
    "ควรเชื่อมโยงฐานข้อมูลนักเรียนของทุกสังกัดเข้าด้วยกัน เพื่อลดภาระงานเอกสารของครู",
    "The plan should publish open data on public transport timetables.",
]


def submit(consultation: Any, text: str, number: int = 0, **data: Any) -> Comment:
    fields = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True, **data}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=fields, now=bkk(2016, 11, 18 + number % 6, 10))


@dataclass
class Hearing:
    consultation: Any
    campaign: list[Comment]
    unique: list[Comment]
    group: DuplicateGroup


def hearing_with_campaign(consultation: Any, copies: int = 6) -> Hearing:
    """Post-moderated comments: one campaign of `copies` identical texts and a few unique ones, analysed."""
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    campaign = [submit(consultation, CAMPAIGN_TEXT, n) for n in range(copies)]
    unique = [submit(consultation, text, n) for n, text in enumerate(UNIQUE_TEXTS)]
    run = analysis_run_start(actor=SYSTEM, consultation=consultation, enqueue=False)
    analysis_run_execute(run_id=run.pk, workers=1)
    group = DuplicateGroup.objects.get(consultation=consultation, members__comment=campaign[0])
    return Hearing(consultation, campaign, unique, group)


def roles(consultation: Any) -> dict[str, Any]:
    agency = consultation.agency
    return {
        "organiser": StaffFactory(username="org-r", agency=agency, role=Role.ORGANISER),
        "moderator": StaffFactory(username="mod-r", agency=agency, role=Role.MODERATOR),
        "outsider": StaffFactory(username="out-r"),
        "admin": StaffFactory(username="adm-r", administrator=True),
    }
