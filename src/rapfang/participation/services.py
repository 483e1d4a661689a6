"""Following a consultation or an agency by e-mail: asked for, confirmed by the link in the mail (double opt-in),
ended by one click; and asking for the "my participation" link. One transaction and one audit entry each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.core.audit import audit_log
from rapfang.core.codes import random_code
from rapfang.core.errors import InvalidInput, NotFound
from rapfang.core.ratelimit import identity_limit, mail_allowed
from rapfang.participation.models import Follow

TOKEN_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # noqa: S105 (the letters of a random token)
EMAIL_NEEDED = _("Please give your e-mail address.")
EMAIL_INVALID = _("This e-mail address is not valid.")


def email_checked(email: str) -> str:
    """The address in lower case; InvalidInput naming the `email` field when it is missing or not valid."""
    email = (email or "").strip().lower()
    if not email:
        raise InvalidInput(EMAIL_NEEDED, code="invalid", errors={"email": [str(EMAIL_NEEDED)]})
    if len(email) > 254 or not _valid_email(email):
        raise InvalidInput(EMAIL_INVALID, code="invalid", errors={"email": [str(EMAIL_INVALID)]})
    return email


def _valid_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _token() -> str:
    return random_code(TOKEN_ALPHABET, 32)


def follow_request(
    *,
    actor: Any,
    email: str,
    consultation: Consultation | None = None,
    agency: Agency | None = None,
    language: str = "th",
    now: datetime | None = None,
) -> Follow:
    """Ask to follow a consultation or an agency: the follow waits for its confirmation, which is mailed (unless
    the address had too much mail lately). Asked again, a confirmed follow stays confirmed and is sent the link
    again; after an unsubscription, a new follow is made. The answer is the same whatever the address."""
    if (consultation is None) == (agency is None):
        raise ValueError("a follow is of a consultation or of an agency")
    now = now or timezone.now()
    email = email_checked(email)
    identity_limit(scope="follow", identities=[email])
    mail = mail_allowed(email)
    with transaction.atomic():
        target: dict[str, Any] = {"consultation": consultation} if consultation is not None else {"agency": agency}
        follow = Follow.objects.select_for_update().filter(email=email, **target).first()
        if follow is None:
            follow = Follow(email=email, **target, token=_token(), created_at=now)
        follow.language = language if language in ("th", "en") else "th"
        follow.save()
        audit_log(actor=actor, action="participation.follow.request", target=follow,
                  data={"of": "consultation" if consultation is not None else "agency"})  # fmt: skip
        if mail:
            follow_id = follow.pk
            transaction.on_commit(lambda: _mail_confirmation(follow_id))
    return follow


def _mail_confirmation(follow_id: int) -> None:
    from rapfang.participation.tasks import follow_confirmation_mail

    follow_confirmation_mail.enqueue(follow_id)


def follow_get(*, token: str) -> Follow:
    follow = Follow.objects.select_related("consultation__agency", "agency").filter(token=token[:40]).first()
    if follow is None or not token:
        raise NotFound(code="follow_not_found")
    return follow


@transaction.atomic
def follow_confirm(*, actor: Any, token: str, now: datetime | None = None) -> Follow:
    """Confirm a follow by the token of its link; NotFound for an unknown token or a follow already ended."""
    follow = follow_get(token=token)
    if follow.unsubscribed_at is not None:
        raise NotFound(code="follow_ended")
    if follow.confirmed_at is None:
        follow.confirmed_at = now or timezone.now()
        follow.save(update_fields=["confirmed_at"])
        audit_log(actor=actor, action="participation.follow.confirm", target=follow)
    return follow


@transaction.atomic
def follow_unsubscribe(*, actor: Any, token: str, now: datetime | None = None) -> Follow:
    """End a follow by the token of its link (one click, RFC 8058): nothing more is sent and its address is
    emptied. Done twice, no harm."""
    follow = follow_get(token=token)
    if follow.unsubscribed_at is None:
        follow.unsubscribed_at, follow.email = now or timezone.now(), ""
        follow.save(update_fields=["unsubscribed_at", "email"])
        audit_log(actor=actor, action="participation.follow.unsubscribe", target=follow)
    return follow


UNCONFIRMED_KEPT = timedelta(days=7)


def follows_unconfirmed_purge(*, now: datetime | None = None) -> int:
    """Delete the follows never confirmed within seven days of being asked for, with their addresses; how many."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT
    deleted, _rows = Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    if deleted:
        audit_log(actor=SYSTEM, action="participation.follow.purge", data={"unconfirmed": deleted})
    return int(deleted)


def mine_link_request(*, email: str, language: str = "th") -> None:
    """Mail the "my participation" link to `email`, whatever it took part in (or nothing): the answer never tells
    whether an address is known. Limited per address like other public writes."""
    email = email_checked(email)
    identity_limit(scope="mine", identities=[email])
    if mail_allowed(email):
        from rapfang.participation.tasks import mine_link_mail

        mine_link_mail.enqueue(email, language if language in ("th", "en") else "th")
