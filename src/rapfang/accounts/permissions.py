"""What an actor may do: one check for every service, view and admin page.

Roles are held per agency (`Membership`): organisers run the agency's consultations and its team, moderators review
comments. Administrators (superusers) may do everything; the system (CLI, jobs) too. The public and registrants hold
no staff permission: what they may do (comment in the period, change their own registration before the deadline)
is a rule of the service concerned.
"""

from __future__ import annotations

import enum
from typing import Any

from rapfang.accounts.models import Membership, Role
from rapfang.core.actors import Actor, ActorKind, ActorLike, as_actor
from rapfang.core.errors import PermissionDenied


class Perm(enum.StrEnum):
    VIEW = "view"  # the agency's staff pages
    MODERATE = "moderate"  # review comments, key in comments received offline
    ORGANISE = "organise"  # set up and run the agency's consultations and events
    MANAGE_TEAM = "manage_team"  # invite staff to the agency, change and remove their roles
    ADMINISTER = "administer"  # the whole site: agencies, privacy notices, API keys


ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ORGANISER: frozenset({Perm.VIEW, Perm.MODERATE, Perm.ORGANISE, Perm.MANAGE_TEAM}),
    Role.MODERATOR: frozenset({Perm.VIEW, Perm.MODERATE}),
}
_ROLES_ATTRIBUTE = "_rapfang_roles"


def user_roles(user: Any) -> dict[int, set[str]]:
    """The user's roles by agency id, read once per user object (that is, once per request)."""
    cached = getattr(user, _ROLES_ATTRIBUTE, None)
    if cached is None:
        cached = {}
        for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
            cached.setdefault(agency_id, set()).add(role)
        setattr(user, _ROLES_ATTRIBUTE, cached)
    return cached


def user_roles_forget(user: Any) -> None:
    """After a change of the user's roles, so that the same object reads them afresh."""
    if hasattr(user, _ROLES_ATTRIBUTE):
        delattr(user, _ROLES_ATTRIBUTE)


def is_administrator(actor: ActorLike) -> bool:
    actor = as_actor(actor)
    user = actor.user
    return actor.kind is ActorKind.USER and bool(user.is_active and user.is_superuser)


def _perms_in(actor: Actor, agency_id: int) -> frozenset[Perm]:
    roles = user_roles(actor.user).get(agency_id, set())
    return frozenset().union(*(ROLE_PERMS[role] for role in roles if role in ROLE_PERMS))


def can(actor: ActorLike, perm: Perm, agency_id: int | None = None) -> bool:
    """Whether `actor` holds `perm` in the agency `agency_id` (or site-wide, for ADMINISTER)."""
    actor = as_actor(actor)
    if actor.is_system:
        return True
    if actor.kind is not ActorKind.USER or not actor.user.is_active:
        return False
    if actor.user.is_superuser:
        return True
    if perm is Perm.ADMINISTER or agency_id is None:
        return False
    return perm in _perms_in(actor, agency_id)


def require(actor: ActorLike, perm: Perm, agency_id: int | None = None) -> None:
    """Raise PermissionDenied unless `can(actor, perm, agency_id)`."""
    if not can(actor, perm, agency_id):
        raise PermissionDenied()


def agencies_where(actor: ActorLike, perm: Perm) -> set[int] | None:
    """The agencies in which `actor` holds `perm`; None means every agency (administrators, the system)."""
    actor = as_actor(actor)
    if actor.is_system or is_administrator(actor):
        return None
    if actor.kind is not ActorKind.USER or not actor.user.is_active:
        return set()
    return {agency_id for agency_id in user_roles(actor.user) if perm in _perms_in(actor, agency_id)}
