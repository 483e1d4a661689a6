"""The version of what the public pages show: staff's writes move it on, so cached pages are made again at once.

Cached public pages carry the version in their key. With a shared cache (Redis) a staff edit reaches anonymous
visitors on every machine at their next request; with each process's own memory cache, within the page lifetime
(`RAPFANG_PAGE_CACHE_SECONDS`) in the other processes.
"""

from __future__ import annotations

from django.core.cache import cache

KEY = "public:version"


def public_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, None)
        version = cache.get(KEY, 1)
    return int(version)


def public_changed() -> None:
    """Move the version on (called once a write by staff or the system has committed)."""
    try:
        cache.incr(KEY)
    except ValueError:  # not there (a fresh or cleared cache): any new value is a new version
        cache.add(KEY, 2, None)
