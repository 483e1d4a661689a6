"""Personal data inside free text, masked on public pages by the one rule of `core.redact`."""

from __future__ import annotations

from django import template

from rapfang.core.i18n import masked

register = template.Library()


@register.filter
def redacted(text: str | None) -> str:
    """The text with e-mail addresses, telephone numbers and national IDs replaced by a label in the page's language."""
    return masked(text)
