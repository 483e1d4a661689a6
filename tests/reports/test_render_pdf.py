"""The PDF: pages drawn (not blank), Thai text that reads back exactly (every ำ), B.E. on the cover, annex capped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from clock import bkk
from rapfang.reports.content import report_content
from rapfang.reports.render import html as html_module
from rapfang.reports.render import pdf as pdf_module
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    CAMPAIGN_TEXT,
    ISSUE_TITLE,
    REASONS,
    SECRETS,
    Hearing,
    hearing_fixture,
    poppler,
    rendered,
    squeezed,
    text_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.long]
GENERATED = bkk(2017, 1, 9, 14, 0, 0)


def pdf_of(hearing: Hearing, tmp_path: Path, **options: Any) -> Path:
    options = {"generated_at": GENERATED, "version": 1, "thai_digits": False, **options}
    content = report_content(consultation=hearing.consultation, **options)
    path = tmp_path / "report.pdf"
    path.write_bytes(rendered(content, "pdf"))
    return path


def pages(path: Path) -> int:
    info = poppler("pdfinfo", str(path))
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def inked_share(png: Path) -> float:
    """The share of a page's pixels that are not (nearly) white."""
    image = Image.open(png).convert("L")
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


def test_every_page_is_drawn_and_the_cover_has_the_buddhist_year(hearing: Hearing, tmp_path: Path) -> None:
    path = pdf_of(hearing, tmp_path)
    count = pages(path)
    assert 5 <= count <= 30
    poppler("pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == count
    assert all(inked_share(image) > 0.003 for image in images)  # none is blank
    cover = poppler("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", str(path), "-")
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in cover and "9 มกราคม 2560" in cover and "ฉบับที่ 1" in cover


def test_the_thai_text_reads_back_exactly(hearing: Hearing, tmp_path: Path) -> None:
    text = text_of("pdf", pdf_of(hearing, tmp_path).read_bytes())
    flat = squeezed(text)
    for source in (hearing.consultation.title_th, ISSUE_TITLE, CAMPAIGN_TEXT, REASONS, "ระยะเวลารับฟังความคิดเห็น 6 วัน"):
        assert squeezed(source) in flat, source
    for word in ("จัดทำ", "กำหนด", "สำนักงาน"):
        assert word in text
    assert "จัดทา" not in text and "\u0e4d" not in text  # ำ is never split into ํ + า
    assert not [secret for secret in SECRETS if secret in text]


def test_thai_digits_in_the_pdf(hearing: Hearing, tmp_path: Path) -> None:
    text = text_of("pdf", pdf_of(hearing, tmp_path, thai_digits=True).read_bytes())
    assert "๙ มกราคม ๒๕๖๐" in text and "ฉบับที่ ๑" in text
    assert "ระยะเวลารับฟังความคิดเห็น ๖ วัน" in text
    assert re.search(r"๒ / [๐-๙]+", text) and not re.search(r"\b2 / \d+\b", text)  # the page numbers too


def test_the_annex_is_capped_and_says_where_the_rest_is(
    hearing: Hearing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = squeezed("อยู่ในไฟล์ HTML, DOCX และ XLSX ของรายงานฉบับเดียวกันนี้")
    whole = squeezed(text_of("pdf", pdf_of(hearing, tmp_path).read_bytes()))
    member = hearing.campaign[1].receipt  # listed in the annex only, under the last entry
    assert note not in whole and member in whole
    monkeypatch.setattr(pdf_module, "PDF_ANNEX_LIMIT", 2)
    capped = squeezed(text_of("pdf", pdf_of(hearing, tmp_path).read_bytes()))
    assert note in capped and squeezed("ความคิดเห็นอีก 2 รายการ") in capped
    assert member not in capped


def test_a_large_campaign_lists_its_first_members_only(
    hearing: Hearing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_module, "BLOCK_MEMBERS", 2)
    text = squeezed(text_of("pdf", pdf_of(hearing, tmp_path).read_bytes()))
    assert squeezed("อีก 4 ฉบับในแคมเปญเดียวกัน แสดง 2 ฉบับแรกตามเลขที่หลักฐานการรับ") in text
    receipts = sorted(comment.receipt for comment in hearing.campaign[1:])
    assert all(receipt in text for receipt in receipts[:2]) and receipts[3] not in text
