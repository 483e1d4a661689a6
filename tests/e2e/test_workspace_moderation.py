"""A moderator of a new agency moderates a campaign at once, on a desktop and on a phone: the queue, the confirmation
and the activity log are axe-clean; the campaign is hidden with a reason in three clicks, the rest published in 3."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.conftest import DESKTOP
from e2e.shots import screenshooter
from e2e.staff_browser import log_in
from e2e.test_pages import PHONE, visit
from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_save, membership_grant, user_create_staff
from rapfang.comments.models import Comment, CommentStatus
from rapfang.consultations.models import Instrument
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from workspace.seeding import open_comments, seed_campaign

pytestmark = pytest.mark.browser
PASSWORD = "a-long-moderator-password-7"
QUEUE = "/staff/consultations/land-fees-2027/moderation/"
shoot = screenshooter("workspace-moderation")


@pytest.fixture
def new_agency(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """Live server, empty database: an agency, its organiser and moderator, a consultation taking comments."""
    agency = agency_save(actor=SYSTEM, slug="dol", name_th="กรมที่ดิน", name_en="Department of Lands")
    people = {}
    for username, role in (("somchai", Role.ORGANISER), ("malee", Role.MODERATOR)):
        people[username] = user_create_staff(actor=SYSTEM, username=username, password=PASSWORD)
        membership_grant(actor=SYSTEM, user=people[username], agency=agency, role=role)
    consultation = consultation_create(
        actor=people["somchai"], agency=agency, slug="land-fees-2027", instrument=Instrument.MINISTERIAL_REGULATION,
        title_th="ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....",
    )  # fmt: skip
    open_comments(consultation, people["somchai"])
    live_server.campaign, live_server.singles = seed_campaign(consultation, copies=40, others=5)
    yield live_server


def statuses(comments: list[Any]) -> set[str]:
    return set(Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True))


def test_a_moderator_hides_a_campaign_at_once_on_a_desktop_and_publishes_the_rest_on_a_phone(new_agency, new_page):
    desktop = new_page(DESKTOP)
    log_in(desktop, new_agency, "malee", PASSWORD)
    assert visit(desktop, new_agency, QUEUE) == []
    assert desktop.locator(".campaign").count() == 1
    assert desktop.locator(".campaign[data-count='40']").count() == 1
    assert_axe_clean(desktop, "the moderation queue (desktop)")
    shoot(desktop, "queue-desktop")
    desktop.get_by_role("button", name="ซ่อนทั้ง 40 รายการ…").click()
    desktop.wait_for_load_state()
    assert desktop.locator("h1").inner_text() == "ซ่อนความคิดเห็น 40 รายการหรือไม่"
    assert statuses(new_agency.campaign) == {CommentStatus.PENDING}  # asked first, nothing hidden yet
    assert_axe_clean(desktop, "the confirmation of hiding")
    shoot(desktop, "confirm-desktop")
    tick(desktop.get_by_label("สแปม"))
    desktop.get_by_role("button", name="ซ่อนความคิดเห็น 40 รายการ").click()
    desktop.wait_for_load_state()
    assert statuses(new_agency.campaign) == {CommentStatus.HIDDEN}
    assert "ซ่อนความคิดเห็นแล้ว 40 รายการ" in desktop.locator("[role=status]").inner_text()

    phone = new_page(PHONE)
    log_in(phone, new_agency, "malee", PASSWORD)
    assert visit(phone, new_agency, QUEUE) == []
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    tick(phone.get_by_label("เลือกความคิดเห็นทั้ง 5 รายการในหน้านี้"))
    assert phone.locator("#bulk .row-select:checked").count() == 5  # the small script ticks the boxes too
    tick(phone.get_by_label("เผยแพร่", exact=True))
    assert_axe_clean(phone, "the moderation queue (phone)")
    shoot(phone, "queue-phone")
    phone.get_by_role("button", name="ดำเนินการกับความคิดเห็นที่เลือก").click()
    phone.wait_for_load_state()
    assert statuses(new_agency.singles) == {CommentStatus.PUBLISHED}
    assert phone.locator("[data-testid=empty]").count() == 1
    shoot(phone, "done-phone")

    for page, name in ((phone, "phone"), (desktop, "desktop")):
        assert visit(page, new_agency, "/staff/consultations/land-fees-2027/activity/") == []
        said = page.locator("[data-testid=activity-line]").all_inner_texts()
        assert said[:2] == ["malee เผยแพร่ความคิดเห็น 5 รายการ", "malee ซ่อนความคิดเห็น 40 รายการ (สแปม)"]
        assert_axe_clean(page, f"the activity log ({name})")
        shoot(page, f"activity-{name}")
