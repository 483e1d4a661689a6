"""Inviting people to an agency's team by e-mail, and accepting through the signed link in the mail.

An invitation names an address, an agency and a role. The link in its mail is signed (`django.core.signing`) and
carries the invitation's number and its current nonce: it works once, until the invitation expires, and only while the
invitation is pending. Sending it again issues a new nonce and a new expiry, so only the latest link works; a new
invitation to the same address in the same agency replaces the pending one. The mail is sent by a background job
queued when the transaction commits, never before.
"""

from __future__ import annotations

import secrets
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, Invitation, InvitationStatus, Membership, Role, User
from rapfang.accounts.permissions import Perm, require
from rapfang.accounts.services import membership_grant
from rapfang.core.actors import SYSTEM, Actor, acting_user, as_actor
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, DomainError, InvalidInput

SALT = "rapfang.accounts.invitation"


class InvitationRefused(DomainError):
    """The link cannot be used: tampered with, replaced, expired, already used or withdrawn."""

    code = "invitation_refused"
    status = 410
    default_message = _("This invitation link cannot be used.")


REFUSALS = {
    "invalid": (400, _("This invitation link is not valid. Check that the whole link from the e-mail was opened.")),
    "replaced": (410, _("This link has been replaced by a newer one. Use the link in the latest e-mail you received.")),
    "expired": (410, _("This invitation has expired. Ask the person who invited you to send it again.")),
    "accepted": (410, _("This invitation has already been accepted. Log in with your account.")),
    "withdrawn": (410, _("This invitation was withdrawn. Ask the agency if you should still join its team.")),
}


def _refused(reason: str) -> InvitationRefused:
    status, message = REFUSALS[reason]
    error = InvitationRefused(message, code=f"invitation_{reason}")
    error.status = status
    return error


def invitation_token(invitation: Invitation) -> str:
    return signing.Signer(salt=SALT).sign_object([invitation.pk, invitation.nonce])


def _days() -> timedelta:
    return timedelta(days=settings.INVITATION_DAYS)


def _address(email: str) -> str:
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError as error:
        raise InvalidInput(code="invalid_email", errors={"email": [_("Enter a valid e-mail address.")]}) from error
    return address


def _checked(agency: Agency, email: str, role: str, language: str) -> str:
    address = _address(email)
    if role not in Role.values:
        raise InvalidInput(code="unknown_role", errors={"role": [_("Choose a role: organiser or moderator.")]})
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(code="unknown_language", errors={"language": [_("Choose Thai or English.")]})
    if Membership.objects.filter(agency=agency, user__in=accounts_of(address)).exists():
        message = _("This person is already in the agency's team. Change their role in the team list instead.")
        raise Conflict(message, code="already_member", errors={"email": [message]})
    return address


def accounts_of(email: str) -> QuerySet[User]:
    """The accounts an address belongs to: by e-mail, or by a username that is the address."""
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))


@transaction.atomic
def invitation_create(
    *, actor: Any, agency: Agency, email: str, role: str, language: str = "th", now: datetime | None = None
) -> Invitation:
    """Invite `email` to take `role` in `agency`; a pending invitation to the same address there is replaced."""
    require(actor, Perm.MANAGE_TEAM, agency.pk)
    now = now or timezone.now()
    address = _checked(agency, email, role, language)
    pending = Invitation.objects.select_for_update().filter(
        agency=agency, email=address, status=InvitationStatus.PENDING
    )
    replaced = pending.update(status=InvitationStatus.REPLACED, ended_at=now)
    invitation = Invitation(agency=agency, email=address, role=role, language=language,
                            invited_by=acting_user(actor), nonce=secrets.token_hex(16),
                            issued_at=now, expires_at=now + _days())  # fmt: skip
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:  # another invitation to the address was made at the same moment
        raise Conflict(_("An invitation to this address was just sent. Reload the page."), code="busy") from error
    audit_log(actor=actor, action="accounts.invitation.create", target=invitation,
              data={"email": address, "role": role, "replaced": replaced})  # fmt: skip
    _mail_on_commit(invitation)
    return invitation


def _mail_on_commit(invitation: Invitation) -> None:
    invitation_id, nonce = invitation.pk, invitation.nonce
    transaction.on_commit(lambda: _enqueue(invitation_id, nonce))


def _enqueue(invitation_id: int, nonce: str) -> None:
    from rapfang.accounts.tasks import invitation_mail

    invitation_mail.enqueue(invitation_id, nonce)


def _pending_locked(actor: Any, invitation: Invitation) -> Invitation:
    require(actor, Perm.MANAGE_TEAM, invitation.agency_id)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != InvitationStatus.PENDING:
        raise Conflict(_("This invitation is no longer pending."), code="not_pending")
    return locked


@transaction.atomic
def invitation_resend(*, actor: Any, invitation: Invitation, now: datetime | None = None) -> Invitation:
    """Send the invitation again with a new link and a new expiry; the earlier link stops working."""
    invitation = _pending_locked(actor, invitation)
    now = now or timezone.now()
    invitation.nonce, invitation.issued_at, invitation.expires_at = secrets.token_hex(16), now, now + _days()
    invitation.mailed_at, invitation.mail_error = None, ""
    invitation.save(update_fields=["nonce", "issued_at", "expires_at", "mailed_at", "mail_error"])
    audit_log(actor=actor, action="accounts.invitation.resend", target=invitation, data={"email": invitation.email})
    _mail_on_commit(invitation)
    return invitation


