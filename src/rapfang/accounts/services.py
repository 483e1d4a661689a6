"""Writes about users, agencies and roles. Each runs in one transaction and leaves an audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rapfang.accounts.models import Agency, AgencyContact, Membership, Role, User
from rapfang.accounts.selectors import user_is_administrator
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput, PermissionDenied

AGENCY_FIELDS = ("name_th", "name_en", "abbr_th", "abbr_en", "phone", "fax", "email", "website", "successor")


def _require_administrator(actor: Any) -> None:
    if actor is not None and not user_is_administrator(actor):
        raise PermissionDenied()


@transaction.atomic
def agency_save(*, actor: Any, slug: str, **fields: Any) -> Agency:
    """Create the agency `slug`, or update it with `fields`. Only administrators (or the system) may."""
    _require_administrator(actor)
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    agency, created = Agency.objects.update_or_create(slug=slug, defaults=fields)
    audit_log(actor=actor, action="accounts.agency.create" if created else "accounts.agency.update", target=agency)
    return agency


@transaction.atomic
def agency_contacts_replace(*, actor: Any, agency: Agency, contacts: list[dict[str, str]]) -> list[AgencyContact]:
    """Replace the agency's public contact persons with `contacts`, in order."""
    _require_administrator(actor)
    agency.contacts.all().delete()
    saved = [AgencyContact.objects.create(agency=agency, order=index, **row) for index, row in enumerate(contacts)]
    audit_log(actor=actor, action="accounts.agency.contacts_replace", target=agency, data={"count": len(saved)})
    return saved


@transaction.atomic
def user_create_staff(
    *, actor: Any, username: str, password: str, email: str = "", administrator: bool = False
) -> User:
    """Create a staff account; an administrator account may manage everything."""
    _require_administrator(actor)
    if User.objects.filter(username=username).exists():
        raise InvalidInput(code="username_taken")
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        is_staff=True,
        is_superuser=administrator,
    )
    audit_log(actor=actor, action="accounts.user.create", target=user, data={"administrator": administrator})
    return user


@transaction.atomic
def membership_grant(*, actor: Any, user: User, agency: Agency, role: str) -> Membership:
    """Give `user` the `role` (organiser or moderator) in `agency`."""
    _require_administrator(actor)
    if role not in Role.values:
        raise InvalidInput(code="unknown_role")
    membership, _created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit_log(actor=actor, action="accounts.membership.grant", target=membership)
    return membership
