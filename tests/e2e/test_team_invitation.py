"""The team in Debian chromium, from an empty database: an administrator creates an agency and invites its first
organiser; the organiser opens the link from the mail (read from a real SMTP server on loopback), is refused a weak
password beside the field, sets a good one and lands on the staff home. On a desktop and a 390 px phone, every page
axe-clean (WCAG 2.1 A/AA), screenshots under test-results/screenshots with RAPFANG_SCREENSHOTS=1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.shots import screenshooter
from e2e.staff_browser import has_focus, log_in
from e2e.test_pages import DESKTOP, PHONE
from hearings.conftest import Inbox
from hearings.conftest import smtp as mail_server  # noqa: F401 (the real SMTP server on loopback, as a fixture)
from rapfang.accounts.models import Membership, User
from workspace.team_helpers import link_in

shoot = screenshooter("team")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
PASSWORD = "a-long-test-password-1"


@pytest.fixture
def empty_site(e2e_settings: Any, transactional_db: None, live_server: Any, request: Any) -> Iterator[Any]:
    """A new site with nothing but an administrator; its mail goes to the SMTP server on loopback."""
    from django.core.cache import cache

    cache.clear()
    e2e_settings.SITE_URL = live_server.url
    User.objects.create_superuser("root", "root@example.go.th", PASSWORD)
    live_server.inbox = request.getfixturevalue("mail_server")
    yield live_server
    cache.clear()


def check(page: Any, name: str, size: str) -> None:
    assert_axe_clean(page, f"{name} ({size})")
    shoot(page, f"{name}-{size}")


def create_agency(page: Any, site: Any, size: str) -> None:
    page.goto(site.url + "/staff/agencies/")
    check(page, "agencies", size)
    page.get_by_role("link", name="เพิ่มหน่วยงาน").click()
    page.fill("#id_slug", "กรมใหม่")  # a Thai short name is refused in Thai, beside the field
    page.fill("#id_name_th", "สำนักงานพัฒนารัฐบาลดิจิทัล")
    page.locator("main form [type=submit]").click()
    assert has_focus(page, "form-errors")
    assert "ชื่อย่อในที่อยู่ใช้ได้เฉพาะอักษรภาษาอังกฤษ" in page.locator("#id_slug-errors").inner_text()
    assert page.input_value("#id_name_th") == "สำนักงานพัฒนารัฐบาลดิจิทัล"
    check(page, "agency-refused", size)
    page.fill("#id_slug", "dga")
    page.fill("#id_name_en", "Digital Government Development Agency")
    page.fill("#id_email", "contact@dga.example.go.th")
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/staff/agencies/dga/")


def invite(page: Any, size: str, email: str) -> None:
    page.get_by_role("link", name="เชิญเจ้าหน้าที่").click()
    check(page, "invite", size)
    page.fill("#id_email", email)
    page.locator("label[for=id_role_0]").click()
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/staff/agencies/dga/#invitations")
    assert email in page.locator("#invitations").inner_text()
    check(page, "agency", size)


def accept(page: Any, site: Any, path: str, size: str) -> None:
    page.goto(site.url + path)
    check(page, "join", size)
    page.fill("#id_first_name", "กานดา")
    page.fill("#id_last_name", "มีสุข")
    page.fill("#id_password", "12345678")
    page.fill("#id_password_again", "12345678")
    page.locator("main form [type=submit]").click()
    assert has_focus(page, "form-errors")
    assert "ตัวเลขทั้งหมด" in page.locator("#id_password-errors").inner_text()
    assert page.input_value("#id_first_name") == "กานดา"
    check(page, "join-refused", size)
    page.fill("#id_password", "ร่างแผนดิจิทัล-2570")
    page.fill("#id_password_again", "ร่างแผนดิจิทัล-2570")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(site.url + "/staff/")
    assert "ยินดีต้อนรับ" in page.locator("main").inner_text()
    check(page, "home", size)


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_an_administrator_invites_an_organiser_who_sets_a_password_and_lands_on_the_staff_home(
    empty_site: Any, new_page: Any, size: str, viewport: dict[str, int]
) -> None:
    admin = new_page(viewport)
    log_in(admin, empty_site, "root", PASSWORD)
    create_agency(admin, empty_site, size)
    email = f"kanda.{size}@dga.example.go.th"
    invite(admin, size, email)
    [message] = empty_site.inbox.to(email)
    assert "สำนักงานพัฒนารัฐบาลดิจิทัล" in Inbox.body(message) and "ผู้จัดการรับฟังความคิดเห็น" in Inbox.body(message)
    person = new_page(viewport)
    accept(person, empty_site, link_in(message), size)
    assert Membership.objects.filter(user__email=email, agency__slug="dga", role="organiser").exists()
    person.goto(empty_site.url + link_in(message))  # the link worked once
    assert "ตอบรับคำเชิญนี้แล้ว" in person.locator("main").inner_text()
