"""Comments for the workspace tests, sent the way the public sends them: through comment_submit as PUBLIC.

A campaign of 40 copies of one text (four wordings) and 21 comments unlike each other: the 61 of the brief.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from rapfang.comments.services import comment_submit
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import PUBLIC

CAMPAIGN = (
    "ขอคัดค้านการขึ้นค่าธรรมเนียมการออกโฉนดที่ดิน เพราะจะเป็นภาระแก่เกษตรกรรายย่อยที่มีรายได้น้อย "
    "ขอให้กรมที่ดินคงอัตราเดิมไว้และรับฟังเสียงของประชาชนในชนบท"
)
WORDINGS = [
    CAMPAIGN,
    CAMPAIGN + "  ",  # the same words: an exact copy
    "ด้วยความเคารพ " + CAMPAIGN,
    CAMPAIGN.replace("ในชนบท", "ในชนบทด้วย"),
    CAMPAIGN.replace("เกษตรกรรายย่อย", "ชาวนา"),
]
WORDS = [
    "ระบบ",
    "ข้อมูล",
    "ประชาชน",
    "บริการ",
    "ออนไลน์",
    "โฉนด",
    "ที่ดิน",
    "ภาษี",
    "ค่าธรรมเนียม",
    "เอกสาร",
    "สำนักงาน",
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "หมู่บ้าน",
    "การเดินทาง",
    "เวลา",
    "คิว",
    "เจ้าหน้าที่",
    "ความโปร่งใส",
    "ความปลอดภัย",
    "ดิจิทัล",
    "แผนที่",
    "รังวัด",
    "เขตแดน",
    "มรดก",
    "จำนอง",
    "ขายฝาก",
    "เช่า",
    "ซื้อขาย",
    "ราคา",
    "ประเมิน",
    "ตลาด",
    "ธนาคาร",
    "สินเชื่อ",
    "เกษตรกร",
    "ชุมชน",
    "ป่าไม้",
    "ชายฝั่ง",
    "เมือง",
    "ผังเมือง",
    "โครงการ",
    "งบประมาณ",
    "รายงาน",
    "สถิติ",
    "ตรวจสอบ",
    "ร้องเรียน",
    "แก้ไข",
    "ปรับปรุง",
    "พัฒนา",
    "สนับสนุน",
    "ลดขั้นตอน",
    "เพิ่มช่องทาง",
    "อบรม",
    "ประชาสัมพันธ์",
    "กฎหมาย",
]


def open_comments(consultation: Any, organiser: Any) -> None:
    """Give the consultation an online comment period open now (and for the legal fifteen days)."""
    now = timezone.now()
    milestone_set(actor=organiser, consultation=consultation, kind="comments",
                  starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=15))  # fmt: skip


def send(consultation: Any, text: str, **changes: Any) -> Any:
    data = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True, **changes}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=data)


def unlike_texts(count: int, seed: int = 7) -> list[str]:
    """Texts that share almost no three words in a row: none is a copy of another."""
    rng = random.Random(seed)
    return [" ".join(rng.sample(WORDS, 14)) for _ in range(count)]


def seed_campaign(consultation: Any, *, copies: int = 40, others: int = 21) -> tuple[list[Any], list[Any]]:
    """`copies` comments of one campaign and `others` unlike each other, all awaiting review."""
    campaign = [send(consultation, WORDINGS[n % len(WORDINGS)], stakeholder_type=("citizen", "private")[n % 2])
                for n in range(copies)]  # fmt: skip
    singles = [send(consultation, text) for text in unlike_texts(others)]
    return campaign, singles
