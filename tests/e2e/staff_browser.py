"""What the staff pages' browser tests share: logging in, focus, screenshots (the axe check is `e2e.axe`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from e2e.test_pages import SCREENSHOTS


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


def screenshooter(prefix: str) -> Callable[[Any, str], None]:
    """shoot(page, name): a full-page screenshot under test-results/screenshots, named prefix-name.png."""

    def shoot(page: Any, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{prefix}-{name}.png"), full_page=True)

    return shoot
