"""Answers that refuse a request for now: a page of the site in the visitor's language, with `Retry-After`."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rapfang.core.ratelimit import Decision

BUSY_FEW_SECONDS = 30  # a 503's pause under this is "a few seconds" to a person; from it on, in minutes
RETRY_SPREAD = 2  # a 503 asks for one to this many times its base pause (core.overload.retry_seconds)


def with_retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    """Say when to come back (RFC 9110 `Retry-After`, in seconds); the answer is never cached."""
    response["Retry-After"] = str(max(1, int(seconds)))
    response["Cache-Control"] = "private, no-store"
    return response


def minutes_to_wait(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def too_many_message(seconds: int) -> str:
    """The refusal of a form sent too often from one address, for the top of the form."""
    minutes = minutes_to_wait(seconds)
    return ngettext(
        "Too many requests from your address in a short time. What you typed is kept: please send it again in "
        "about a minute.",
        "Too many requests from your address in a short time. What you typed is kept: please send it again in "
        "about %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def busy_wait(seconds: int) -> int:
    """How a 503's pause is told to a person: 0 for "a few seconds", else the minutes (a crowd's longer pause)."""
    return 0 if seconds < BUSY_FEW_SECONDS else minutes_to_wait(seconds)


def busy_pauses() -> list[tuple[int, int]]:
    """Every pause a 503 can ask for, as a person is told it: (minutes, up to how many seconds), 0 minutes being "a
    few seconds", up to the longest `Retry-After` the gate gives (its base, spread). A form sent in place shows the
    line whose seconds first reach the answer's `Retry-After` (forms.js)."""
    longest = RETRY_SPREAD * max(settings.OVERLOAD_RETRY_MAX, 1)  # retry_seconds' base is at most the maximum
    pauses = [(0, BUSY_FEW_SECONDS - 1)]
    pauses += [(minutes, minutes * 60) for minutes in range(1, busy_wait(longest) + 1)]
    return pauses


def busy_page(request: HttpRequest, seconds: int, *, resend: dict[str, object] | None = None) -> HttpResponse:
    """503: the site is answering more people than it can at this moment; a refused form comes back in `resend`.
    Rendered without the request's session or user, which the refusal must not wait for."""
    message = _("The site is receiving more requests than it can answer at this moment. Nothing you sent was stored.")
    minutes = busy_wait(seconds)
    context = {"message": message, "seconds": 0 if minutes else seconds, "minutes": minutes, "resend": resend}
    return HttpResponse(render_to_string("core/too_many.html", context), status=503)


def too_many_page(request: HttpRequest, decision: Decision, message: str, *, back: str = "") -> HttpResponse:
    """429: the site's page saying what was refused and when to try again."""
    context = {"message": message, "minutes": minutes_to_wait(decision.retry_after), "back": back}
    return with_retry_after(render(request, "core/too_many.html", context, status=429), decision.retry_after)
