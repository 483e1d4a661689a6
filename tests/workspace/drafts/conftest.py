"""The draft and its files, from nothing: the workspace's new consultation gets a topic, files of every kind to
upload, and — when a test needs it — an open comment period that publishes comments at once."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import docx
import openpyxl
import pytest
from django.utils import timezone
from PIL import Image

from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import MilestoneKind
from rapfang.consultations.services import consultation_update, milestone_set, topic_save
from rapfang.core.actors import PUBLIC

MARKDOWN_V1 = """# หมวด ๑ บททั่วไป

ข้อ ๑ กฎกระทรวงนี้เรียกว่า กฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....

ข้อ ๒ กฎกระทรวงนี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป {topics: fees}

# หมวด ๒ ค่าธรรมเนียม {topics: fees}

- ค่าออกโฉนดที่ดิน แปลงละห้าสิบบาท
- ค่ารังวัดเพื่อออกโฉนดที่ดิน วันละสามสิบบาท
"""

# Version 2: ข้อ ๑ kept, ข้อ ๒ reworded (same anchor), the survey fee removed, a copying fee added.
MARKDOWN_V2 = """# หมวด ๑ บททั่วไป

ข้อ ๑ กฎกระทรวงนี้เรียกว่า กฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....

ข้อ ๒ กฎกระทรวงนี้ให้ใช้บังคับเมื่อพ้นกำหนดเก้าสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป {topics: fees}

# หมวด ๒ ค่าธรรมเนียม {topics: fees}

- ค่าออกโฉนดที่ดิน แปลงละห้าสิบบาท
- ค่าคัดสำเนาเอกสารสิทธิ ฉบับละยี่สิบบาท
"""

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("หมวด ๑ บททั่วไป", level=1)
    document.add_paragraph("ข้อ ๑ กฎกระทรวงนี้เรียกว่า กฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....")
    document.add_heading("หมวด ๒ ค่าธรรมเนียม", level=2)
    document.add_paragraph("ค่าออกโฉนดที่ดิน แปลงละห้าสิบบาท", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["รายการ", "บาท"])
    book.active.append(["ค่าออกโฉนดที่ดิน", 50])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> io.BytesIO:
    """A file for the test client to post, with the name a browser would send."""
    handle = io.BytesIO(content)
    handle.name = name
    return handle


@pytest.fixture
def fees(consultation: Any, organiser: Any) -> Any:
    return topic_save(actor=organiser, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม", name_en="Fees")


@pytest.fixture
def open_for_comments(consultation: Any, organiser: Any) -> Any:
    return opened(consultation, organiser)


def opened(consultation: Any, organiser: Any) -> Any:
    """The consultation published, its comment period open for twenty days around now, comments published at once."""
    now = timezone.now()
    milestone_set(actor=organiser, consultation=consultation, kind=MilestoneKind.COMMENTS,
                  starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=20))  # fmt: skip
    comment_policy_set(actor=organiser, consultation=consultation, moderation=ModerationMode.POST)
    return consultation_update(actor=organiser, consultation=consultation, is_published=True)


def comment_on(consultation: Any, paragraph: str, text: str = "ควรลดค่าธรรมเนียมสำหรับผู้มีรายได้น้อย") -> Any:
    data = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True, "paragraph": paragraph}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=data)
