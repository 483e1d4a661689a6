"""When a request arrived: the moment the server received it, taken before any other middleware (decision 19).

A time window decides on this moment, not on the moment the request's turn came to be written: a comment that
arrived one second before the close is in time even when a crowd makes it wait for the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

ARRIVED = "rapfang.arrived_at"


class ArrivalMiddleware:
    """The first middleware: stamps the request with the time it arrived."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.setdefault(ARRIVED, timezone.now())
        return self.get_response(request)


def arrived_at(request: HttpRequest) -> datetime:
    """The moment `request` arrived (aware, UTC); now for a request that no middleware stamped."""
    moment = request.META.get(ARRIVED)
    return moment if isinstance(moment, datetime) else timezone.now()
