"""Full-page screenshots of what the browser tests see, for people to look at (test-results/screenshots, gitignored).

They are taken when RAPFANG_SCREENSHOTS=1 (`make screenshots`) and skipped otherwise: no test's verdict depends on
them, and drawing a long page into a PNG costs the suite about a fifth of a second each.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def screenshots_wanted() -> bool:
    return os.environ.get("RAPFANG_SCREENSHOTS", "") == "1"


def shoot(page: Any, name: str) -> Path | None:
    """The page as it is now, whole, as `name`.png; the file's path, or None when screenshots are not wanted."""
    if not screenshots_wanted():
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def screenshooter(prefix: str) -> Callable[[Any, str], Path | None]:
    """shoot(page, name) for one file of tests: its screenshots named prefix-name.png."""
    return lambda page, name: shoot(page, f"{prefix}-{name}")
