"""The one formula guard of every CSV and XLSX: OWASP's starting characters, numbers left alone."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from rapfang.core.cells import csv_row, csv_safe, formula_like, xlsx_row


@pytest.mark.parametrize("text", ["=1+1", "+66 2 123 4567", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_text_a_spreadsheet_could_run_is_guarded(text):
    assert formula_like(text)
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["ข้อเสนอ = ดี", " =1", "1=1", "", "กรม", -5, 3.5, None, True])
def test_other_values_pass_unchanged(value):
    assert not formula_like(value)
    assert csv_safe(value) == value


def test_xlsx_keeps_the_value_exactly_as_quoted_text_and_numbers_as_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(xlsx_row(sheet, ['=HYPERLINK("http://example.com","คลิก")', "-", -12, "ปกติ"]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue())).active
    first, dash, number, plain = (read.cell(1, column) for column in range(1, 5))
    assert first.data_type == "s" and first.value == '=HYPERLINK("http://example.com","คลิก")'
    assert first.quotePrefix and dash.value == "-" and dash.data_type == "s"
    assert number.value == -12 and number.data_type == "n" and plain.value == "ปกติ"
    assert csv_row(["=x", 1]) == ["'=x", 1]
