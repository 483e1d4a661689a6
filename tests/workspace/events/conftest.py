"""An event of the new agency's consultation, and people registering for it: what the event tests share.

Registrations come in as paper reply forms keyed in by the organiser, so the consultation need not be published.
"""

from __future__ import annotations

from typing import Any

import pytest

from clock import bkk
from hearings.conftest import (
    person,
    smtp,  # noqa: F401 (a fixture of these tests too)
)
from rapfang.hearings.services import event_save, registration_create

OPENS = bkk(2026, 12, 1, 9, 0, 0)
DEADLINE = bkk(2027, 1, 15, 23, 59, 59)
DURING = bkk(2026, 12, 10, 10, 0, 0)
STARTS = bkk(2027, 1, 20, 9, 0, 0)
ENDS = bkk(2027, 1, 20, 16, 30, 0)


@pytest.fixture
def hearing(consultation: Any, organiser: Any) -> Any:
    """The consultation's main hearing: two seats, registration open in December 2026."""
    return event_save(
        actor=organiser, consultation=consultation, kind="hearing", is_main=True,
        title_th="การประชุมรับฟังความคิดเห็นต่อร่างกฎกระทรวง", title_en="Public hearing on the draft regulation",
        starts_at=STARTS, ends_at=ENDS, venue_th="ห้องประชุม ๑ กรมที่ดิน", capacity=2, registration_required=True,
        registration_opens_at=OPENS, registration_closes_at=DEADLINE,
    )  # fmt: skip


def register(event: Any, actor: Any, n: int, language: str = "th", **extra: Any) -> Any:
    """Person n's paper reply, received during the window."""
    return registration_create(
        actor=actor, event_id=event.pk, data=person(n, **extra), channel="paper", received_at=DURING, now=DURING,
        language=language,
    )  # fmt: skip
