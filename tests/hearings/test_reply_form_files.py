"""The reply form as a Thai office expects it: A4 Word file in TH Sarabun New with a signature block, and a PDF drawn
once per version of the event (kept under the data folder) with the same block."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from rapfang.hearings.printouts import reply_form_docx, reply_form_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_event):
    return make_event(accepts_fax=True, accepts_email=True)


def _kept(settings) -> list[str]:
    folder = settings.DATA_DIR / "printouts"
    return sorted(path.name for path in folder.glob("*.pdf")) if folder.exists() else []


def test_the_word_form_is_a4_with_official_margins_the_thai_font_and_a_signature_block(event):
    document = Document(io.BytesIO(reply_form_docx(event)))
    section = document.sections[0]
    measured = (section.page_width, section.page_height, section.left_margin, section.right_margin, section.top_margin)
    expected = (Cm(21), Cm(29.7), Cm(3), Cm(2), Cm(2.5))
    assert all(abs(got - want) < Cm(0.01) for got, want in zip(measured, expected, strict=True))  # stored in twips
    properties = document.styles["Normal"].element.rPr
    assert properties.rFonts.get(qn("w:cs")) == "TH Sarabun New"
    assert properties.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert properties.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    lines = [paragraph.text for paragraph in document.paragraphs]
    signed = next(index for index, text in enumerate(lines) if text.startswith("ลงชื่อ ...."))
    assert lines[signed + 1].startswith("(....") and lines[signed + 2].startswith("ตำแหน่ง ....")
    assert lines[signed + 3].startswith("วันที่ ....")
    with translation.override("en"):
        english = [p.text for p in Document(io.BytesIO(reply_form_docx(event))).paragraphs]
    assert any(text.startswith("Signed ....") for text in english)


def test_the_pdf_is_drawn_once_per_version_of_the_event_and_language(event, settings):
    first = reply_form_pdf(event)
    [kept] = _kept(settings)
    stamp = (settings.DATA_DIR / "printouts" / kept).stat().st_mtime_ns
    assert reply_form_pdf(event) == first and _kept(settings) == [kept]
    assert (settings.DATA_DIR / "printouts" / kept).stat().st_mtime_ns == stamp  # read, not drawn again
    with translation.override("en"):
        english = reply_form_pdf(event)
    assert english != first and len(_kept(settings)) == 2
    event.venue_th = "ห้องประชุมใหญ่"
    event.save()
    changed = reply_form_pdf(event)
    assert changed != first and kept not in _kept(settings) and len(_kept(settings)) == 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_has_the_signature_block(event, client):
    pdf = client.get(f"/events/{event.pk}/reply-form.pdf").content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert "ลงชื่อ" in text and "ตำแหน่ง" in text and "วันที่" in text
