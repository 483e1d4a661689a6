"""What every test runs with (tests/conftest.py) and what a test process forgets between tests: shared by the fixtures
that take the demo's snapshots."""

from __future__ import annotations

from django.core.cache import cache

from rapfang.accounts import selectors as apikey_selectors
from rapfang.consultations import counters

# A fast hash in tests: the default (PBKDF2, about 0.8 s a password on this kind of machine) would cost seconds in
# every test that makes staff accounts, the demo's three included. Password checks behave the same.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"


def settings_for_tests(settings: object) -> dict[str, object]:
    """What every test runs with, besides its own media and data folders."""
    return {
        "PASSWORD_HASHERS": FAST_HASHERS,
        "STORAGES": {
            **settings.STORAGES,  # type: ignore[attr-defined]
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "COMMENT_FOLLOWUP_INLINE": True,  # a comment's search entry and mail right after it is taken
    }


def process_memory_forget() -> None:
    """What an earlier test (or a snapshot's rolled-back load) left in this process's memory, forgotten."""
    cache.clear()
    counters._pending.clear()  # views buffered by an earlier test belong to no row of this one
    apikey_selectors._recent.clear()  # keys an earlier test's requests read
