"""Reads about users, agencies and roles."""

from __future__ import annotations

from typing import Any

from rapfang.accounts.models import ApiKey, Membership, Role


def user_is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def user_agency_ids(user: Any, *, roles: tuple[str, ...] = (Role.ORGANISER, Role.MODERATOR)) -> set[int]:
    """The agencies in which `user` holds one of `roles`."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, role__in=roles).values_list("agency_id", flat=True))


def user_can_organise(user: Any, agency_id: int | None) -> bool:
    if user_is_administrator(user):
        return True
    return agency_id is not None and agency_id in user_agency_ids(user, roles=(Role.ORGANISER,))


def apikey_get_active(*, key_hash: str) -> ApiKey | None:
    return ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).first()
