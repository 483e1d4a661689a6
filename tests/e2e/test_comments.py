"""Reading the draft, commenting on a paragraph in place, the mailed receipt, Thai search, moderation: in chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.conftest import site_with_mail
from e2e.shots import shoot
from e2e.test_pages import DESKTOP, PHONE, visit
from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.models import Comment
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.documents.models import Version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgresql_too,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
SLUG = seed.SLUG
READ = f"/consultations/{SLUG}/drafts/draft/"
TEXT = '<script>alert("x")</script> ขอให้เพิ่มช่องทางลงทะเบียนออนไลน์สำหรับผู้สูงอายุ'


@pytest.fixture
def open_site(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """The demo with its comment period open now (post-moderation), mail to a real SMTP server on loopback."""
    from django.core.cache import cache

    from rapfang.demo.loader import demo_load

    cache.clear()
    demo_load(phase="comments")
    e2e_settings.COMMENT_MIN_SECONDS = 0
    with site_with_mail(live_server, e2e_settings) as site:
        yield site


def first_paragraph() -> Any:
    return Version.objects.filter(document__slug="draft").order_by("-number").first().paragraphs.order_by("order")[0]


def comment_in_place(page: Any, anchor: str) -> str:
    page.locator(f"#{anchor} a[hx-get]").click()
    form = page.locator(f"#form-{anchor} form")
    form.wait_for()
    form.locator("textarea[name=text]").fill(TEXT)
    form.locator("input[name=name]").fill("สมศรี ตัวอย่าง")
    form.locator("input[name=organisation]").fill("ชมรมผู้สูงอายุตัวอย่าง")
    form.locator("select[name=stakeholder_type]").select_option("civil_society")
    form.locator("input[name=email]").fill("somsri@example.org")
    tick(form.locator("input[name=consent]"))
    form.locator("button[type=submit]").click()
    receipt = page.locator(f"#form-{anchor} [data-testid=receipt]")
    receipt.wait_for()
    return receipt.inner_text().strip()


def test_read_comment_receive_receipt_search_and_moderate(open_site, new_page, django_user_model):
    page = new_page()
    visit(page, open_site, READ)
    assert_axe_clean(page, "the reading page")
    anchor = first_paragraph().anchor
    receipt = comment_in_place(page, anchor)
    shoot(page, "comments-receipt-in-place")
    assert_axe_clean(page, "the reading page with a receipt")

    comment = Comment.objects.get(receipt=receipt)  # durable before it was shown
    assert comment.paragraph_anchor == anchor and comment.status == "published"
    mail = open_site.inbox.messages
    assert len(mail) == 1 and receipt in str(mail[0]["Subject"]) and str(mail[0]["To"]) == "somsri@example.org"

    visit(page, open_site, f"/comments/receipts/{receipt}/")
    assert_axe_clean(page, "the receipt page")

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit(page, open_site, f"/consultations/{SLUG}/comments/?q=ทะเบียน")
    result = page.locator(f"#c{comment.pk}")
    assert result.locator("mark").first.inner_text() == "ทะเบียน"
    assert '<script>alert("x")</script>' in result.locator(".comment-text").inner_text()  # shown as text
    assert dialogs == []  # the script in the comment never ran
    shoot(page, "comments-search")
    assert_axe_clean(page, "the search results")

    moderator = user_create_staff(actor=SYSTEM, username="mod-e2e", password="moderate-e2e-9", administrator=False)
    membership_grant(actor=SYSTEM, user=moderator, agency=comment.consultation.agency, role=Role.MODERATOR)
    staff = new_page()
    visit(staff, open_site, "/accounts/login/")
    staff.fill("input[name=username]", "mod-e2e")
    staff.fill("input[name=password]", "moderate-e2e-9")
    staff.locator("form [type=submit]").click()
    staff.wait_for_load_state()
    visit(staff, open_site, f"/staff/consultations/{SLUG}/comments/new/")
    assert_axe_clean(staff, "the page for keying in offline comments")
    visit(staff, open_site, f"/staff/consultations/{SLUG}/moderation/?state=published")
    assert_axe_clean(staff, "the moderation queue")
    tick(staff.locator(f"[data-receipt='{receipt}'] input[type=checkbox]"))
    tick(staff.locator("#action-hide"))
    tick(staff.locator("#reason-off_topic"))
    staff.locator("#bulk button[type=submit]").click()
    staff.wait_for_load_state()
    shoot(staff, "comments-moderation")
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == ("hidden", "off_topic")

    visit(page, open_site, f"/consultations/{SLUG}/comments/?q=ทะเบียน")
    assert page.locator(f"#c{comment.pk}").count() == 0


@pytest.mark.parametrize(
    "path",
    [READ, f"/en{READ}", f"/consultations/{SLUG}/comment/", f"/en/consultations/{SLUG}/comments/",
     f"{READ}compare/?from=1&to=2", f"/consultations/{SLUG}/"],
)  # fmt: skip
def test_comment_pages_have_no_wcag_a_or_aa_violations(open_site, new_page, path):
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport)
        visit(page, open_site, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {viewport['width']}px"
        assert_axe_clean(page, f"{path} at {viewport['width']}px")
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_").replace("=", "-")
        shoot(page, f"comments-{name}-{viewport['width']}")


def test_without_javascript_the_form_page_takes_a_comment_and_shows_the_receipt(open_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="th-TH", viewport=DESKTOP)
    try:
        page = context.new_page()
        anchor = first_paragraph().anchor
        page.goto(open_site.url + f"/consultations/{SLUG}/comment/?paragraph={anchor}")
        page.fill("textarea[name=text]", "ความเห็นโดยไม่ใช้จาวาสคริปต์")
        tick(page.locator("input[name=anonymous]"))
        page.select_option("select[name=stakeholder_type]", "citizen")
        tick(page.locator("input[name=consent]"))
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        assert "/comments/receipts/" in page.url
        receipt = page.locator("[data-testid=receipt]").inner_text().strip()
        assert Comment.objects.get(receipt=receipt).anonymous
    finally:
        context.close()
