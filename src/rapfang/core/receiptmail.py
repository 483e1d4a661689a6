"""A receipt by e-mail (of a comment, an endorsement, answers to a questionnaire): in the language its sender wrote
in, its number in the subject, its text from a template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise


def receipt_mail_send(
    *, to: str, language: str, subject: Promise, receipt: str, template: str, context: Callable[[], dict[str, Any]]
) -> None:
    """Send `template` rendered with `context()` to `to`, in `language`: the subject (a lazy text with
    `%(receipt)s`), the text and the addresses in it (`context` is called in that language, so that `reverse` gives
    the pages in it)."""
    with translation.override(language):
        body = render_to_string(template, context())
        send_mail(str(subject) % {"receipt": receipt}, body, None, [to])
