"""Requests that hold a NUL character or half of a UTF-16 surrogate pair are refused before any view runs.

PostgreSQL cannot store a NUL in text, and no database driver can encode a lone surrogate (JSON allows `"\\ud800"`;
raw bytes decoded with `surrogatepass` give one too): either would end in a 500 deep in a query. This middleware
looks at the path, the query string, a posted form and a JSON body (every key and string, however nested) and
answers 400 in the caller's language: JSON under `/api/`, a page elsewhere. A JSON body that does not parse is
refused the same way under `/api/`. Placed after the middleware that chooses the language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _form_strings(request: HttpRequest) -> Iterator[str]:
    """The path, and every key and value of the query string and of a posted form."""
    yield request.path_info
    forms = [request.GET, request.POST] if request.content_type in FORM_TYPES else [request.GET]
    for data in forms:
        for key, values in data.lists():
            yield key
            yield from values


def _json_body(request: HttpRequest) -> tuple[bool, Any]:
    """Whether the body is JSON that parses, and its value; (True, None) when there is no JSON body to read."""
    if request.content_type != "application/json" or request.method in ("GET", "HEAD"):
        return True, None
    try:
        body = request.body
    except RequestDataTooBig:
        return True, None  # the view's own parser refuses it
    if not body.strip():
        return True, None
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


def invalid_json_message() -> str:
    """What a caller whose body is not JSON is told, here and by the API's own handler (the same answer)."""
    return _("The request's body could not be read as JSON.")


class MalformedInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(FORBIDDEN.search(text) for text in _form_strings(request)):
            return self._refuse(request, "invalid_characters")
        parsed, value = _json_body(request)
        if not parsed and request.path_info.startswith(API_PREFIX):
            return self._refuse(request, "invalid_json")
        if any(FORBIDDEN.search(text) for text in _strings(value)):
            return self._refuse(request, "invalid_characters")
        return self.get_response(request)

    def _refuse(self, request: HttpRequest, code: str) -> HttpResponse:
        if code == "invalid_json":
            message = invalid_json_message()
        else:
            message = _(
                "The request holds a character that cannot be accepted (a NUL character or a broken Unicode "
                "character). Please check what was typed or pasted, and send it again."
            )
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse(
                {"code": code, "message": message}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        return render(request, "bad_request.html", {"message": message}, status=400)
