"""Template helpers of the issue and response pages: comment texts without personal data."""

from __future__ import annotations

from django import template

from rapfang.core.templatetags.personal_data import redacted

register = template.Library()
register.filter("redacted", redacted)
