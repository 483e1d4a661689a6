"""The DOCX: opens in python-docx, holds the Thai title, the issues and the whole annex, Thai on the complex-script
font everywhere, charts as pictures."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from clock import bkk
from rapfang.reports.content import report_content
from rapfang.reports.render.docx import FONT
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    CAMPAIGN_TEXT,
    ISSUE_TITLE,
    ORGANISATION,
    REASONS,
    Hearing,
    hearing_fixture,
    rendered,
)

pytestmark = pytest.mark.django_db


def document_of(hearing: Hearing, **options: Any) -> Any:
    options = {"generated_at": bkk(2017, 1, 9, 14, 0, 0), "version": 3, "thai_digits": False, **options}
    content = report_content(consultation=hearing.consultation, **options)
    return Document(io.BytesIO(rendered(content, "docx")))


def complex_script_font(paragraph: Any, run: Any) -> str | None:
    """The w:cs font a run is drawn with: its own, else its paragraph style's, else that style's base."""
    fonts = run._r.rPr.rFonts if run._r.rPr is not None and run._r.rPr.rFonts is not None else None
    if fonts is not None and fonts.get(qn("w:cs")):
        return str(fonts.get(qn("w:cs")))
    style = paragraph.style
    while style is not None:
        properties = style.element.rPr
        if properties is not None and properties.rFonts is not None and properties.rFonts.get(qn("w:cs")):
            return str(properties.rFonts.get(qn("w:cs")))
        style = style.base_style
    return None


def test_the_title_issues_and_annex_are_in_the_document(hearing: Hearing) -> None:
    document = document_of(hearing)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in text and hearing.consultation.title_th in text
    assert f"ประเด็นที่ 1: {ISSUE_TITLE}" in text and REASONS in text and "ฉบับที่ 3" in text
    assert "ระยะเวลารับฟังความคิดเห็น 6 วัน น้อยกว่าระยะเวลาขั้นต่ำ 15 วัน" in text
    annex = document.tables[-1]
    assert len(annex.rows) == 1 + 4 + 1  # header, four entries, the campaign's members
    cells = [[cell.text for cell in row.cells] for row in annex.rows]
    representative = next(row for row in cells if row[0].startswith(hearing.campaign[0].receipt))
    assert representative[3] == CAMPAIGN_TEXT and representative[4] == "1"
    members = cells[cells.index(representative) + 1][0]
    assert all(comment.receipt in members for comment in hearing.campaign[1:])
    named = next(row for row in cells if row[0].startswith(hearing.named.receipt))
    assert ORGANISATION in named[1] and "[ปกปิดอีเมล]" in named[3]


def test_thai_is_set_on_the_complex_script_font(hearing: Hearing) -> None:
    document = document_of(hearing)
    runs = [(paragraph, run) for paragraph in document.paragraphs for run in paragraph.runs if run.text.strip()]
    runs += [
        (paragraph, run)
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.text.strip()
    ]
    assert len(runs) > 50
    assert {complex_script_font(paragraph, run) for paragraph, run in runs} == {FONT}
    heading = document.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:cs")) == FONT and heading.get(qn("w:csTheme")) is None


def test_charts_are_pictures(hearing: Hearing) -> None:
    document = document_of(hearing)
    assert len(document.inline_shapes) == 7  # every chart has figures in this hearing
    assert all(shape.width > 0 for shape in document.inline_shapes)


def test_thai_digits_and_english_in_the_document(hearing: Hearing) -> None:
    thai = "\n".join(paragraph.text for paragraph in document_of(hearing, thai_digits=True).paragraphs)
    assert "ฉบับที่ ๓" in thai and "๙ มกราคม ๒๕๖๐" in thai and "ประเด็นที่ ๑" in thai
    english = document_of(hearing, language="en")
    text = "\n".join(paragraph.text for paragraph in english.paragraphs)
    assert "Hearing summary report" in text and "9 January 2017" in text and "Issue 1: A common data standard" in text
    assert english.core_properties.language == "en"
