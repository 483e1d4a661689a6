"""Reads about users, agencies and roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rapfang.accounts.models import Agency, ApiKey, Membership, Role, User


def agency_get(*, slug: str) -> Agency:
    return Agency.objects.prefetch_related("contacts").get(slug=slug)


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


def agencies_for_user(user: Any) -> QuerySet[Agency]:
    if user_is_administrator(user):
        return Agency.objects.all()
    return Agency.objects.filter(id__in=user_agency_ids(user))


def user_list_by_role(*, role: str) -> QuerySet[User]:
    return User.objects.filter(memberships__role=role).distinct()


def apikey_get_active(*, key_hash: str) -> ApiKey | None:
    return ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True).first()
