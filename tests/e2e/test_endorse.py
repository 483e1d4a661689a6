"""Endorsing a comment in chromium: from the list's "I agree" to the form, its refusal and the receipt; Thai and
English, phone and desktop, each page clean under axe."""

from __future__ import annotations

import pytest

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.test_comments import open_site  # noqa: F401 (a fixture)
from e2e.test_pages import DESKTOP, PHONE, visit
from rapfang.comments.models import Comment, CommentStatus, Endorsement
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC
from rapfang.demo import seed

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
SLUG = seed.SLUG


def _published() -> Comment:
    from rapfang.consultations.models import Consultation

    data = {"text": "ขอให้เปิดข้อมูลการใช้งบประมาณเป็นข้อมูลเปิด", "anonymous": True, "stakeholder_type": "citizen",
            "consent": True}  # fmt: skip
    comment = comment_submit(actor=PUBLIC, consultation=Consultation.objects.get(slug=SLUG), data=data)
    assert comment.status == CommentStatus.PUBLISHED
    return comment


@pytest.mark.parametrize(
    ("language", "viewport", "email"),
    [("th", PHONE, "manee@example.org"), ("en", DESKTOP, "john@example.org")],
)
def test_endorsing_a_comment_without_and_with_mistakes(open_site, new_page, language, viewport, email):  # noqa: F811
    comment = _published()
    prefix = "/en" if language == "en" else ""
    page = new_page(viewport)
    visit(page, open_site, f"{prefix}/consultations/{SLUG}/comments/")
    page.locator(f"[data-testid=endorse-{comment.pk}]").click()
    page.locator("form button[type=submit]").wait_for()
    assert_axe_clean(page, f"the endorsement form ({language})")
    page.locator("form button[type=submit]").click()  # nothing filled in
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("#id_email-errors").is_visible()
    assert_axe_clean(page, f"the refused endorsement form ({language})")
    tick(page.locator("input[name=anonymous]"))
    page.locator("select[name=stakeholder_type]").select_option("citizen")
    page.locator("input[name=email]").fill(email)
    tick(page.locator("input[name=consent]"))
    page.locator("form button[type=submit]").click()
    done = page.locator("#endorsed")
    done.wait_for()
    endorsement = Endorsement.objects.get(comment=comment, email=email)
    assert endorsement.receipt in done.inner_text()
    count = page.locator("[data-testid=endorsement-count]").inner_text()
    assert ("๑" if language == "th" else "1") in count
    assert_axe_clean(page, f"the endorsement's receipt ({language})")
    assert email not in page.content()
