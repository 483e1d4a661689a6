"""Mail to people who took part: a receipt by e-mail (of a comment, an endorsement, answers to a questionnaire) in
the language its sender wrote in, with its number in the subject and its text from a template; and the one rule
for trying again when the mail server refuses a message or cannot be reached."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

logger = logging.getLogger(__name__)
MAIL_ATTEMPTS = 8  # a message is tried this many times, over about an hour and a half, then given up on
# What a mail server that refuses, drops the line or cannot be reached raises; anything else is a fault of ours.
MAIL_FAILURES = (smtplib.SMTPException, OSError)


def mail_retry_pause(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try: 30 s, then twice as long each time, at most an hour."""
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def receipt_mail_send(
    *, to: str, language: str, subject: Promise, receipt: str, template: str, context: Callable[[], dict[str, Any]]
) -> None:
    """Send `template` rendered with `context()` to `to`, in `language`: the subject (a lazy text with
    `%(receipt)s`), the text and the addresses in it (`context` is called in that language, so that `reverse` gives
    the pages in it)."""
    with translation.override(language):
        body = render_to_string(template, context())
        send_mail(str(subject) % {"receipt": receipt}, body, None, [to])


@contextmanager
def receipt_mail_retried(task: Any, object_id: int, attempt: int) -> Iterator[None]:
    """Run a receipt job's sending; when it fails, queue the same job again after `mail_retry_pause`, up to
    MAIL_ATTEMPTS tries in all. The last failure, or one with a queue that cannot wait (jobs run at once), is the
    job's own failure, recorded with the job. Only the mail server's passing failures are tried again: an error of
    ours (a template, a missing row) and a refusal for good (a 5xx reply: no such mailbox) fail the job at once, where
    a try later would fail the same way."""
    try:
        yield
    except MAIL_FAILURES as error:  # the mail server refused or is away: try again later
        if attempt >= MAIL_ATTEMPTS or not task.get_backend().supports_defer or refused_for_good(error):
            raise
        later = timezone.now() + mail_retry_pause(attempt)
        task.using(run_after=later).enqueue(object_id, attempt + 1)
        logger.warning("%s %s: attempt %s failed, tried again at %s: %s", task.name, object_id, attempt, later, error)


def refused_for_good(error: Exception) -> bool:
    """Whether the mail server refused this message for good: a 5xx reply to every recipient (no such mailbox) or to
    the message itself. A 4xx reply and a lost connection may pass; so may a refusal of the site's own login or
    sender address (a setting the agency's IT can mend within the retries), which is tried again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _text in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def mail_failure_text(error: Exception) -> str:
    """A failed sending as organisers read it beside the message (at most 300 characters): the mail server's reply
    as it gave it ("550 5.1.1 No such mailbox"), or what the network said ("Connection refused")."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        replies = {_reply(code, text) for code, text in error.recipients.values()}
        text = "; ".join(sorted(replies))
    elif isinstance(error, smtplib.SMTPResponseException):
        text = _reply(error.smtp_code, error.smtp_error)
    elif isinstance(error, OSError) and error.strerror:
        text = error.strerror
    else:
        text = str(error) or type(error).__name__
    return text[:300]


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}".strip()
