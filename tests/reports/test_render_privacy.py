"""Every format: no personal data in any of them, and an empty consultation still renders."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from rapfang.accounts.services import agency_save
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from rapfang.reports.content import report_content
from rapfang.reports.render import FORMATS, render
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    CAMPAIGN_TEXT,
    SECRETS,
    Hearing,
    hearing_fixture,
    poppler,
    rendered,
    squeezed,
    text_of,
)

pytestmark = pytest.mark.django_db


def raw_pdf_text(data: bytes) -> str:
    """The PDF's text in the order it is drawn (pdftotext -raw)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        return poppler("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


@pytest.mark.parametrize("language", ["th", "en"])
def test_no_personal_data_in_any_format(hearing: Hearing, language: str) -> None:
    content = report_content(consultation=hearing.consultation, language=language, version=1)
    for fmt in FORMATS:
        data = rendered(content, fmt)
        text = text_of(fmt, data)
        assert squeezed(CAMPAIGN_TEXT) in squeezed(text), fmt  # the extraction sees the comments
        assert not [secret for secret in SECRETS if secret in text], fmt
        flat = squeezed(text)
        assert not [secret for secret in SECRETS if squeezed(secret) in flat], fmt


def test_an_empty_consultation_renders_every_format(db: Any) -> None:
    agency = agency_save(actor=SYSTEM, slug="empty-agency", name_th="หน่วยงานทดสอบ")
    consultation = consultation_create(actor=SYSTEM, agency=agency, slug="empty", title_th="ร่างที่ยังไม่มีความคิดเห็น")
    for language in ("th", "en"):
        content = report_content(consultation=consultation, language=language)
        for fmt in FORMATS:
            calls: list[tuple[int, int]] = []
            out = BytesIO()
            render(content, fmt, out, progress=lambda done, total, seen=calls: seen.append((done, total)))
            assert out.getvalue(), fmt
            assert calls and calls[-1][0] == calls[-1][1], fmt  # the bar ends full
            if language == "th" and fmt != "pdf":
                assert "ร่างที่ยังไม่มีความคิดเห็น" in text_of(fmt, out.getvalue()), fmt
            elif language == "th":  # pdftotext's default layout reads bold ไม่มี with ี after the next letter
                assert "ร่างที่ยังไม่มีความคิดเห็น" in raw_pdf_text(out.getvalue())
