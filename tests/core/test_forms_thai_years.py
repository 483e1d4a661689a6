"""A year that cannot be meant is refused by every staff date field, never stored (no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django import forms
from django.utils import translation

from rapfang.core.forms_thai import ThaiDateField, ThaiDateTimeField
from rapfang.core.thai import BANGKOK


@pytest.mark.parametrize("text", ["01/12/3112 09.00", "01/12/1469 09.00", "3112-12-01 09:00", "1 ธ.ค. ค.ศ. 2569 09.00"])
def test_a_date_time_in_a_year_that_cannot_be_meant_is_refused(text):
    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as refused:
            ThaiDateTimeField().clean(text)
        message = refused.value.messages[0]
    assert refused.value.code == "implausible_year"
    assert "which cannot be meant" in message and text in message


def test_the_refusal_is_in_thai_on_a_thai_page():
    with translation.override("th"):
        with pytest.raises(forms.ValidationError) as refused:
            ThaiDateField().clean("01/12/3112")
        assert refused.value.messages[0].startswith("01/12/3112 อ่านได้เป็นปี พ.ศ. 3112 (ค.ศ. 2569)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("01/12/2569 09.00", datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)),
     ("2569-12-01 09:00", datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)),
     ("01/12/2026 09.00", datetime(2026, 12, 1, 9, 0, tzinfo=BANGKOK)),
     ("18/11/2559 09.30", datetime(2016, 11, 18, 9, 30, tzinfo=BANGKOK))],
)  # fmt: skip
def test_years_that_can_be_meant_are_read(text, expected):
    assert ThaiDateTimeField().clean(text) == expected


def test_the_edges_of_the_years_that_can_be_meant():
    assert ThaiDateField().clean("31/12/2742") == date(2199, 12, 31)
    assert ThaiDateField().clean("01/01/1900") == date(1900, 1, 1)
    for text in ("01/01/2743", "31/12/1899"):
        with pytest.raises(forms.ValidationError):
            ThaiDateField().clean(text)
