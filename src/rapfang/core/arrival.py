"""When a request arrived: the moment the server received it, taken before any other middleware (decision 19).

A time window decides on this moment, not on the moment the request's turn came to be written: a comment that
arrived one second before the close is in time even when a crowd makes it wait for the database.

A submission refused for overload (503) was received all the same: the refusal carries an *arrival token*
(decision 21), the moment it arrived signed with the site's key and bound to what was sent (the address, the
idempotency key, the content). The same submission sent again with the token — the `Arrival-Token` header for the
API, the hidden `arrival_token` field of the form that the refusal page and forms.js send again — is judged on its
first arrival, for `ARRIVAL_TOKEN_MAX_AGE` seconds; a token for other content, or too old, or forged, is ignored.

Behind our own proxy (`RAPFANG_PROXY_ARRIVAL=1`, the shipped nginx configuration), the request arrived when the proxy
had read it: its `X-Request-Start` stamp, so that time spent waiting for a thread of ours in a crowd is not counted
against the sender (decision 21's addendum).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils import timezone

ARRIVED = "rapfang.arrived_at"
# When the server had the request's whole body (core.overload.read_body_first), seconds since 1970: its arrival
# without a proxy, as the proxy's stamp is its arrival behind one.
BODY_READ_AT = "rapfang.body_read_at"
TOKEN_HEADER = "Arrival-Token"  # noqa: S105 (a header's name)
TOKEN_FIELD = "arrival_token"  # noqa: S105 (a field's name)
_META_HEADER = "HTTP_ARRIVAL_TOKEN"
_PROXY_HEADER = "HTTP_X_REQUEST_START"
_PROXY_STAMP = re.compile(r"(?:t=)?([0-9]{1,12})(?:\.([0-9]{1,6}))?")  # seconds since 1970, as nginx's $msec
_SALT = "rapfang.arrival"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NOT_CONTENT = {"csrfmiddlewaretoken", TOKEN_FIELD}
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# A body larger than this (a form with a file) is not read to be bound to a token, nor carried back by a refusal.
SMALL_BODY_BYTES = 64 * 1024


class ArrivalMiddleware:
    """The first middleware: stamps the request with the time it arrived."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if ARRIVED not in request.META:
            now = timezone.now()
            request.META[ARRIVED] = proxy_arrival(request, now) or body_read_at(request, now) or now
        return self.get_response(request)


def body_read_at(request: HttpRequest, now: datetime) -> datetime | None:
    """When the server had the whole body of `request` (core.overload.read_body_first), if it read it; never later
    than `now`."""
    stamp = request.META.get(BODY_READ_AT)
    if not isinstance(stamp, float):
        return None
    return min(_EPOCH + timedelta(seconds=stamp), now)


def proxy_arrival(request: HttpRequest, now: datetime) -> datetime | None:
    """When our own proxy had read `request`, by its `X-Request-Start` stamp, if the site is set to believe it
    (`PROXY_ARRIVAL`) and the stamp is at most `PROXY_ARRIVAL_MAX_WAIT` seconds before `now`; else None. A stamp
    after `now` (the proxy's clock ahead of ours) is not believed: a request never arrives later than we saw it."""
    if not settings.PROXY_ARRIVAL:
        return None
    stamp = _PROXY_STAMP.fullmatch(str(request.META.get(_PROXY_HEADER, "")).strip())
    if stamp is None:
        return None
    fraction = (stamp[2] or "").ljust(6, "0")
    moment = _EPOCH + timedelta(seconds=int(stamp[1]), microseconds=int(fraction))
    earliest = now - timedelta(seconds=settings.PROXY_ARRIVAL_MAX_WAIT)
    return moment if earliest <= moment <= now else None


def _stamped(request: HttpRequest) -> datetime:
    """This sending's stamp (behind our proxy, when the proxy had read it); now for a request no middleware stamped."""
    moment = request.META.get(ARRIVED)
    return moment if isinstance(moment, datetime) else timezone.now()


def waited(request: HttpRequest) -> float:
    """Seconds since this sending of `request` arrived; 0 for a request that no middleware stamped."""
    return max(0.0, (timezone.now() - _stamped(request)).total_seconds())


def arrived_at(request: HttpRequest) -> datetime:
    """The moment `request` arrived (aware, UTC): its first arrival when it carries a valid arrival token, else the
    stamp of this sending; now for a request that no middleware stamped."""
    stamped = _stamped(request)
    first = _token_moment(request)
    return first if first is not None and first <= stamped else stamped


def arrival_token(request: HttpRequest) -> str | None:
    """A token for a refused submission: when it (first) arrived, bound to what it carries; None for a request whose
    content cannot be read here (not a POST, or a body too large to hold)."""
    content = _fingerprint(request)
    if content is None or (request.content_type in _FORMS and any("password" in name for name in request.POST)):
        return None  # nothing to bind it to; or a login, whose password not even a hash of leaves the server
    microseconds = (arrived_at(request) - _EPOCH) // timedelta(microseconds=1)
    return signing.dumps([microseconds, content], salt=_SALT, compress=False)


def _token_moment(request: HttpRequest) -> datetime | None:
    token = request.META.get(_META_HEADER) or _form_token(request)
    if not token:
        return None
    try:
        microseconds, content = signing.loads(token, salt=_SALT)
        moment = _EPOCH + timedelta(microseconds=int(microseconds))
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        return None
    if timezone.now() - moment > timedelta(seconds=settings.ARRIVAL_TOKEN_MAX_AGE):
        return None
    return moment if content == _fingerprint(request) else None


def _form_token(request: HttpRequest) -> str:
    if request.method != "POST" or request.content_type not in _FORMS or not small_body(request):
        return ""
    return str(request.POST.get(TOKEN_FIELD) or "")


def small_body(request: HttpRequest) -> bool:
    return int(request.META.get("CONTENT_LENGTH") or 0) <= SMALL_BODY_BYTES


def _fingerprint(request: HttpRequest) -> str | None:
    """What makes two sendings the same submission: the method, the address, the idempotency key and the content
    (a form's fields but its CSRF token and arrival token; any other body as it is), hashed."""
    if request.method != "POST" or not small_body(request):
        return None
    digest = hashlib.sha256(f"{request.method} {request.path_info}\n".encode())
    digest.update(request.META.get("HTTP_IDEMPOTENCY_KEY", "").encode() + b"\n")
    if request.content_type in _FORMS:
        for name in sorted(set(request.POST) - _NOT_CONTENT):
            for value in request.POST.getlist(name):
                digest.update(f"{name}={value}\n".encode())
        return digest.hexdigest()
    try:
        digest.update(request.body)
    except RawPostDataException:
        return None
    return digest.hexdigest()
