"""What the staff pages' browser tests share: logging in and focus (the axe check is `e2e.axe`, screenshots
`e2e.shots`)."""

from __future__ import annotations

from typing import Any


def log_in(page: Any, site: Any, username: str, password: str) -> None:
    page.goto(site.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()


FOCUSED = "(id) => document.activeElement && document.activeElement.id === id"


def has_focus(page: Any, element_id: str) -> bool:
    """Whether `element_id` takes the focus. A click that sends a form returns before the next page has loaded, and
    autofocus applies at that page's next rendering: wait for it (a timeout fails the test)."""
    page.wait_for_function(FOCUSED, arg=element_id)
    return True
