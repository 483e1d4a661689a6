"""Reads about users, agencies and roles."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from rapfang.accounts.models import Agency, ApiKey, Invitation, InvitationStatus, Membership, Role, User
from rapfang.accounts.permissions import Perm, agencies_where, can

# Active keys this process has just read, by hash: when each was read (before the query) and its row. Only keys
# found active are kept, so a stream of made-up keys cannot fill it.
_recent: dict[str, tuple[float, ApiKey]] = {}
_clock = time.monotonic


def apikey_cache_key(key_hash: str) -> str:
    return f"apikey:{key_hash}"


def apikey_get_active(*, key_hash: str) -> ApiKey | None:
    """The active key with this hash.

    A process keeps a key it found active for `APIKEY_LOCAL_SECONDS` (1 s) from the moment it began reading it,
    so that a client sending many requests costs one lookup a second, not one a request. A key revoked in this
    process is refused here at once (`apikey_local_forget`); revoked anywhere else (another server process, the
    CLI), it is refused everywhere at most `APIKEY_LOCAL_SECONDS` after the revocation committed. Beyond that, with
    a cache shared by every process (Redis), it is remembered for `APIKEY_CACHE_SECONDS`, and a revocation
    overwrites the entry once for all of them; with each process's own memory, the next lookup reads the database.
    """
    local = settings.APIKEY_LOCAL_SECONDS
    started = _clock()
    if local and (seen := _recent.get(key_hash)) is not None and started - seen[0] < local:
        return seen[1]
    key = _apikey_read(key_hash)
    if key is not None and local:
        _recent[key_hash] = (started, key)
    else:
        _recent.pop(key_hash, None)
    return key


def _apikey_read(key_hash: str) -> ApiKey | None:
    seconds = settings.APIKEY_CACHE_SECONDS
    cached = cache.get(apikey_cache_key(key_hash)) if seconds else None
    if cached is not None:
        return cached or None
    key = ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).first()
    if seconds:  # add, not set: a revocation written meanwhile is never overwritten by what was read before it
        cache.add(apikey_cache_key(key_hash), key or False, seconds)
    return key


def apikey_local_forget(key_hash: str) -> None:
    """This process no longer remembers the key (it was revoked here)."""
    _recent.pop(key_hash, None)


@dataclass
class TeamMember:
    """A person on an agency's team, with their roles there."""

    user: User
    roles: list[str] = field(default_factory=list)

    @property
    def is_organiser(self) -> bool:
        return Role.ORGANISER in self.roles


def agency_list_for_staff(*, actor: Any) -> QuerySet[Agency]:
    """The agencies whose staff pages `actor` may see: every one for administrators."""
    agency_ids = agencies_where(actor, Perm.VIEW)
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=agency_ids)
    return agencies.order_by("name_th")


def agency_get_for_staff(*, actor: Any, slug: str, perm: Perm = Perm.VIEW) -> Agency | None:
    """The agency `slug` if `actor` holds `perm` in it; None otherwise, whether it exists or not."""
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None or not can(actor, perm, agency.pk):
        return None
    return agency


def team_list(*, agency: Agency) -> list[TeamMember]:
    """The agency's staff, organisers first, each once with every role they hold there."""
    members: dict[int, TeamMember] = {}
    memberships = Membership.objects.filter(agency=agency).select_related("user")
    for membership in memberships.order_by("user__first_name", "user__last_name", "user__username", "role"):
        members.setdefault(membership.user_id, TeamMember(membership.user)).roles.append(membership.role)
    return sorted(members.values(), key=lambda member: not member.is_organiser)


def team_member_get(*, agency: Agency, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, memberships__agency=agency).distinct().first()


def invitation_list_pending(*, agency: Agency) -> QuerySet[Invitation]:
    """The agency's invitations not yet accepted or withdrawn (expired ones included: they may be sent again)."""
    return (
        Invitation.objects.filter(agency=agency, status=InvitationStatus.PENDING)
        .select_related("invited_by")
        .order_by("-issued_at", "-id")
    )


def invitation_get_pending(*, agency: Agency, pk: int) -> Invitation | None:
    return invitation_list_pending(agency=agency).filter(pk=pk).first()
