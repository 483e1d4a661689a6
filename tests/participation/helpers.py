"""The moments of the test consultation, and helpers to make it from nothing, follow it and read the mail."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from clock import bkk
from rapfang.accounts.services import agency_save
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.consultations.services import consultation_create, milestone_set
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.participation.services import follow_confirm, follow_request

SECOND = timedelta(seconds=1)
OPENS = bkk(2027, 1, 10, 9, 0, 0)
CLOSES = bkk(2027, 1, 25, 16, 30, 0)  # the last second of the period
CLOSES_SOON = bkk(2027, 1, 22, 16, 30, 1)  # three days before the first second after it
HEARING = bkk(2027, 1, 15, 9, 0, 0)
HEARING_SOON = bkk(2027, 1, 12, 9, 0, 0)
ASKED = bkk(2027, 1, 2, 10, 0, 0)
AFTER = bkk(2027, 2, 1, 10, 0, 0)  # the period closed and the hearing met


def hearing_make(opens: datetime = OPENS, closes: datetime = CLOSES, hearing: datetime = HEARING) -> Any:
    """A published consultation made from nothing: an agency, a comment period and a hearing day."""
    agency = agency_save(
        actor=SYSTEM, slug="onde", name_th="สำนักงานพัฒนารัฐบาลดิจิทัล", name_en="Digital Government Development Agency"
    )
    consultation = consultation_create(
        actor=SYSTEM, agency=agency, slug="open-data-act", title_th="ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
        title_en="Draft Open Government Data Act", is_published=True,
    )  # fmt: skip
    milestone_set(actor=SYSTEM, consultation=consultation, kind="comments", starts_at=opens, ends_at=closes)
    milestone_set(actor=SYSTEM, consultation=consultation, kind="hearing", starts_at=hearing,
                  ends_at=hearing + timedelta(hours=3))  # fmt: skip
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    return consultation


LINK = re.compile(r"https?://\S+")


def links(body: str) -> list[str]:
    return LINK.findall(body)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def followed(
    consultation: Any, email: str = "somsri@example.org", *, language: str = "th", agency: bool = False
) -> Any:
    target = {"agency": consultation.agency} if agency else {"consultation": consultation}
    follow = follow_request(actor=PUBLIC, email=email, language=language, now=ASKED, **target)
    return follow_confirm(actor=PUBLIC, token=follow.token, now=ASKED)
