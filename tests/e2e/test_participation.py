"""Following a consultation made from nothing and stopping, then "my participation" opened from the e-mailed link
and a comment withdrawn: in chromium, Thai on a phone and English on a desktop, each page clean under axe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from e2e.axe import assert_axe_clean
from e2e.conftest import site_with_mail
from e2e.test_pages import DESKTOP, PHONE, visit
from participation.helpers import hearing_make, links, path_of
from rapfang.comments.models import CommentStatus
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC
from rapfang.participation.models import Follow

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def site(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """A consultation made from nothing with its comment period open now; mail to a real SMTP server on loopback."""
    from django.core.cache import cache

    cache.clear()
    now = timezone.now()
    live_server.consultation = hearing_make(opens=now - timedelta(days=1), closes=now + timedelta(days=10),
                                            hearing=now + timedelta(days=5))  # fmt: skip
    with site_with_mail(live_server, e2e_settings) as site:
        yield site


def mailed_link(site: Any, email: str, part: str, count: int) -> str:
    """The link holding `part` in the `count`-th message to `email` (waiting for it), as a path on the live site."""
    deadline = timezone.now() + timedelta(seconds=20)
    while len(site.inbox.to(email)) < count and timezone.now() < deadline:
        site.inbox.wait_for(email, seconds=1)
    body = site.inbox.body(site.inbox.to(email)[count - 1])
    return path_of(next(link for link in links(body) if part in link))


@pytest.mark.parametrize(
    ("language", "viewport", "email"),
    [("th", PHONE, "somsri@example.org"), ("en", DESKTOP, "jane@example.org")],
)
def test_following_and_stopping(site, new_page, language, viewport, email):
    slug = site.consultation.slug
    prefix = "/en" if language == "en" else ""
    page = new_page(viewport)
    visit(page, site, f"{prefix}/consultations/{slug}/")
    page.locator("[data-testid=follow-block] a").first.click()
    page.locator("form button[type=submit]").wait_for()
    assert_axe_clean(page, f"the follow form ({language})")
    page.locator("form button[type=submit]").click()  # no address
    page.locator("[data-error-summary]").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("#id_email-errors").is_visible()
    assert_axe_clean(page, f"the refused follow form ({language})")
    page.locator("input[name=email]").fill(email)
    page.locator("form button[type=submit]").click()
    page.locator("[data-testid=follow-sent]").wait_for()
    assert_axe_clean(page, f"the follow request sent ({language})")
    confirm = mailed_link(site, email, "/confirm/", 1)
    visit(page, site, confirm)
    assert_axe_clean(page, f"the confirmation page ({language})")
    page.locator("form button[type=submit]").click()
    page.locator("[data-testid=follow-confirmed]").wait_for()
    assert Follow.objects.get(email=email).active
    assert_axe_clean(page, f"the confirmed follow ({language})")
    visit(page, site, mailed_link(site, email, "/unsubscribe/", 1))
    assert_axe_clean(page, f"the unsubscribe page ({language})")
    page.locator("form button[type=submit]").click()
    page.locator("[data-testid=unsubscribed]").wait_for()
    assert not Follow.objects.filter(email=email).exists()  # ended, and its address emptied
    assert Follow.objects.filter(unsubscribed_at__isnull=False).count() == 1
    assert_axe_clean(page, f"the follow ended ({language})")
    assert email not in page.content()


@pytest.mark.parametrize(
    ("language", "viewport", "email"),
    [("th", PHONE, "somsri@example.org"), ("en", DESKTOP, "jane@example.org")],
)
def test_my_participation_from_the_mailed_link_and_withdrawing(site, new_page, language, viewport, email):
    data = {"text": "ควรกำหนดให้เปิดเผยข้อมูลงบประมาณเป็นรายไตรมาส", "anonymous": True,
            "stakeholder_type": "citizen", "email": email, "consent": True}  # fmt: skip
    comment = comment_submit(actor=PUBLIC, consultation=site.consultation, data=data, language=language)
    prefix = "/en" if language == "en" else ""
    page = new_page(viewport)
    visit(page, site, f"{prefix}/")
    page.locator("footer a[href$='/my-participation/']").click()
    page.locator("form button[type=submit]").wait_for()
    assert_axe_clean(page, f"my participation: the address ({language})")
    page.locator("input[name=email]").fill(email)
    page.locator("form button[type=submit]").click()
    page.locator("[data-testid=mine-sent]").wait_for()
    assert_axe_clean(page, f"my participation: the link sent ({language})")
    visit(page, site, mailed_link(site, email, "/my-participation/", 2))  # the receipt came first
    assert comment.receipt in page.locator("[data-testid=section-comments]").inner_text()
    assert_axe_clean(page, f"my participation ({language})")
    page.locator("[data-testid=mine-comment] form button[type=submit]").click()
    page.locator("[data-testid=withdrawn]").wait_for()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.WITHDRAWN
    assert page.locator("[data-testid=mine-comment] form").count() == 0
    assert_axe_clean(page, f"my participation after withdrawing ({language})")
