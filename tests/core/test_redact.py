"""Personal data inside free text is replaced before the text goes out in public data; other numbers stay."""

import re

import pytest

from rapfang.core.redact import ENGLISH_LABELS, has_personal_data, redact_personal_data


@pytest.mark.parametrize(
    "text",
    [
        "ติดต่อ somchai.k@gmail.com ได้",
        "โทร 081-234-5678 ครับ",
        "โทร 0812345678",
        "๐๘๑๒๓๔๕๖๗๘",
        "โทร. 0-2612-6000",
        "โทรสาร 0 2612 6011",
        "+66 81 234 5678",
        "เลขบัตร 1-2345-67890-12-3",
        "เลขบัตร 1234567890123 ครับ",
        "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๓",
    ],
)
def test_personal_data_is_replaced(text):
    redacted = redact_personal_data(text)
    assert redacted != text
    assert not re.search("[0-9๐-๙]{3}", redacted)
    assert "@" not in redacted


@pytest.mark.parametrize(
    "text",
    ["ปี 2559 จำนวน 1,500 คน", "แผนปี 2560-2564", "สายด่วน 1111", "งบ 100000000 บาท", "ราคา 0.5 บาท", "18-23 พ.ย. 59"],
)
def test_other_numbers_stay(text):
    assert redact_personal_data(text) == text
    assert not has_personal_data(text)


def test_labels_in_both_languages():
    assert redact_personal_data("a@b.go.th") == "[ปกปิดอีเมล]"
    assert redact_personal_data("call 081 234 5678", labels=ENGLISH_LABELS) == "call [telephone number withheld]"
    assert redact_personal_data("") == ""
