"""The HTML: one self-contained file (fonts embedded, no address outside it), lang attributes, Thai digits."""

from __future__ import annotations

import re
from typing import Any

import pytest

from clock import bkk
from rapfang.reports.content import report_content
from rapfang.reports.render import content_type, filename
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    CAMPAIGN_TEXT,
    ISSUE_TITLE,
    Hearing,
    hearing_fixture,
    rendered,
)

pytestmark = pytest.mark.django_db


def html_of(hearing: Hearing, **options: Any) -> str:
    options = {"generated_at": bkk(2017, 1, 9, 14, 0, 0), "version": 2, "thai_digits": False, **options}
    content = report_content(consultation=hearing.consultation, **options)
    return rendered(content, "html").decode("utf-8")


def test_one_self_contained_file(hearing: Hearing) -> None:
    html = html_of(hearing)
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert "http:" not in html and "https:" not in html and "//" not in re.sub(r"data:[^\"']+", "", html)
    assert "<link" not in html and "<script" not in html and "<img" not in html
    assert re.search(r'@font-face\s*\{[^}]*url\("data:font/woff2;base64,', html)
    assert html.count("<svg") == 7 and html.count("<table") >= 8


def test_content_and_language_attributes(hearing: Hearing) -> None:
    html = html_of(hearing)
    assert '<html lang="th">' in html and hearing.consultation.title_th in html
    assert ISSUE_TITLE in html and CAMPAIGN_TEXT in html and "ฉบับที่ 2" in html and "9 มกราคม 2560" in html
    english_row = re.search(rf"<tr><td class=\"receipt\">{hearing.english.receipt}.*?</tr>", html, re.S)
    assert english_row and '<td class="text" lang="en">' in english_row[0]
    members = re.search(r'<tr class="campaign"><td colspan="5">(.*?)</td></tr>', html)
    assert members and members[1].startswith("อีก 4 ฉบับในแคมเปญเดียวกัน")
    english = html_of(hearing, language="en", thai_digits=True)
    assert '<html lang="en">' in english and "Hearing summary report" in english and "9 January 2017" in english
    assert "Version 2" in english  # Thai digits are for Thai text only


def test_thai_digits_when_asked(hearing: Hearing) -> None:
    thai = html_of(hearing, thai_digits=True)
    assert "๙ มกราคม ๒๕๖๐" in thai and "ฉบับที่ ๒" in thai and "ระยะเวลารับฟังความคิดเห็น ๖ วัน" in thai
    assert "9 มกราคม 2560" not in thai
    plain = html_of(hearing, thai_digits=False)
    assert "๙ มกราคม ๒๕๖๐" not in plain and "ระยะเวลารับฟังความคิดเห็น 6 วัน" in plain


def test_file_names_and_types(hearing: Hearing) -> None:
    content = report_content(consultation=hearing.consultation, version=2)
    assert filename(content, "pdf") == "hearing-report-dg2-2560-2564-v2.pdf"
    assert (
        filename(report_content(consultation=hearing.consultation), "xlsx") == "hearing-report-dg2-2560-2564-draft.xlsx"
    )
    assert content_type("html") == "text/html; charset=utf-8" and content_type("pdf") == "application/pdf"
    with pytest.raises(ValueError, match="unknown report format"):
        content_type("odt")
