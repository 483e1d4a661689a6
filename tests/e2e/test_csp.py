"""Under the Content-Security-Policy the pages work in chromium: no violation reported, htmx takes a comment in
place, the API's Swagger UI draws from our own static files."""

from __future__ import annotations

from typing import Any

import pytest

from e2e import test_comments
from e2e.axe import axe_source
from e2e.test_comments import READ, comment_in_place, first_paragraph
from e2e.test_pages import DESKTOP, visit

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
SLUG = "dg2-2560-2564"
open_site = test_comments.open_site  # the demo with its comment period open, mail to a real SMTP server


def watched(new_page: Any) -> tuple[Any, list[str]]:
    """A page, and the Content-Security-Policy violations it reports (the console's, and the DOM events')."""
    page = new_page(DESKTOP)
    reported: list[str] = []
    page.on("console", lambda message: reported.append(message.text) if "Security Policy" in message.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return page, reported


def test_the_pages_break_no_rule_and_htmx_still_works(open_site, new_page):
    page, reported = watched(new_page)
    for path in ("/", f"/consultations/{SLUG}/", f"/consultations/{SLUG}/comments/", "/admin/login/"):
        visit(page, open_site, path)
    visit(page, open_site, READ)
    assert comment_in_place(page, first_paragraph().anchor)  # htmx: the form in place, then the receipt
    page.evaluate(axe_source())  # evaluated by the test's driver: no page script is inlined
    assert page.evaluate("typeof axe") == "object"
    assert reported == []


def test_swagger_ui_draws_from_our_own_files(open_site, new_page):
    page, reported = watched(new_page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    visit(page, open_site, "/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert all(url.startswith(open_site.url) or url.startswith("data:") for url in requested), requested
    assert reported == []
