"""What the staff pages' browser tests share: logging in, the axe check, screenshots."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from e2e.test_pages import AXE_JS, SCREENSHOTS, WCAG_TAGS, axe_report

AXE = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations.map(
    v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map(
        n => ({target: n.target.map(String), failureSummary: n.failureSummary}))}))"""


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


def assert_axe_clean(page: Any, label: str) -> None:
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # driver-side: the CSP allows no inline script
    violations = page.evaluate(AXE, WCAG_TAGS)
    assert not violations, f"axe found on {label}:\n{axe_report(violations)}"


def screenshooter(prefix: str) -> Callable[[Any, str], None]:
    """shoot(page, name): a full-page screenshot under test-results/screenshots, named prefix-name.png."""

    def shoot(page: Any, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{prefix}-{name}.png"), full_page=True)

    return shoot
