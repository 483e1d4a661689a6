"""Overload made explicit: a process serves at most `MAX_IN_FLIGHT` requests at once (decision 19).

A request that finds them all taken waits for one at most `QUEUE_WAIT_SECONDS` from its arrival (behind our proxy,
from when the proxy had read it: a request that already waited that long for a thread is not kept waiting again),
then is answered at once with 503 and `Retry-After` (spread over one to two times `OVERLOAD_RETRY_AFTER`, so that
refused clients do not all come back in the same second; longer, up to `OVERLOAD_RETRY_MAX`, while the process
refuses more than it lets in): JSON `{"code": "overloaded"}` under /api/, the site's page elsewhere, in the caller's
language. A refused form is shown again on that page with what was written in it, ready to send again. Health
checks and /metrics are answered before this middleware, static files are never refused, and every refusal is
counted (`rapfang_http_shed_total`). `MAX_IN_FLIGHT` 0 sets no bound. A client over its own limit gets 429 from
the rate limits (core.ratelimit).

A request's body is read whole before the request asks for a place (`read_body_first`, the WSGI application's
outermost layer), so that a client that sends its body slowly holds one of the server's threads, not one of the few
places: behind the shipped nginx, which reads bodies itself, that costs a copy; without a proxy it keeps eight slow
uploads from shutting every visitor out (decision 25).
"""

from __future__ import annotations

import math
import random
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from rapfang.core.arrival import BODY_READ_AT, TOKEN_FIELD, TOKEN_HEADER, arrival_token, small_body, waited
from rapfang.core.errorpages import API_PREFIX, json_error
from rapfang.core.metrics import SHED
from rapfang.core.refusals import RETRY_SPREAD, busy_page, busy_wait, with_retry_after


class Gate:
    """Places for requests in one process: `enter` waits up to `wait` seconds for one of `bound`. It also counts,
    per second over the last `WINDOW` seconds, the requests it let in and those it refused: the pressure on it."""

    WINDOW = 5

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.in_flight = 0
        self._seconds: dict[int, list[int]] = {}  # a second of time.monotonic() -> [let in, refused]

    def enter(self, bound: int, wait: float) -> bool:
        with self._changed:
            entered = self._changed.wait_for(lambda: self.in_flight < bound, timeout=max(wait, 0.0))
            self._count(0 if entered else 1)
            if entered:
                self.in_flight += 1
            return entered

    def leave(self) -> None:
        with self._changed:
            self.in_flight -= 1
            self._changed.notify()

    def _count(self, which: int) -> None:
        second = int(time.monotonic())
        if second not in self._seconds:
            self._seconds = {s: n for s, n in self._seconds.items() if s > second - self.WINDOW}
            self._seconds[second] = [0, 0]
        self._seconds[second][which] += 1

    def pressure(self) -> tuple[int, int]:
        """Requests let in and refused over the last WINDOW seconds."""
        with self._changed:
            since = int(time.monotonic()) - self.WINDOW
            recent = [counts for second, counts in self._seconds.items() if second > since]
        return sum(let_in for let_in, _refused in recent), sum(refused for _let_in, refused in recent)

    def forget(self) -> None:
        """Drop the counts (a test that must start without the pressure an earlier one left)."""
        with self._changed:
            self._seconds = {}


gate = Gate()
# the refusal page without a form, rendered once per language and wait ("a few seconds", or minutes) and process
_plain_pages: dict[tuple[str, int], bytes] = {}


def retry_seconds() -> int:
    """The pause a refused client is asked for: one to two times a base (spread, so that refused clients do not all
    come back in the same second). The base is `OVERLOAD_RETRY_AFTER`, or, when more were refused lately than the
    process let in, the time the process would take to let in as many as it refused (at the pace it has let them
    in), at most `OVERLOAD_RETRY_MAX`: a crowd's retries then come back at about the pace the process serves, instead
    of costing it its time in refusals."""
    let_in, refused = gate.pressure()
    catch_up = math.ceil(Gate.WINDOW * refused / max(let_in, 1))
    base = max(1, min(max(settings.OVERLOAD_RETRY_AFTER, catch_up), settings.OVERLOAD_RETRY_MAX))
    return random.randint(base, RETRY_SPREAD * base)  # noqa: S311 (spreading retries, not a secret)


