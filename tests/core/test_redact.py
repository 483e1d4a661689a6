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


VALID_ID = "1101700203450"  # a valid check digit
EVASIONS = {
    "national ID with zero-width spaces": "บัตร 1\u200b1017\u200b00203\u200b45\u200b0",
    "national ID with a zero-width joiner and BOM inside": "บัตร 11017\u200d0020\ufeff3450",
    "national ID with slashes": "บัตร 1/1017/00203/45/0",
    "national ID with underscores": "บัตร 1_1017_00203_45_0",
    "national ID with dots": "บัตร 1.1017.00203.45.0",
    "national ID grouped otherwise, valid": "บัตร 110 170 020 3450",
    "national ID in full-width digits": "บัตร １１０１７００２０３４５０",
    "national ID in Thai digits with spaces": "บัตร ๑ ๑๐๑๗ ๐๐๒๐๓ ๔๕ ๐",
    "telephone with a bracketed area code": "โทร (081)2345671",
    "landline with a bracketed area code": "โทร (02) 123 4567",
    "telephone with slashes": "โทร 081/234/5671",
    "telephone with underscores": "โทร 081_234_5671",
    "telephone with dots": "โทร 081.234.5671",
    "telephone with a zero-width space": "โทร 081\u200b234\u200b5671",
    "telephone with spaced dashes": "โทร 081 - 234 - 5671",
    "telephone in full-width digits": "โทร ０８１２３４５６７１",
    "telephone with an en dash": "โทร 081–234–5671",
    "international with (0)": "โทร +66 (0) 81 234 5671",
    "international with 00": "โทร 0066 81 234 5671",
    "full-width at sign": "ติดต่อ somchai＠example.com",
    "small at sign": "ติดต่อ somchai﹫example.com",
    "full-width address": "ติดต่อ ｓｏｍｃｈａｉ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    "spelled-out address": "ติดต่อ somchai at example dot com",
    "spelled-out address in capitals": "ติดต่อ SOMCHAI AT EXAMPLE DOT CO DOT TH",
    "bracketed at and dot": "ติดต่อ somchai (at) example (dot) com",
    "square-bracketed at and dot": "ติดต่อ somchai[at]example[dot]co[dot]th",
    "Thai spelling": "ติดต่อ somchai แอท example ดอท คอม",
    "Thai spelling without spaces": "ติดต่อ somchaiแอทexampleดอทคอม",
    "spaced at sign": "ติดต่อ somchai @ example.com",
    "address with a zero-width space": "ติดต่อ som\u200bchai@exam\u200bple.com",
    "a webmail address with 'at'": "ติดต่อ somchai at gmail.com",
}


@pytest.mark.parametrize("text", EVASIONS.values(), ids=EVASIONS.keys())
def test_every_evasion_is_caught(text):
    redacted = redact_personal_data(text, labels=ENGLISH_LABELS)
    assert "withheld]" in redacted and has_personal_data(text)
    assert not re.search("[0-9๐-๙０-９]{3}", redacted), redacted
    assert "somchai" not in redacted.lower() and "example" not in redacted.lower(), redacted


def test_the_thai_spelled_name_keeps_the_words_before_it():
    assert redact_personal_data("ชื่อ แอท example ดอท คอม", labels=ENGLISH_LABELS) == "ชื่อ [e-mail withheld]"


def test_the_rest_of_the_text_is_kept_as_written():
    text = "ข้อ ๓\u200b ควรแก้ไข โทร (081)2345671 หรือ somchai＠example.com ครับ"
    assert redact_personal_data(text, labels=ENGLISH_LABELS) == (
        "ข้อ ๓\u200b ควรแก้ไข โทร [telephone number withheld] หรือ [e-mail withheld] ครับ"
    )


@pytest.mark.parametrize(
    "text",
    [
        "มาตรา 12 วรรคสอง", "ข้อ 1.2.3.4", "วันที่ 08/12/2559 10:30 น.", "18/11/2559", "เวลา 09.30-12.00 น.",
        "ปีงบประมาณ 2560 - 2564", "วงเงิน 1,500,000,000,000 บาท", "ISBN 978-616-235-123-4", "เลข 0 1234 5678 9012",
        "look at example.com for details", "available at www.dga.or.th", "we looked at the dot com bubble",
        "ร้อยละ 0.5 ถึง 1.0", "โทรสายด่วน 1111 ต่อ 2", "เลขที่ 310 5600 123451",
    ],
)  # fmt: skip
def test_ordinary_numbers_and_words_stay(text):
    assert redact_personal_data(text) == text
    assert not has_personal_data(text)


def test_a_run_of_digits_is_masked_only_where_a_number_is():
    text = "ปี 2559 0812345671 2 เครื่อง"
    assert redact_personal_data(text, labels=ENGLISH_LABELS) == "ปี 2559 [telephone number withheld] 2 เครื่อง"
    two = redact_personal_data("081-234-5671 02-123-4567", labels=ENGLISH_LABELS)
    assert two == "[telephone number withheld] [telephone number withheld]"


def test_long_hostile_texts_stay_fast_enough_to_finish():
    for text in ("a" * 5000, "1 " * 2500, "1-" * 2500, "(" * 5000, " at " * 1250, "@." * 2500):
        assert redact_personal_data(text) is not None
