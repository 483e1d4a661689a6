"""A Content-Security-Policy on every response that has none of its own (downloads set a stricter one).

Pages run scripts and load styles, fonts and images from the site alone: no inline script, no eval (htmx is told
not to), no plugin, no framing, forms posted to the site only. Style attributes stay allowed (`style-src-attr`):
templates set widths and colours with them, and they run no code. The API's Swagger UI page (`CSP_DOCS_PATH`),
served from our static files, also needs inline styles and images given as data URLs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COMMON = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
PAGES = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    f"img-src 'self' data:; font-src 'self'; connect-src 'self'; {COMMON}"
)
DOCS = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    f"font-src 'self'; connect-src 'self'; {COMMON}"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path_info.rstrip("/") == settings.CSP_DOCS_PATH
            response["Content-Security-Policy"] = DOCS if docs else PAGES
        return response
