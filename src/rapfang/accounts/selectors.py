"""Reads about users, agencies and roles."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

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


APIKEY_CACHE_SECONDS = 30


def apikey_cache_key(key_hash: str) -> str:
    return f"apikey:{key_hash}"


def apikey_get_active(*, key_hash: str) -> ApiKey | None:
    """The active key with this hash. Remembered for 30 s, so a revocation reaches every process within that."""
    cached = cache.get(apikey_cache_key(key_hash))
    if cached is not None:
        return cached or None
    key = ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).first()
    cache.set(apikey_cache_key(key_hash), key or False, APIKEY_CACHE_SECONDS)
    return key
