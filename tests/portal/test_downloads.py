"""The download list labels each attachment with its real type and its size, in the page's digits."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from rapfang.core.actors import SYSTEM
from rapfang.documents.services import attachment_add

pytestmark = pytest.mark.django_db


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    WordDocument().save(buffer)
    return buffer.getvalue()


@pytest.fixture
def attached(demo):
    for title, content, name in (("ตารางงบประมาณ", _xlsx(), "budget.xlsx"), ("แบบฟอร์มตอบรับ", _docx(), "form.docx")):
        attachment_add(actor=SYSTEM, consultation=demo, kind="other", title_th=title, title_en=title,
                       content=io.BytesIO(content), filename=name)  # fmt: skip
    return demo


def _label(html: str, title: str) -> str:
    after = html[html.index(title) :]
    start = after.index('<div class="small text-body-secondary">') + len('<div class="small text-body-secondary">')
    return after[start : after.index("</div>", start)]


def test_each_attachment_is_labelled_with_its_type_and_size(client, attached):
    attached.thai_digits = False
    attached.save(update_fields=["thai_digits"])
    html = client.get(f"/en/consultations/{attached.slug}/").content.decode()
    assert _label(html, "ตารางงบประมาณ").startswith("XLSX · ") and "KB" in _label(html, "ตารางงบประมาณ")
    assert _label(html, "แบบฟอร์มตอบรับ").startswith("DOCX · ")
    assert _label(html, "Event agenda").startswith("PDF · ")


def test_sizes_follow_the_thai_digits_of_the_page(client, attached):
    attached.thai_digits = True
    attached.save(update_fields=["thai_digits"])
    label = _label(client.get(f"/consultations/{attached.slug}/").content.decode(), "ตารางงบประมาณ")
    assert label.startswith("XLSX · ") and any("๐" <= char <= "๙" for char in label)
    assert not any(char.isascii() and char.isdigit() for char in label)
