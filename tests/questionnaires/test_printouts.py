"""The hearing's printed reply form carries the questionnaire: each question with its boxes and lines, in the PDF
to print and the DOCX to fill in; a consultation without a questionnaire keeps the form as it was."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document


def test_the_reply_form_carries_the_questionnaire(client, demo, questions):
    event = demo.events.get(is_main=True)
    docx = client.get(f"/events/{event.pk}/reply-form.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "แบบสอบถาม" in text
    assert "1. ท่านเห็นด้วยกับวิสัยทัศน์ของร่างแผนหรือไม่ *" in text
    assert "☐ เห็นด้วย    ☐ ไม่เห็นด้วย    ☐ ไม่แน่ใจ" in text
    assert "☐ แอปพลิเคชัน" in text and "ทำเครื่องหมายได้มากกว่าหนึ่งข้อ" in text
    pdf = client.get(f"/events/{event.pk}/reply-form.pdf").content
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    read = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert "ท่านใช้บริการใดบ่อยที่สุด" in read and "ทะเบียนราษฎร" in read


def test_without_a_questionnaire_the_reply_form_is_as_before(client, demo):
    demo.questions.all().delete()
    event = demo.events.get(is_main=True)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(client.get(f"/events/{event.pk}/reply-form.docx").content)).paragraphs
    )
    assert "แบบสอบถาม" not in text
