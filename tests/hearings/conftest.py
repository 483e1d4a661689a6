"""Events to register for, staff with and without the organiser role, and a real SMTP server on loopback."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from clock import bkk
from mailserver import Inbox, smtp  # noqa: F401 (imported from here by other tests)
from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.core.actors import SYSTEM
from rapfang.hearings.services import event_save

OPENS = bkk(2016, 11, 1, 9, 0, 0)
DEADLINE = bkk(2016, 11, 14, 23, 59, 59)
DURING = bkk(2016, 11, 10, 10, 0, 0)


@pytest.fixture
def make_event(demo: Any) -> Any:
    """An event of the demo consultation, open for registration in November 2016."""

    def make(capacity: int | None = 2, **fields: Any) -> Any:
        values: dict[str, Any] = {
            "kind": "workshop",
            "title_th": "ประชุมระดมสมอง ด้านการศึกษา",
            "title_en": "Brainstorming workshop: education",
            "starts_at": bkk(2016, 11, 18, 9, 30),
            "ends_at": bkk(2016, 11, 18, 16, 0),
            "venue_th": "ห้องประชุม ๑",
            "capacity": capacity,
            "registration_required": True,
            "registration_opens_at": OPENS,
            "registration_closes_at": DEADLINE,
            **fields,
        }
        return event_save(actor=SYSTEM, consultation=demo, **values)

    return make


@pytest.fixture
def organiser(demo: Any) -> Any:
    user = user_create_staff(actor=SYSTEM, username="somchai", password="x-Very-long-pass-9")
    membership_grant(actor=SYSTEM, user=user, agency=demo.agency, role=Role.ORGANISER)
    return user


@pytest.fixture
def stranger(db: Any) -> Any:
    return user_create_staff(actor=SYSTEM, username="outsider", password="x-Very-long-pass-9")


def person(n: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "name": f"สมหญิง ใจดี {n}",
        "organisation": "กรมตัวอย่าง",
        "position": "นักวิเคราะห์",
        "stakeholder_type": "government",
        "email": f"person{n}@example.go.th",
        "phone": f"08{n:08d}",
        "needs": "",
        "consent": True,
        **extra,
    }


def later(moment: datetime, seconds: int) -> datetime:
    return moment + timedelta(seconds=seconds)
