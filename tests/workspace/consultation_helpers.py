"""What the consultation workspace tests set up: contact persons, a draft, a comment period, a main hearing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from clock import bkk
from rapfang.accounts.services import agency_contacts_replace
from rapfang.consultations.services import consultation_update, milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.documents.services import document_save, version_import
from rapfang.hearings.services import event_save

DRAFT = "# ร่างกฎกระทรวง\n\nข้อ ๑ ค่าธรรมเนียมการออกโฉนดที่ดินแปลงละห้าสิบบาท\n\nข้อ ๒ กฎกระทรวงนี้ใช้บังคับเมื่อพ้นกำหนด\n"
# A comment period of 15 days, the legal minimum: 1 to 15 December 2569 (2026), whole days.
OPENS = bkk(2026, 12, 1, 0, 0, 0)
CLOSES = bkk(2026, 12, 15, 23, 59, 59)


def contacts(agency: Any) -> list[Any]:
    return agency_contacts_replace(actor=SYSTEM, agency=agency, contacts=[
        {"name_th": "นางสาวมาลัย ดอกไม้", "position_th": "นักวิชาการที่ดิน", "phone": "02 141 5501"},
        {"name_th": "นายสมหมาย ใจงาม", "phone": "02 141 5502"},
    ])  # fmt: skip


def draft(consultation: Any) -> Any:
    document = document_save(actor=SYSTEM, consultation=consultation, slug="draft", title_th="ร่างกฎกระทรวง")
    return version_import(actor=SYSTEM, document=document, content=DRAFT.encode(), filename="draft.md")


def period(consultation: Any, opens: datetime = OPENS, days: int = 15) -> Any:
    """A comment period of `days` calendar days from `opens`, closing at 23:59:59 on its last day."""
    closes = (opens + timedelta(days=days - 1)).replace(hour=23, minute=59, second=59)
    return milestone_set(actor=SYSTEM, consultation=consultation, kind="comments", starts_at=opens, ends_at=closes,
                         all_day=True)  # fmt: skip


def main_event(consultation: Any, **fields: Any) -> Any:
    values = {"kind": "hearing", "is_main": True, "title_th": "การประชุมรับฟังความคิดเห็น",
              "starts_at": bkk(2026, 12, 3, 9, 0, 0), "ends_at": bkk(2026, 12, 3, 16, 0, 0), **fields}  # fmt: skip
    return event_save(actor=SYSTEM, consultation=consultation, **values)


def ready(consultation: Any) -> Any:
    """Everything the checks before going live ask for."""
    people = contacts(consultation.agency)
    consultation_update(actor=SYSTEM, consultation=consultation, contacts=people)
    draft(consultation)
    period(consultation)
    return consultation
