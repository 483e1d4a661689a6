"""The API speaks the caller's language.

The site's pages take their language from the URL (`/en/…`, Thai without a prefix), so Django's LocaleMiddleware
gives every unprefixed path, the API's included, the default language. API clients say theirs in the
`Accept-Language` header instead: this middleware, placed after LocaleMiddleware, activates that language for
`/api/` paths. Messages, error texts and the language a registration is kept in (its mail) follow it; content
fields carry both languages whatever it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
