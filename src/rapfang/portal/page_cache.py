"""Rendered pages for anonymous visitors, kept until the timeline's next change.

When a page goes stale, one request renders it again (it holds a short lock) while the others are served the
previous copy for those few milliseconds, so an expiry does not make every thread render at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

STALE_GRACE_SECONDS = 60
LOCK_SECONDS = 10


@dataclass(frozen=True)
class Page:
    html: bytes
    consultation_id: int | None
    fresh_until: float


def page_lifetime(next_change: datetime | None) -> int:
    """Seconds a page may be served as fresh: never past the moment a status changes."""
    lifetime = settings.PAGE_CACHE_SECONDS
    if next_change is not None:
        lifetime = min(lifetime, max(0, int((next_change - timezone.now()).total_seconds())))
    return lifetime


def cached_page(key: str, render: Callable[[], tuple[Page | None, int]]) -> Page | None:
    """The cached page under `key`, or the one `render` makes (None: nothing to cache, e.g. not found)."""
    entry: Page | None = cache.get(key)
    now = time.time()
    if entry is not None and (entry.fresh_until > now or not cache.add(f"{key}:lock", 1, LOCK_SECONDS)):
        return entry
    try:
        page, lifetime = render()
        if page is not None and lifetime > 0:
            fresh = Page(page.html, page.consultation_id, now + lifetime)
            cache.set(key, fresh, lifetime + STALE_GRACE_SECONDS)
        return page
    finally:
        cache.delete(f"{key}:lock")
