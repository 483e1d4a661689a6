"""The questionnaire's results in the summary report (HTML, PDF, DOCX, XLSX) and in the open data's
`questionnaire_results` table: after the close, published reasons only, never who answered."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from questionnaires.conftest import answers_data
from questionnaires.test_services import DURING
from rapfang.core.actors import PUBLIC
from rapfang.questionnaires.moderation import answers_moderate
from rapfang.questionnaires.services import answer_submit
from rapfang.reports.content import report_content
from rapfang.reports.opendata import opendata_write
from rapfang.reports.render import render


@pytest.fixture
def answered(demo, questions, moderator):
    agree = questions["agree"].pk
    first = answer_submit(actor=PUBLIC, consultation=demo, data=answers_data(questions), now=DURING)
    reason = "ยังไม่ตรวจ อีเมล somchai@example.org"
    other = answers_data(questions, stakeholder_type="academic", organisation="มหาวิทยาลัยตัวอย่าง",
                         **{f"q{agree}": "disagree", f"q{agree}_reason": reason})  # fmt: skip
    answer_submit(actor=PUBLIC, consultation=demo, data=other, now=DURING)
    answers_moderate(actor=moderator, consultation=demo, answer_ids=[first.pk], action="publish")
    return demo


def _render(content, fmt):
    out = io.BytesIO()
    render(content, fmt, out)
    return out.getvalue()


def test_the_report_has_the_questionnaire_in_every_format(answered):
    content = report_content(consultation=answered, language="th")
    assert content.questionnaire is not None and content.figures["questionnaire_answers"] == 2
    html = _render(content, "html").decode()
    assert "ผลการตอบแบบสอบถาม" in html and "ท่านเห็นด้วยกับวิสัยทัศน์ของร่างแผนหรือไม่" in html
    assert "ช่วยลดขั้นตอนการติดต่อราชการ" in html and "somchai@example.org" not in html and "สมศรี" not in html
    docx = Document(io.BytesIO(_render(content, "docx")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "ท่านใช้บริการใดบ่อยที่สุด" in text
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "ทะเบียนราษฎร" in cells
    workbook = load_workbook(io.BytesIO(_render(content, "xlsx")))
    sheet = workbook["แบบสอบถาม"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "เห็นด้วย" in values and 1 in values
    assert _render(content, "pdf").startswith(b"%PDF-")
    english = report_content(consultation=answered, language="en")
    assert "Results of the questionnaire" in _render(english, "html").decode()


def test_the_open_data_has_a_questionnaire_results_table(answered):
    out = io.BytesIO()
    opendata_write(answered, out)
    archive = zipfile.ZipFile(out)
    rows = list(csv.DictReader(io.StringIO(archive.read("questionnaire_results.csv").decode("utf-8-sig"))))
    agree = [row for row in rows if row["question"] == "1" and row["stakeholder_type"] == "all"]
    assert {row["answer"]: row["count"] for row in agree} == {"agree": "1", "disagree": "1", "not_sure": "0"}
    assert all(row["answered"] == "2" for row in agree)
    academic = [row for row in rows if row["question"] == "1" and row["stakeholder_type"] == "academic"]
    assert academic == [{**academic[0], "answer": "disagree", "count": "1", "answered": "1"}]
    single = [row for row in rows if row["question"] == "2" and row["stakeholder_type"] == "all"]
    assert [row["answer_th"] for row in single] == ["ภาษี", "ทะเบียนราษฎร", "สาธารณสุข"]
    assert "questionnaire_results" in archive.read("README.md").decode()
    assert "somchai" not in archive.read("questionnaire_results.json").decode()


def test_without_a_questionnaire_the_report_has_no_such_part(demo):
    demo.questions.all().delete()
    assert report_content(consultation=demo).questionnaire is None
