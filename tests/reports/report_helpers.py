"""Set-up of the summary report and open-data tests: staff of the demo agency, comments and registrations that
carry personal data (which must never reach a public file)."""

from __future__ import annotations

from typing import Any

from clock import bkk
from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.documents.models import Paragraph
from rapfang.hearings.models import Registration
from rapfang.hearings.services import registration_check_in, registration_create

# Personal data written by people, and how it may look inside a text.
EMAIL = "somchai.jaidee@example.co.th"
PHONE = "081-234-5678"
NATIONAL_ID = "1-2345-67890-12-3"
NATIONAL_ID_THAI = "๑๒๓๔๕๖๗๘๙๐๑๒๓"
NAMED = "สมชาย ใจดี"
ANONYMOUS_NAME = "วิภาวรรณ ลับเฉพาะ"
REGISTRANT = "ประยุทธ ลงทะเบียน"
REGISTRANT_PHONE = "0891112222"
REGISTRANT_EMAIL = "registrant@example.org"
SECOND_REGISTRANT = "มานี มีนา"
SECRETS = (EMAIL, PHONE, NATIONAL_ID, NATIONAL_ID_THAI, NAMED, ANONYMOUS_NAME, REGISTRANT, REGISTRANT_PHONE,
           REGISTRANT_EMAIL, SECOND_REGISTRANT, "second@example.org", "0823334444", "hidden@example.org",
           "0812345678", "1234567890123")  # fmt: skip


def roles(consultation: Any) -> dict[str, Any]:
    agency = consultation.agency
    return {
        "organiser": StaffFactory(username="org-v", agency=agency, role=Role.ORGANISER),
        "moderator": StaffFactory(username="mod-v", agency=agency, role=Role.MODERATOR),
        "outsider": StaffFactory(username="out-v"),
        "admin": StaffFactory(username="adm-v", administrator=True),
    }


def submit(consultation: Any, text: str, day: int = 18, **data: Any) -> Comment:
    fields = {"text": text, "anonymous": True, "stakeholder_type": "citizen", "consent": True, **data}
    return comment_submit(actor=PUBLIC, consultation=consultation, data=fields, now=bkk(2016, 11, day, 10, 0, 0))


def comments_with_personal_data(consultation: Any) -> list[Comment]:
    """Post-moderated comments whose authors and texts carry every kind of personal data we guard against."""
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    paragraph = Paragraph.objects.filter(version__document__consultation=consultation).order_by("version", "order")
    anchor = paragraph.first().anchor  # type: ignore[union-attr]
    named = submit(
        consultation, f"ควรเปิดข้อมูลการจัดซื้อจัดจ้าง ติดต่อผมได้ที่ {EMAIL} หรือโทร {PHONE}", 18,
        anonymous=False, name=NAMED, organisation="สมาคมผู้ประกอบการดิจิทัล", stakeholder_type="private",
        email=EMAIL, paragraph=anchor,
    )  # fmt: skip
    anonymous = submit(consultation, f"เลขประจำตัวประชาชนของดิฉันคือ {NATIONAL_ID} และ {NATIONAL_ID_THAI}", 19,
                       email="hidden@example.org")  # fmt: skip
    # An anonymous comment keyed in with a name left on the row: the name must still never go out.
    Comment.objects.filter(pk=anonymous.pk).update(name=ANONYMOUS_NAME)
    plain = submit(consultation, "ระบบบริการภาครัฐควรใช้งานบนโทรศัพท์มือถือได้ง่าย ภาษาไทยอ่านง่าย", 20,
                   stakeholder_type="academic")  # fmt: skip
    return [named, anonymous, plain]


def registrations(consultation: Any) -> list[Registration]:
    """Two registrations for the demo hearing, with names, telephones and e-mail addresses; one checked in."""
    event = consultation.events.get(is_main=True)
    made = []
    people = [(REGISTRANT, REGISTRANT_EMAIL, REGISTRANT_PHONE), (SECOND_REGISTRANT, "second@example.org", "0823334444")]
    for name, email, phone in people:
        data = {"name": name, "organisation": "กรมตัวอย่าง", "stakeholder_type": "government", "email": email,
                "phone": phone, "consent": True}  # fmt: skip
        made.append(registration_create(actor=SYSTEM, event_id=event.pk, data=data, now=bkk(2016, 11, 10, 9, 0, 0),
                                         notify=False))  # fmt: skip
    registration_check_in(actor=SYSTEM, registration_id=made[0].pk, now=bkk(2016, 11, 18, 9, 0, 0))
    return made