@transaction.atomic
def invitation_withdraw(*, actor: Any, invitation: Invitation, now: datetime | None = None) -> Invitation:
    """Withdraw a pending invitation: its link stops working at once."""
    invitation = _pending_locked(actor, invitation)
    invitation.status, invitation.ended_at = InvitationStatus.WITHDRAWN, now or timezone.now()
    invitation.save(update_fields=["status", "ended_at"])
    audit_log(actor=actor, action="accounts.invitation.withdraw", target=invitation, data={"email": invitation.email})
    return invitation


def invitation_from_token(token: str, *, now: datetime | None = None, lock: bool = False) -> Invitation:
    """The pending invitation the link names, or InvitationRefused saying why it cannot be used."""
    try:
        pk, nonce = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise _refused("invalid") from error
    queryset = Invitation.objects.select_related("agency", "invited_by")
    invitation = (queryset.select_for_update(of=("self",)) if lock else queryset).filter(pk=pk).first()
    if invitation is None:
        raise _refused("invalid")
    if invitation.status != InvitationStatus.PENDING:
        raise _refused(invitation.status)
    if not secrets.compare_digest(str(nonce), invitation.nonce):
        raise _refused("replaced")
    if (now or timezone.now()) > invitation.expires_at:
        raise _refused("expired")
    return invitation


@transaction.atomic
def invitation_accept(
    *, actor: Any, token: str, first_name: str = "", last_name: str = "", password: str = "",
    now: datetime | None = None,
) -> User:  # fmt: skip
    """Accept the invitation: a signed-in person whose address it is gets the role; anyone else with the link sets
    a name and a password for a new account with the role. The link works once."""
    now = now or timezone.now()
    invitation = invitation_from_token(token, now=now, lock=True)
    who = as_actor(actor)
    user = _existing(invitation, who) if who.is_user else _new_account(invitation, first_name, last_name, password)
    membership_grant(actor=SYSTEM, user=user, agency=invitation.agency, role=invitation.role)
    invitation.status, invitation.ended_at, invitation.accepted_by = InvitationStatus.ACCEPTED, now, user
    invitation.save(update_fields=["status", "ended_at", "accepted_by"])
    audit_log(actor=Actor.of_user(user), action="accounts.invitation.accept", target=invitation,
              data={"email": invitation.email, "role": invitation.role, "new_account": not who.is_user})  # fmt: skip
    return user


def _existing(invitation: Invitation, who: Actor) -> User:
    user = who.user
    if user.email.lower() != invitation.email and user.get_username().lower() != invitation.email:
        raise InvitationRefused(
            _("This invitation is for %(email)s, not for the account you are logged in with. Log out and open the "
              "link again.") % {"email": invitation.email},
            code="invitation_other_account",
        )  # fmt: skip
    return user


def _new_account(invitation: Invitation, first_name: str, last_name: str, password: str) -> User:
    if accounts_of(invitation.email).exists():
        raise InvitationRefused(
            _("An account with this e-mail address exists already. Log in with it, then open the link again."),
            code="invitation_log_in",
        )
    user = User(username=username_for(invitation.email), email=invitation.email,
                first_name=first_name.strip(), last_name=last_name.strip())  # fmt: skip
    errors: dict[str, list[Any]] = {}
    if not user.first_name:
        errors["first_name"] = [_("Enter your first name.")]
    if not user.last_name:
        errors["last_name"] = [_("Enter your last name.")]
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise InvalidInput(code="invalid", errors=errors)
    user.set_password(password)
    user.save()
    return user


def username_for(email: str) -> str:
    """The address itself, when it makes a valid username (nearly always); else its local part and a number."""
    field = User._meta.get_field("username")
    try:
        field.run_validators(email)
    except ValidationError:
        pass
    else:
        if len(email) <= (field.max_length or 150):
            return email
    base = "".join(c for c in email.split("@")[0] if c.isalnum() or c in "._-")[:40] or "staff"
    number = 1
    while User.objects.filter(username=f"{base}{number}").exists():
        number += 1
    return f"{base}{number}"


def invitation_mail_send(*, invitation_id: int, nonce: str, now: datetime | None = None) -> bool:
    """Send the invitation's mail if the invitation is still pending with this link; record what the server said."""
    from rapfang.accounts.invitation_mail import invitation_message

    invitation = Invitation.objects.select_related("agency", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.PENDING or invitation.nonce != nonce:
        return False
    try:
        invitation_message(invitation).send()
    except (OSError, smtplib.SMTPException) as error:
        Invitation.objects.filter(pk=invitation_id, nonce=nonce).update(mail_error=str(error)[:300])
        return False
    Invitation.objects.filter(pk=invitation_id, nonce=nonce).update(mailed_at=now or timezone.now(), mail_error="")
    return True
