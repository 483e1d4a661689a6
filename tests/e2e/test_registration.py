"""The hearing day in a real browser: register, receive the mail over SMTP, cancel, see the waitlisted promoted.

Every page on the way is checked with axe-core (WCAG 2.1 A/AA) at desktop and phone widths.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import shoot
from e2e.test_pages import DESKTOP, PHONE, visit
from hearings.conftest import Inbox, smtp  # noqa: F401 (the fixture)
from rapfang.core.actors import SYSTEM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
LINK = re.compile(r"https?://\S+/registrations/\S+/")


@pytest.fixture
def rush_event(site: Any, settings: Any) -> Any:
    """A workshop of the demo consultation with one seat, registration open now."""
    from rapfang.consultations.models import Consultation
    from rapfang.hearings.services import event_save

    settings.SITE_URL = site.url
    now = timezone.now()
    return event_save(
        actor=SYSTEM, consultation=Consultation.objects.get(slug="dg2-2560-2564"), kind="workshop",
        title_th="ประชุมระดมสมอง ด้านสาธารณสุข", title_en="Brainstorming workshop: public health",
        starts_at=now + timedelta(days=5), ends_at=now + timedelta(days=5, hours=3), venue_th="ห้องประชุม ๒",
        capacity=1, registration_required=True, registration_opens_at=now - timedelta(hours=1),
        registration_closes_at=now + timedelta(days=2), accepts_fax=True, accepts_email=True,
    )  # fmt: skip


def mailed_link(inbox: Inbox, address: str) -> str:
    """The path of the registrant's page, from the last message sent to `address`."""
    link = LINK.search(inbox.body(inbox.to(address)[-1]))
    assert link, inbox.body(inbox.to(address)[-1])
    return "/" + link.group().split("/", 3)[3]


def register(page: Any, site: Any, event: Any, n: int, inbox: Inbox) -> str:
    """Register person `n` through the form; every registrant is told that the confirmation is on its way (so
    that the answer says nothing of who registered before); their page is reached through the mailed link."""
    visit(page, site, f"/events/{event.pk}/")
    page.fill("#id_name", f"สมหญิง ทดสอบ {n}")
    page.fill("#id_organisation", "กรมตัวอย่าง")
    page.select_option("#id_stakeholder_type", "government")
    page.fill("#id_email", f"person{n}@example.go.th")
    page.fill("#id_phone", f"08{n:08d}")
    tick(page.locator("#id_consent"))
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/received/#received$"))
    assert page.locator("[data-testid=received]").is_visible()
    visit(page, site, mailed_link(inbox, f"person{n}@example.go.th"))
    return page.locator("[data-testid=reference]").inner_text().strip()


def test_register_mail_cancel_and_promotion_in_the_browser(site, new_page, rush_event, smtp: Inbox):  # noqa: F811
    first, second = new_page(), new_page(PHONE)
    visit(first, site, f"/events/{rush_event.pk}/")
    assert_axe_clean(first, "the event page")
    first.click("form button[type=submit]")  # empty form: errors in Thai, nothing stored
    assert first.locator("#form-errors").is_visible()
    assert_axe_clean(first, "the event page with errors")
    shoot(first, "event-errors-th-desktop")

    reference = register(first, site, rush_event, 1, smtp)
    assert first.locator("[data-testid=status]").inner_text().startswith("ยืนยันแล้ว")
    assert first.locator("figure.qr svg").count() == 1
    assert_axe_clean(first, "the confirmation page")
    shoot(first, "registration-confirmed-th-desktop")

    waiting = register(second, site, rush_event, 2, smtp)
    assert "รายชื่อสำรอง" in second.locator("[data-testid=status]").inner_text()
    assert_axe_clean(second, "the waitlisted page on a phone")
    shoot(second, "registration-waitlisted-th-phone")

    [mail] = smtp.to("person1@example.go.th")
    assert reference in smtp.subject(mail) and "ยืนยันการลงทะเบียน" in smtp.subject(mail)
    visit(first, site, mailed_link(smtp, "person1@example.go.th") + "cancel/")
    assert_axe_clean(first, "the cancel page")
    first.click("form button.btn-danger")
    first.wait_for_url(re.compile(r"/registrations/[^/]+/\?cancelled=1#registration-status$"))
    assert first.locator("[data-testid=status]").inner_text().startswith("ยกเลิกแล้ว")

    promoted = smtp.to("person2@example.go.th")[-1]
    assert waiting in smtp.subject(promoted) and "ได้รับที่นั่ง" in smtp.subject(promoted)
    second.reload()
    assert second.locator("[data-testid=status]").inner_text().startswith("ยืนยันแล้ว")

    visit(first, site, "/consultations/dg2-2560-2564/")
    assert_axe_clean(first, "the consultation page with the registration block")
    visit(first, site, "/privacy/registrations/")
    assert_axe_clean(first, "the privacy notice")


