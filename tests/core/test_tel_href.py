"""Telephone numbers as agencies type them become links a telephone can dial."""

import pytest

from rapfang.core.templatetags.thai_format import tel_href


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("0 2123 4567", "tel:021234567"),
        ("0 2123 4567 ต่อ 101", "tel:021234567,101"),
        ("02-123-4567 ext. 12", "tel:021234567,12"),
        ("๐ ๒๒๓๐ ๖๓๓๓", "tel:022306333"),
        ("0 2230 6333, 0 2230 6362", "tel:022306333"),
        ("+66 2 123 4567", "tel:+6621234567"),
        ("1202", "tel:1202"),
        ("Fax: 02 141 5555", "tel:021415555"),
        ("โทร. 0 2123 4567 ต่อ 101, 0 2123 4568", "tel:021234567,101"),
        ("abc", ""),
        ("", ""),
    ],
)
def test_a_typed_number_becomes_a_dialable_link(typed, link):
    assert tel_href(typed) == link
