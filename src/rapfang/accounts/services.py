"""Writes about users, agencies and roles. Each runs in one transaction and leaves an audit entry."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, AgencyContact, ApiKey, Membership, Role, User
from rapfang.accounts.permissions import Perm, is_administrator, require, user_roles_forget
from rapfang.accounts.selectors import apikey_cache_key, apikey_local_forget
from rapfang.core.actors import acting_user, as_actor
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput, NotFound

AGENCY_FIELDS = ("name_th", "name_en", "abbr_th", "abbr_en", "phone", "fax", "email", "website", "successor")
CONTACT_FIELDS = ("name_th", "name_en", "position_th", "position_en", "phone", "email")


@transaction.atomic
def agency_save(*, actor: Any, slug: str, **fields: Any) -> Agency:
    """Create the agency `slug` (administrators only), or update it with `fields`.

    An agency's organisers may update its details; who succeeds it is for administrators to say.
    """
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    agency = Agency.objects.select_for_update().filter(slug=slug).first()
    if agency is None or ("successor" in fields and fields["successor"] != agency.successor):
        require(actor, Perm.ADMINISTER)
    else:
        require(actor, Perm.ORGANISE, agency.pk)
    created = agency is None
    agency = agency or Agency(slug=slug)
    for name, value in fields.items():
        setattr(agency, name, value)
    _validated(agency, exclude=[] if created else ["slug"])
    agency.save()
    audit_log(actor=actor, action="accounts.agency.create" if created else "accounts.agency.update", target=agency,
              data={"fields": ",".join(sorted(fields))})  # fmt: skip
    return agency


def _validated(instance: Any, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as error:
        raise InvalidInput(code="invalid", errors=error.message_dict) from error


@transaction.atomic
def agency_delete(*, actor: Any, agency: Agency) -> None:
    """Delete an agency that has never organised a consultation; its contacts, roles and invitations go with it."""
    require(actor, Perm.ADMINISTER)
    if agency.consultations.exists():
        raise Conflict(_("This agency has consultations and cannot be deleted."), code="agency_in_use")
    audit_log(actor=actor, action="accounts.agency.delete", target=agency)
    agency.delete()


@transaction.atomic
def agency_contacts_replace(*, actor: Any, agency: Agency, contacts: list[dict[str, Any]]) -> list[AgencyContact]:
    """Make the agency's public contact persons `contacts`, in order.

    A row with an `id` of one of the agency's contacts updates that person, so the events that name them keep them;
    a row without one adds a person; the agency's other contacts are removed.
    """
    require(actor, Perm.ORGANISE, agency.pk)
    unknown = {name for row in contacts for name in row} - {"id", *CONTACT_FIELDS}
    if unknown:
        raise InvalidInput(code="unknown_fields", fields=sorted(unknown))
    kept = {contact.pk: contact for contact in agency.contacts.select_for_update()}
    saved = []
    for order, row in enumerate(contacts):
        contact = kept.pop(_contact_id(row) or 0, None) or AgencyContact(agency=agency)
        for name in CONTACT_FIELDS:
            setattr(contact, name, row.get(name) or "")
        contact.order = order
        _validated(contact, exclude=["agency"])
        contact.save()
        saved.append(contact)
    AgencyContact.objects.filter(pk__in=kept).delete()
    audit_log(actor=actor, action="accounts.agency.contacts_replace", target=agency,
              data={"count": len(saved), "removed": len(kept)})  # fmt: skip
    return saved


def _contact_id(row: dict[str, Any]) -> int | None:
    value = row.get("id")
    return getattr(value, "pk", value) or None


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
    """Give `user` the `role` (organiser or moderator) in `agency`, and let them log in to the staff pages.

    Every way of giving a role goes through here: an accepted invitation, the admin, the CLI, the demo.
    """
    require(actor, Perm.MANAGE_TEAM, agency.pk)
    if role not in Role.values:
        raise InvalidInput(_("Choose a role: organiser or moderator."), code="unknown_role")
    membership, _created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user_roles_forget(user)
    audit_log(actor=actor, action="accounts.membership.grant", target=membership)
    return membership


@transaction.atomic
def membership_change(*, actor: Any, agency: Agency, user: User, role: str) -> Membership:
    """Make `role` the one role `user` holds in `agency`. The agency keeps at least one organiser."""
    require(actor, Perm.MANAGE_TEAM, agency.pk)
    if role not in Role.values:
        raise InvalidInput(_("Choose a role: organiser or moderator."), code="unknown_role")
    held = _roles_locked(agency, user)
    if Role.ORGANISER in held and role != Role.ORGANISER:
        _keep_an_organiser(actor, agency, user)
    Membership.objects.filter(agency=agency, user=user).exclude(role=role).delete()
    membership, _created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    user_roles_forget(user)
    audit_log(actor=actor, action="accounts.membership.change", target=membership,
              data={"from": ",".join(sorted(held)), "to": role})  # fmt: skip
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, agency: Agency, user: User, role: str | None = None) -> None:
    """Take `role` (every role, when None) in `agency` from `user`: their access ends with the next request.

    Someone left with no role anywhere can no longer use the staff pages.
    """
    require(actor, Perm.MANAGE_TEAM, agency.pk)
    held = _roles_locked(agency, user)
    removed = held if role is None else held & {role}
    if Role.ORGANISER in removed:
        _keep_an_organiser(actor, agency, user)
    Membership.objects.filter(agency=agency, user=user, role__in=removed).delete()
    if not user.is_superuser and not Membership.objects.filter(user=user).exists():
        User.objects.filter(pk=user.pk).update(is_staff=False)
        user.is_staff = False
    user_roles_forget(user)
    audit_log(actor=actor, action="accounts.membership.revoke", target=agency,
              data={"user": user.get_username(), "roles": ",".join(sorted(removed))})  # fmt: skip


def _roles_locked(agency: Agency, user: User) -> set[str]:
    """The user's roles in the agency, with the agency locked so that two changes of its team run one after another."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    held = set(Membership.objects.filter(agency=agency, user=user).values_list("role", flat=True))
    if not held:
        raise NotFound(_("This person has no role in the agency."), code="not_a_member")
    return held


def _keep_an_organiser(actor: Any, agency: Agency, leaving: User) -> None:
    """Only an administrator may leave an agency without an organiser (to invite a new one)."""
    if is_administrator(actor) or as_actor(actor).is_system:
        return
    others = Membership.objects.filter(agency=agency, role=Role.ORGANISER).exclude(user=leaving)
    if not others.exists():
        raise Conflict(
            _("The agency must keep at least one organiser. Invite or appoint another organiser first."),
            code="last_organiser",
        )


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
    seconds = settings.APIKEY_CACHE_SECONDS
    if seconds:  # overwritten, not deleted: a request that read the key before the commit cannot bring it back
        transaction.on_commit(lambda: cache.set(apikey_cache_key(key.key_hash), False, seconds))
    transaction.on_commit(lambda: apikey_local_forget(key.key_hash))  # other processes: within APIKEY_LOCAL_SECONDS
    audit_log(actor=actor, action="accounts.apikey.revoke", target=key)
    return key
