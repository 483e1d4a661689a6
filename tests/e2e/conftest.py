"""Browser tests: Debian chromium driven by Playwright's sync API against pytest-django's live server.

Chromium is required under CI (CI=true) and skipped with a clear message elsewhere when it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from mailserver import mail_to_loopback

# Playwright's sync API runs an event loop in the test's thread; Django would refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = "Debian chromium is not installed (apt-get install chromium); browser tests skipped"
DESKTOP = {"width": 1280, "height": 900}


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {CHROMIUM} is missing: the browser tests must run in CI", pytrace=False)
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # A plain launch runs on a fresh temporary profile of Playwright's, deleted when the browser closes.
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def e2e_settings(settings: Any, tmp_path: Path) -> Any:
    """Plain static storage (no collectstatic needed), files and demo passwords in a temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def site(e2e_settings: Any, transactional_db: None, live_server: Any, demo: Any) -> Iterator[Any]:
    """The live server with the demo consultation loaded and nothing left in the page cache."""
    from django.core.cache import cache

    from rapfang.consultations.counters import consultation_views_flush

    cache.clear()
    consultation_views_flush()
    yield live_server
    consultation_views_flush()
    cache.clear()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """A page factory: each page in its own fresh context (cookies, cache), Thai-speaking browser."""
    contexts: list[Any] = []

    def make(viewport: dict[str, int] | None = None) -> Any:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="th-TH", accept_downloads=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@contextmanager
def site_with_mail(live_server: Any, settings: Any) -> Iterator[Any]:
    """The live server, its mail going to a real SMTP server on loopback (`site.inbox`); the cache emptied after."""
    from django.core.cache import cache

    with mail_to_loopback(settings) as inbox:
        live_server.inbox = inbox
        try:
            yield live_server
        finally:
            cache.clear()
