"""Salutations as Thai official mail writes them: คุณ only before a name without a title of its own."""

from __future__ import annotations

import pytest

from rapfang.core.salutation import addressee, has_title


@pytest.mark.parametrize(
    "name",
    [
        "นางสาวสมหญิง ใจดี", "นางสมศรี มีสุข", "นายสมชาย รักไทย", "นาย สมชาย รักไทย", "น.ส.สมหญิง ใจดี",
        "ดร.สมชาย รักไทย", "ดร. สมชาย", "ผศ.ดร.วิไล ศรีสุข", "รศ. ประเสริฐ ดีงาม", "พล.อ.ประยุทธ์ ทดสอบ",
        "พ.ต.อ. สมศักดิ์ ทดสอบ", "พลเอกสมศักดิ์ ทดสอบ", "ว่าที่ร้อยตรีสมชาย ใจดี", "หม่อมราชวงศ์สุขุม ทดสอบ",
        "คุณหญิงสมศรี ทดสอบ", "คุณสมชาย", "นายแพทย์สมชาย", "Mr John Smith", "Dr. Jane Doe", "Ms. Anna Lee",
    ],
)  # fmt: skip
def test_a_name_with_its_own_title_is_written_as_given(name):
    assert has_title(name)
    assert addressee(name, "th") == " ".join(name.split())


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("สมหญิง ใจดี", "คุณสมหญิง ใจดี"),
        ("นายิกา ศรีสุข", "คุณนายิกา ศรีสุข"),  # a given name that begins with the letters of นาย
        ("พันธ์ทิพย์ ทดสอบ", "คุณพันธ์ทิพย์ ทดสอบ"),  # begins like the rank พันเอก, but is a name
        ("สมหญิง   ใจดี ", "คุณสมหญิง ใจดี"),
        ("John Smith", "คุณ John Smith"),  # a space before a name in Latin letters
    ],
)
def test_an_untitled_name_gets_khun_in_thai(name, written):
    assert addressee(name, "th") == written


def test_english_mail_writes_the_name_as_given_and_empty_stays_empty():
    assert addressee("สมหญิง ใจดี", "en") == "สมหญิง ใจดี"
    assert addressee("   ", "th") == ""
