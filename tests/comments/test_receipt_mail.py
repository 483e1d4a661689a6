"""The receipt mail: a salutation, the consultation's digits, a link to the receipt itself, the agency's closing."""

from __future__ import annotations

import re

import pytest
from comment_helpers import DURING, valid

from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC

pytestmark = pytest.mark.django_db(transaction=True)


def _mail(smtp, demo, language="th", **data):
    comment = comment_submit(actor=PUBLIC, consultation=demo, data=valid(email="reader@example.org", **data),
                             now=DURING, language=language)  # fmt: skip
    [message] = smtp.messages
    return comment, message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def test_thai_receipt_mail_greets_links_the_receipt_and_signs(smtp, demo, settings):
    comment, body = _mail(smtp, demo, name="นายสมชาย ใจดี")
    assert body.startswith("เรียน นายสมชาย ใจดี\n")
    assert f"{settings.SITE_URL}/comments/receipts/{comment.receipt}/" in body
    received = next(line for line in body.splitlines() if line.startswith("วันและเวลาที่ได้รับ"))
    assert "๒๕๕๙" in received and not re.search(r"[0-9]", received)
    closing = body[body.index("ขอแสดงความนับถือ") :]
    assert "สำนักงานรัฐบาลอิเล็กทรอนิกส์ (องค์การมหาชน)" in closing


def test_anonymous_and_english_receipts(smtp, demo, settings):
    comment, body = _mail(smtp, demo, language="en", anonymous=True)
    assert body.startswith("Dear Sir or Madam,\n")
    assert f"{settings.SITE_URL}/en/comments/receipts/{comment.receipt}/" in body
    assert "20 November 2016" in body and "Yours sincerely," in body
