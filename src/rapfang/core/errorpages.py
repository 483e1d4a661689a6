"""The site's answers when something fails: a page of the site for people, JSON for the API, in their language.

When the database or Redis does not answer, the answer is 503 with `Retry-After` (the site comes back by itself when
they do: connections are opened afresh on the next request); any other failure is a 500. The pages are rendered
without the visitor's session, which may be what is away.
"""

from __future__ import annotations

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from rapfang.core.arrival import TOKEN_HEADER, arrival_token

logger = logging.getLogger(__name__)
OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 10


def is_outage(error: BaseException | None) -> bool:
    """Whether `error` says that the database or Redis is away (not that our code is wrong)."""
    return isinstance(error, OUTAGES)


def json_error(code: str, message: str, status: int) -> HttpResponse:
    body = json.dumps({"code": code, "message": message}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called while the exception is being handled, so it can tell an outage from a bug."""
    outage = is_outage(sys.exc_info()[1])
    if request.path_info.startswith(API_PREFIX):
        response = (
            json_error("unavailable", _("The service is briefly unavailable. Please try again shortly."), 503)
            if outage
            else json_error("server_error", _("The request could not be completed because of an error."), 500)
        )
    else:
        page = "errors/503.html" if outage else "errors/500.html"
        response = HttpResponse(render_to_string(page), status=503 if outage else 500)
    if outage:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        if token := arrival_token(request):  # sent again, a submission is judged on its first arrival (decision 21)
            response[TOKEN_HEADER] = token
    response["Cache-Control"] = "no-store"
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/, the site's page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return json_error("not_found", _("Not found."), 404)
    return page_not_found(request, exception)