def _language(request: HttpRequest) -> str:
    """The caller's language before LocaleMiddleware has run: the API's from Accept-Language, a page's from its
    address (Thai without a prefix)."""
    if request.path_info.startswith(API_PREFIX):
        return translation.get_language_from_request(request, check_path=False)
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def overloaded(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, in the caller's language and form; a submission's answer carries its arrival token
    (`Arrival-Token`), so that sent again it is judged on the moment it first arrived (decision 21)."""
    seconds, api, language = retry_seconds(), request.path_info.startswith(API_PREFIX), _language(request)
    SHED.labels(kind="api" if api else "page").inc()
    token = arrival_token(request)
    with translation.override(language):
        if api:
            message = _("The service is receiving more requests than it can answer now. Nothing was stored. "
                        "Please send the request again after the number of seconds in Retry-After.")  # fmt: skip
            if token:
                message += " " + _("Send it with the same Idempotency-Key and this answer's Arrival-Token header: it "
                                   "is then judged on the moment it first arrived.")  # fmt: skip
            response = json_error("overloaded", message, 503)
        else:
            response = _page(request, seconds, language, token)
    if token:
        response[TOKEN_HEADER] = token
    response._has_been_logged = True  # type: ignore[attr-defined]  # counted above; a log line for each refusal would add to the load
    return with_retry_after(response, seconds)


def _page(request: HttpRequest, seconds: int, language: str, token: str | None) -> HttpResponse:
    """The site's refusal page; the same for every request without a form, so rendered once (refusing must cost
    less than serving)."""
    if (resend := _resend(request, token)) is not None:
        return busy_page(request, seconds, resend=resend)
    kind = (language, busy_wait(seconds))
    if kind not in _plain_pages:
        _plain_pages[kind] = busy_page(request, seconds).content
    return HttpResponse(_plain_pages[kind], status=503)


def _resend(request: HttpRequest, token: str | None) -> dict[str, object] | None:
    """A refused form's fields with its arrival token, to be sent again from the refusal page; None for anything
    else."""
    if request.method != "POST" or not small_body(request):
        return None
    kind = request.content_type
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    if any("password" in name for name in request.POST):
        return None  # a password is never written into a page; it is typed again
    fields = [(name, value) for name in request.POST if name != TOKEN_FIELD for value in request.POST.getlist(name)]
    fields += [(TOKEN_FIELD, token)] if token else []
    return {"action": request.get_full_path(), "multipart": kind == "multipart/form-data", "fields": fields,
            "written": [value for _name, value in fields if _is_writing(value)],
            "files_dropped": bool(request.FILES)}  # fmt: skip


def _is_writing(value: str) -> bool:
    """Whether a field's value reads as something a person wrote (words, Thai), not a token or a choice."""
    return any(ch.isspace() or not ch.isascii() for ch in value.strip())


class OverloadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MAX_IN_FLIGHT <= 0 or request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)  # no bound set (0), or a static file
        if not gate.enter(settings.MAX_IN_FLIGHT, settings.QUEUE_WAIT_SECONDS - waited(request)):
            return overloaded(request)
        try:
            return self.get_response(request)
        finally:
            gate.leave()


BODY_IN_MEMORY = 1024 * 1024  # a body up to this size is kept in memory, a larger one in a temporary file
BODY_READ_FIRST_MAX = 64 * 1024 * 1024  # larger than any upload the site takes (55 MB): left for Django to refuse
_CHUNK = 64 * 1024
# Before Django, so in both languages: a client whose body stopped short (it is usually gone already).
BODY_CUT_SHORT = (
    "ระบบได้รับข้อมูลที่ส่งมาไม่ครบ จึงยังไม่ได้บันทึกสิ่งใด กรุณาส่งใหม่อีกครั้ง\n"
    "The request's body ended before its Content-Length, so nothing was saved. Please send it again.\n"
).encode()


def read_body_first(application: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI application that reads a request's whole body (as its Content-Length gives it) before `application`
    sees the request, and stamps the moment it had it (`BODY_READ_AT`, the request's arrival without a proxy, as
    nginx's stamp is with one). A client that goes away before its body is complete is answered 400 and
    `application` never sees the request: nothing of a half-sent form is taken."""

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if 0 < length <= BODY_READ_FIRST_MAX:
            body = _read_whole(environ["wsgi.input"], length)
            if body is None:
                start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                                   ("Connection", "close")])  # fmt: skip
                return [BODY_CUT_SHORT]
            environ["wsgi.input"] = body
            environ[BODY_READ_AT] = time.time()
        return application(environ, start_response)

    return wsgi


def _read_whole(stream: Any, length: int) -> Any:
    """The body, `length` bytes read from `stream` into a spooled temporary file at its start; None if the stream
    ended (or broke) first."""
    body = tempfile.SpooledTemporaryFile(max_size=BODY_IN_MEMORY)  # noqa: SIM115 (the request's input from here on)
    left = length
    try:
        while left > 0:
            chunk = stream.read(min(_CHUNK, left))
            if not chunk:
                break
            body.write(chunk)
            left -= len(chunk)
    except OSError:  # the connection broke
        left = -1
    if left != 0:
        body.close()
        return None
    body.seek(0)
    return body