def login(page: Any, site: Any, e2e_settings: Any) -> None:
    password = (Path(e2e_settings.DATA_DIR) / "demo-organiser-password").read_text().strip()
    visit(page, site, "/accounts/login/")
    page.fill("#id_username", "organiser")
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


def test_staff_check_in_on_a_phone_by_name_and_staff_pages(site, new_page, rush_event, e2e_settings):
    from rapfang.hearings.services import registration_create

    registration = registration_create(
        actor=SYSTEM, event_id=rush_event.pk, channel="web",
        data={"name": "ศุภชัย รักไทย", "stakeholder_type": "academic", "email": "s@example.ac.th", "consent": True},
    )  # fmt: skip
    phone = new_page(PHONE)
    login(phone, site, e2e_settings)
    visit(phone, site, f"/staff/events/{rush_event.pk}/check-in/")
    assert_axe_clean(phone, "the check-in page on a phone")
    phone.fill("#q", "รักไทย")
    phone.click("#find button[type=submit]")
    phone.get_by_role("button", name=re.compile("ลงชื่อเข้างาน")).first.click()
    phone.wait_for_load_state()
    assert phone.locator("[data-testid=count-checked-in]").inner_text().strip() == "1"
    shoot(phone, "check-in-th-phone")
    phone.fill("#q", registration.reference)
    phone.click("#find button[type=submit]")
    assert "มาถึงเมื่อ" in phone.content() or "arrived" in phone.content() or phone.locator(".border-success").count()
    assert_axe_clean(phone, "the check-in page with a result")

    desk = new_page(DESKTOP)
    login(desk, site, e2e_settings)
    for path in ("", "replies/new/", "import/"):
        visit(desk, site, f"/staff/events/{rush_event.pk}/{path}")
        assert_axe_clean(desk, f"the staff page /{path}")
    shoot(desk, "staff-registrations-th-desktop")


def test_english_event_pages_are_axe_clean_and_register_in_english(site, new_page, rush_event, smtp: Inbox):  # noqa: F811
    page = new_page(PHONE)
    visit(page, site, f"/en/events/{rush_event.pk}/")
    assert page.get_attribute("html", "lang") == "en"
    assert_axe_clean(page, "the English event page on a phone")
    page.fill("#id_name", "Jane Tester")
    page.select_option("#id_stakeholder_type", "private")
    page.fill("#id_email", "jane@example.com")
    tick(page.locator("#id_consent"))
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/en/events/\d+/received/#received$"))
    assert_axe_clean(page, "the English page saying the registration was received")
    visit(page, site, mailed_link(smtp, "jane@example.com"))
    assert page.locator("[data-testid=status]").inner_text().startswith("Confirmed")
    assert_axe_clean(page, "the English confirmation page")
    shoot(page, "registration-confirmed-en-phone")
    [mail] = smtp.to("jane@example.com")
    assert smtp.subject(mail).startswith("Registration confirmed")
    visit(page, site, "/en/privacy/registrations/")
    assert_axe_clean(page, "the English privacy notice")
