"""Writes about users, agencies and roles. Each runs in one transaction and leaves an audit entry."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from rapfang.accounts.models import Agency, AgencyContact, ApiKey, Membership, Role, User
from rapfang.accounts.permissions import Perm, require
from rapfang.accounts.selectors import apikey_cache_key
from rapfang.core.actors import acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput

AGENCY_FIELDS = ("name_th", "name_en", "abbr_th", "abbr_en", "phone", "fax", "email", "website", "successor")


@transaction.atomic
def agency_save(*, actor: Any, slug: str, **fields: Any) -> Agency:
    """Create the agency `slug`, or update it with `fields`. Only administrators (or the system) may."""
    require(actor, Perm.ADMINISTER)
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    agency, created = Agency.objects.update_or_create(slug=slug, defaults=fields)
    audit_log(actor=actor, action="accounts.agency.create" if created else "accounts.agency.update", target=agency)
    return agency


@transaction.atomic
def agency_contacts_replace(*, actor: Any, agency: Agency, contacts: list[dict[str, str]]) -> list[AgencyContact]:
    """Replace the agency's public contact persons with `contacts`, in order."""
    require(actor, Perm.ADMINISTER)
    agency.contacts.all().delete()
    saved = [AgencyContact.objects.create(agency=agency, order=index, **row) for index, row in enumerate(contacts)]
    audit_log(actor=actor, action="accounts.agency.contacts_replace", target=agency, data={"count": len(saved)})
    return saved


@transaction.atomic
def user_create_staff(
    *, actor: Any, username: str, password: str, email: str = "", administrator: bool = False
) -> User:
    """Create a staff account; an administrator account may manage everything."""
    require(actor, Perm.ADMINISTER)
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
    require(actor, Perm.ADMINISTER)
    if role not in Role.values:
        raise InvalidInput(code="unknown_role")
    membership, _created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit_log(actor=actor, action="accounts.membership.grant", target=membership)
    return membership


def apikey_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def apikey_create(*, actor: Any, name: str, requests_per_minute: int | None = None) -> tuple[ApiKey, str]:
    """Issue a key; the raw key is returned once and never stored."""
    require(actor, Perm.ADMINISTER)
    if not name.strip():
        raise InvalidInput(code="name_required")
    if requests_per_minute is not None and requests_per_minute < 1:
        raise InvalidInput(code="invalid_rate")
    raw_key = "rf_" + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name.strip(), prefix=raw_key[:10], key_hash=apikey_hash(raw_key),
        requests_per_minute=requests_per_minute, created_by=acting_user(actor),
    )  # fmt: skip
    audit_log(actor=actor, action="accounts.apikey.create", target=key)
    return key, raw_key


@transaction.atomic
def apikey_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    require(actor, Perm.ADMINISTER)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    transaction.on_commit(lambda: cache.delete(apikey_cache_key(key.key_hash)))
    audit_log(actor=actor, action="accounts.apikey.revoke", target=key)
    return key
