"""Someone registers again with the e-mail address or telephone number of an active registration of the event.

The answer must not tell them so: a page or an API answer that differs for an address that registered would let
anyone find out who signed up. So the web form, and the API for clients without a key, answer every accepted
registration alike ("received: the confirmation is on its way by e-mail"), and the registration's owner is told by
e-mail instead: someone, perhaps they, tried to register again; here is their registration, its reference and its
link. A genuine person who registered twice thus finds their registration in their mailbox. At most one such
message an hour per registration, so that the notice cannot be used to flood a mailbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from rapfang.core.actors import PUBLIC
from rapfang.core.audit import audit_log
from rapfang.core.ratelimit import Limit, ratelimit_hit
from rapfang.hearings.models import ACTIVE, MailKind, Registration
from rapfang.hearings.rules import identity_keys
from rapfang.hearings.services.outbox import mail_queue

NOTICE_LIMIT = Limit(1, 3600)  # messages per registration per hour


def _owners(event_id: int, email: str, phone: str) -> list[Registration]:
    keys = identity_keys(email, phone)
    same = Q(email_key=keys.email) if keys.email else Q(pk__in=[])
    if keys.phone:
        same |= Q(phone_key=keys.phone)
    return list(Registration.objects.filter(same, event_id=event_id, status__in=ACTIVE).exclude(email=""))


@transaction.atomic
def registration_repeat_notify(*, event_id: int, data: Mapping[str, Any], now: datetime | None = None) -> int:
    """Tell the owners of the event's active registrations that hold the address or telephone in `data` that
    someone tried to register again; how many were told."""
    owners = _owners(event_id, str(data.get("email") or ""), str(data.get("phone") or ""))
    told = [r for r in owners if ratelimit_hit(key=f"registration:repeat:{r.pk}", limit=NOTICE_LIMIT).allowed]
    for registration in told:
        mail_queue(registration, MailKind.REPEAT, now=now)
    if owners:
        audit_log(actor=PUBLIC, action="hearings.registration.repeat", target=owners[0],
                  data={"told": [r.pk for r in told]})  # fmt: skip
    return len(told)
