"""Ticking a checkbox or a radio button in the browser tests.

Playwright's `check()` clicks the box and then reads its state; on a loaded machine it now and then reports that the
click "did not change its state" although nothing on the page stops it (microsoft/playwright#13470, open since 2022,
cause unknown). A person whose click was lost clicks again: so does `tick`, a few times, and the test still fails if
the box will not stay ticked.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error

ATTEMPTS = 3
LOST_CLICK = "did not change its state"


def tick(box: Any) -> None:
    """Tick `box` (a locator of one checkbox or radio button); it is ticked afterwards or this raises."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            box.check()
        except Error as error:
            if LOST_CLICK not in str(error) or attempt == ATTEMPTS:
                raise
        if box.is_checked():
            return
    raise AssertionError(f"{box} would not stay ticked after {ATTEMPTS} clicks")
