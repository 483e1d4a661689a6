"""Reads about users, agencies and roles."""

from __future__ import annotations

from django.core.cache import cache

from rapfang.accounts.models import ApiKey

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
