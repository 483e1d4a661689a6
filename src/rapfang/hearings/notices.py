"""The privacy notice registrants consent to: the version in force at a moment, and its text.

Administrators publish notices as records (`privacy_notice_publish`). Until the first is published, the newest
notice built into the templates (`hearings/notices/<version>.html`) is in force under BUILT_IN_VERSION; earlier
built-in versions stay readable, since consents name them. The list of versions and their moments is small and
kept in the cache; which one is in force is decided from it at the exact moment asked, to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from rapfang.core.windows import to_second
from rapfang.hearings.models import PrivacyNotice

# The site's own notice with every element of PDPA section 23; "2026-12" was its first, shorter version.
BUILT_IN_VERSION = "2026-12-2"
CACHE_KEY = "hearings:privacy-notices"
CACHE_SECONDS = 30


@dataclass(frozen=True)
class Notice:
    version: str
    text_th: str = ""  # empty for the built-in notice, whose text is in the templates
    text_en: str = ""
    in_force_from: datetime | None = None

    @property
    def built_in(self) -> bool:
        return not self.text_th

    @property
    def template(self) -> str:
        """The built-in notice's text."""
        return f"hearings/notices/{self.version}.html"


BUILT_INS = (Notice(BUILT_IN_VERSION), Notice("2026-12"))  # newest first
BUILT_IN = BUILT_INS[0]
BUILT_IN_VERSIONS = frozenset(notice.version for notice in BUILT_INS)


def _versions() -> list[tuple[str, datetime]]:
    versions = cache.get(CACHE_KEY)
    if versions is None:
        versions = list(PrivacyNotice.objects.order_by("-in_force_from", "-id").values_list("version", "in_force_from"))
        cache.set(CACHE_KEY, versions, CACHE_SECONDS)
    return versions


def notices_forget() -> None:
    cache.delete(CACHE_KEY)


def notice_version_at(moment: datetime) -> str:
    """The version in force at `moment`: the latest whose moment has come, else the built-in one."""
    for version, in_force_from in _versions():
        if to_second(in_force_from) <= to_second(moment):
            return version
    return BUILT_IN_VERSION


def notice_get(version: str) -> Notice | None:
    """A version's text, for the notice's page; None when no such version was ever in force."""
    if built_in := next((notice for notice in BUILT_INS if notice.version == version), None):
        return built_in
    record = PrivacyNotice.objects.filter(version=version).first()
    if record is None:
        return None
    return Notice(record.version, record.text_th, record.text_en, record.in_force_from)


def notice_history(moment: datetime) -> list[Notice]:
    """Every version in force up to `moment`, newest first, ending with the built-in ones."""
    published = [
        Notice(r.version, r.text_th, r.text_en, r.in_force_from)
        for r in PrivacyNotice.objects.filter(in_force_from__lte=moment).order_by("-in_force_from", "-id")
    ]
    return [*published, *BUILT_INS]
