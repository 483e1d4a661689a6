"""Template helpers of the summary report's pages: file sizes as people read them."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from rapfang.core.i18n import current_language
from rapfang.core.thai import to_thai_digits

register = template.Library()
KB = 1024
MB = KB * 1024


def size_text(size: int) -> str:
    """``812 B``, ``245 KB``, ``1.4 MB`` (one decimal under 10 MB)."""
    if size < KB:
        return _("%(size)s B") % {"size": size}
    if size < MB:
        return _("%(size)s KB") % {"size": max(1, round(size / KB))}
    megabytes = size / MB
    shown = f"{megabytes:.1f}" if megabytes < 10 else str(round(megabytes))
    return _("%(size)s MB") % {"size": shown}


@register.simple_tag(takes_context=True)
def fsize(context: template.Context, size: int) -> str:
    """The size in B, KB or MB, in Thai digits where the page wants them."""
    text = size_text(int(size))
    return to_thai_digits(text) if context.get("thai_digits") and current_language() == "th" else text
