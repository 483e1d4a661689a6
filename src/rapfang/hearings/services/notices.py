"""Publishing a new version of the registration privacy notice. Administrators only; a version, once in force,
is never changed or withdrawn, since consents name it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.windows import to_second
from rapfang.hearings.models import PrivacyNotice
from rapfang.hearings.notices import BUILT_IN_VERSIONS, CACHE_SECONDS, notices_forget

# Every server process reads the list of versions afresh within CACHE_SECONDS; a version published this long
# ahead of its moment is known everywhere when it comes into force, so the switch is exact to the second.
LEAD = timedelta(seconds=60)
assert LEAD.total_seconds() > CACHE_SECONDS


def privacy_notice_problems(version: str, text_th: str, in_force_from: datetime, now: datetime) -> dict[str, list[str]]:
    """What is wrong with a new version as given; empty when it can be published."""
    errors: dict[str, list[str]] = {}
    if not version or len(version) > 20 or version != version.strip():
        errors["version"] = [str(_("Give a version of up to 20 characters, such as 2027-01."))]
    elif version in BUILT_IN_VERSIONS:
        errors["version"] = [str(_("This version is the built-in notice: choose another."))]
    if not text_th.strip():
        errors["text_th"] = [str(_("Please give the notice's text in Thai."))]
    if to_second(in_force_from) < to_second(now + LEAD):
        errors["in_force_from"] = [
            str(_("A new notice comes into force at least one minute after it is published, never in the past."))
        ]
    return errors


def privacy_notice_publish(
    *,
    actor: Any,
    version: str,
    text_th: str,
    text_en: str = "",
    in_force_from: datetime | None = None,
    now: datetime | None = None,
) -> PrivacyNotice:
    """A new version, in force from `in_force_from` (a minute from now if not given); registrations from then
    consent to it."""
    require(actor, Perm.ADMINISTER)
    now = now or timezone.now()
    in_force_from = in_force_from or now + LEAD
    if errors := privacy_notice_problems(version, text_th, in_force_from, now):
        raise InvalidInput(code="invalid", errors=errors)
    try:
        with transaction.atomic():
            notice = PrivacyNotice.objects.create(
                version=version, text_th=text_th.strip(), text_en=text_en.strip(), in_force_from=in_force_from
            )
            audit_log(actor=actor, action="hearings.privacy_notice.publish", target=notice)
    except IntegrityError as error:
        raise Conflict(_("A notice of this version already exists."), code="duplicate_version") from error
    transaction.on_commit(notices_forget)
    notices_forget()
    return notice
