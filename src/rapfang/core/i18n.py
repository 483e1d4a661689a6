"""Bilingual fields: each translated text is stored as `<name>_th` and `<name>_en`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from rapfang.core.redact import labels_for, redact_personal_data


def current_language() -> str:
    language = (get_language() or "th").split("-")[0]
    return "en" if language == "en" else "th"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """The text of `field` in the current language, falling back to Thai, then English."""
    language = language or current_language()
    preferred = getattr(obj, f"{field}_{language}", "") or ""
    if preferred:
        return str(preferred)
    return str(getattr(obj, f"{field}_th", "") or getattr(obj, f"{field}_en", "") or "")


def masked(text: str | None) -> str:
    """Free text for the public: e-mail addresses, telephone numbers and national IDs replaced by labels in the
    current language, by the one rule of `core.redact`."""
    return redact_personal_data(text or "", labels=labels_for(current_language()))


def both(obj: Any, field: str) -> dict[str, str]:
    """Both languages of a field, for the API and exports."""
    return {"th": getattr(obj, f"{field}_th", "") or "", "en": getattr(obj, f"{field}_en", "") or ""}
