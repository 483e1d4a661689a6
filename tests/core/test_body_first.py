"""A request's body is read whole before Django sees it (core.overload.read_body_first): a slow upload holds a thread,
not one of the places; the request arrived when its body was in; a body cut short reaches no view."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from rapfang.core import overload
from rapfang.core.arrival import ARRIVED, BODY_READ_AT, ArrivalMiddleware
from rapfang.core.overload import BODY_IN_MEMORY, read_body_first


class Trickle(io.RawIOBase):
    """A client's body as a server reads it: a few bytes a read, then the end (or a broken connection)."""

    def __init__(self, data: bytes, *, step: int = 7, breaks: bool = False) -> None:
        self.data, self.step, self.breaks, self.reads = data, step, breaks, 0

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if not self.data and self.breaks:
            raise OSError("connection reset by peer")
        chunk, self.data = self.data[: min(self.step, size)], self.data[min(self.step, size) :]
        return chunk


def call(body: bytes, *, length: int | None = None, stream: io.RawIOBase | None = None) -> tuple[list, dict, bytes]:
    """Send `body` through the wrapper: what the application saw (its environ, the body it read) and the answer."""
    seen: dict = {}

    def application(environ, start_response):
        seen["environ"] = environ
        seen["body"] = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", [])
        return [b"taken"]

    statuses: list = []
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body) if length is None else length),
               "wsgi.input": stream or Trickle(body)}  # fmt: skip
    answer = b"".join(read_body_first(application)(environ, lambda status, headers: statuses.append(status)))
    return statuses, seen, answer


@pytest.mark.parametrize("size", [1, 5000, BODY_IN_MEMORY + 12345])
def test_the_whole_body_is_read_first_and_handed_on_from_its_start(size):
    body = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    before = datetime.now(UTC).timestamp()
    statuses, seen, answer = call(body)
    assert (statuses, answer, seen["body"]) == (["200 OK"], b"taken", body)
    assert before <= seen["environ"][BODY_READ_AT] <= datetime.now(UTC).timestamp()


def test_a_body_cut_short_or_broken_off_is_answered_400_and_reaches_no_application():
    for stream in (Trickle(b"text=half"), Trickle(b"text=half", breaks=True)):
        statuses, seen, answer = call(b"", length=2000, stream=stream)
        assert statuses == ["400 Bad Request"] and seen == {} and b"Content-Length" in answer
        assert "ส่งใหม่อีกครั้ง" in answer.decode()  # before Django, so in both languages


def test_a_request_without_a_body_or_with_a_body_beyond_any_upload_is_left_as_it_came(monkeypatch):
    statuses, seen, _answer = call(b"", length=0)
    assert statuses == ["200 OK"] and BODY_READ_AT not in seen["environ"]
    monkeypatch.setattr(overload, "BODY_READ_FIRST_MAX", 10)
    stream = Trickle(b"a" * 11)
    _statuses, seen, _answer = call(b"", length=11, stream=stream)
    assert seen["environ"]["wsgi.input"] is stream and BODY_READ_AT not in seen["environ"]


def test_the_request_arrived_when_its_body_was_in_and_behind_the_proxy_when_the_proxy_had_read_it(settings):
    stamps: list = []
    middleware = ArrivalMiddleware(lambda request: stamps.append(request.META[ARRIVED]))
    read_at = datetime.now(UTC) - timedelta(seconds=3)
    request = RequestFactory().post("/", data=b"x", content_type="text/plain")
    request.META[BODY_READ_AT] = read_at.timestamp()
    middleware(request)
    assert abs(stamps[-1] - read_at) < timedelta(milliseconds=1)
    settings.PROXY_ARRIVAL = True
    proxied = RequestFactory().post("/", data=b"x", content_type="text/plain",
                                    headers={"X-Request-Start": f"t={read_at.timestamp() - 5:.3f}"})  # fmt: skip
    proxied.META[BODY_READ_AT] = read_at.timestamp()
    middleware(proxied)
    assert abs(stamps[-1] - (read_at - timedelta(seconds=5))) < timedelta(milliseconds=2)
