"""The XLSX: a sheet per part, Thai content, native charts, numbers as numbers, the annex and campaign members."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from clock import bkk
from rapfang.comments.models import Comment
from rapfang.reports.content import report_content
from rapfang.reports.render.xlsx import THAI_DIGITS_FORMAT
from reports.summary_fixtures import (  # noqa: F401  (the fixture "hearing")
    CAMPAIGN_TEXT,
    ISSUE_TITLE,
    Hearing,
    hearing_fixture,
    rendered,
    submit,
)

pytestmark = pytest.mark.django_db
SHEETS = ["สรุป", "การมีส่วนร่วม", "ประเด็น", "ภาคผนวก", "ความคิดเห็นในแคมเปญ"]


def workbook_of(hearing: Hearing, **options: Any) -> Any:
    options = {"generated_at": bkk(2017, 1, 9, 14, 0, 0), "thai_digits": False, **options}
    content = report_content(consultation=hearing.consultation, **options)
    return load_workbook(io.BytesIO(rendered(content, "xlsx")))


def test_sheets_charts_and_numbers(hearing: Hearing) -> None:
    workbook = workbook_of(hearing)
    assert workbook.sheetnames == SHEETS
    summary = [row for row in workbook["สรุป"].iter_rows(values_only=True)]
    assert summary[0][0] == "รายงานสรุปผลการรับฟังความคิดเห็น" and summary[1][0] == hearing.consultation.title_th
    figures = {row[0]: row[1] for row in summary if row[0]}
    assert figures["ความคิดเห็นที่เผยแพร่"] == 8 and isinstance(figures["ความคิดเห็นที่เผยแพร่"], int)
    participation = workbook["การมีส่วนร่วม"]
    assert len(participation._charts) == 7
    rows = {row[0]: row[1] for row in participation.iter_rows(values_only=True) if row[0]}
    assert rows["แบบฟอร์มบนเว็บไซต์"] == 7 and rows["ยืนยันแล้ว"] == 3
    issues = list(workbook["ประเด็น"].iter_rows(values_only=True))
    assert issues[1][:4] == (1, ISSUE_TITLE, issues[1][2], 6)


def test_the_annex_and_the_campaign_members(hearing: Hearing) -> None:
    workbook = workbook_of(hearing)
    annex = list(workbook["ภาคผนวก"].iter_rows(values_only=True))
    assert len(annex) == 1 + 4
    representative = next(row for row in annex if row[0] == hearing.campaign[0].receipt)
    assert representative[6] == CAMPAIGN_TEXT and representative[7] == "1" and representative[8] == 4
    members = list(workbook["ความคิดเห็นในแคมเปญ"].iter_rows(min_row=2, values_only=True))
    assert sorted(members) == sorted((hearing.campaign[0].receipt, c.receipt) for c in hearing.campaign[1:])
    assert workbook["ภาคผนวก"].freeze_panes == "A2"


def test_thai_digits_are_a_number_format(hearing: Hearing) -> None:
    workbook = workbook_of(hearing, thai_digits=True)
    summary = workbook["สรุป"]
    cell = next(row[1] for row in summary.iter_rows() if row[0].value == "ความคิดเห็นที่เผยแพร่")
    assert cell.value == 8 and cell.number_format == THAI_DIGITS_FORMAT
    annex = workbook["ภาคผนวก"]
    count = next(row[8] for row in annex.iter_rows(min_row=2) if row[0].value == hearing.campaign[0].receipt)
    assert count.value == 4 and count.number_format == THAI_DIGITS_FORMAT
    assert workbook_of(hearing, language="en").sheetnames[0] == "Summary"


def test_a_text_that_looks_like_a_formula_stays_text(hearing: Hearing) -> None:
    formula = submit(hearing.consultation, '=HYPERLINK("http://example.org","ขอให้กำหนด")', 22)
    Comment.objects.filter(pk=formula.pk).update(organisation="=1+1", anonymous=False)
    annex = workbook_of(hearing)["ภาคผนวก"]
    row = next(row for row in annex.iter_rows(min_row=2) if row[0].value == formula.receipt)
    assert row[6].value.startswith("=HYPERLINK") and row[6].data_type == "s"
    assert row[3].value == "=1+1" and row[3].data_type == "s"
