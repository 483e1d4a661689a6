"""A new agency's organiser sets up a consultation from nothing in Debian chromium, in Thai, never opening /admin/:
a Thai address refused with a working one filled in, topics, the comment period counted against the legal minimum as
it is typed, the checks, going live, and the public page. Every page axe-clean on a desktop and a 390 px phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.request import urlopen

import pytest

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.staff_browser import has_focus, log_in
from e2e.test_pages import DESKTOP, PHONE
from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_contacts_replace, agency_save, membership_grant, user_create_staff
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from workspace.consultation_helpers import draft

shoot = screenshooter("workspace-consultation")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgresql_too,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "a-long-test-password-1"
TITLE = "ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการรังวัดที่ดิน พ.ศ. ...."
SUMMARY = "ปรับอัตราค่าธรรมเนียมการรังวัดที่ดินให้สอดคล้องกับต้นทุนการให้บริการในปัจจุบัน"


@pytest.fixture
def empty_site(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """The live server on an empty database: one new agency, its contact persons and its organiser."""
    from django.core.cache import cache

    cache.clear()
    agency = agency_save(actor=SYSTEM, slug="dol", name_th="กรมที่ดิน", name_en="Department of Lands")
    agency_contacts_replace(actor=SYSTEM, agency=agency, contacts=[
        {"name_th": "นางสาวมาลัย ดอกไม้", "position_th": "นักวิชาการที่ดิน", "phone": "02 141 5501"}])  # fmt: skip
    user = user_create_staff(actor=SYSTEM, username="somchai", password=PASSWORD, email="somchai@example.go.th")
    membership_grant(actor=SYSTEM, user=user, agency=agency, role=Role.ORGANISER)
    with urlopen(live_server.url + "/accounts/login/", timeout=120) as first:  # noqa: S310 (the live server)
        assert first.status == 200  # the server's first page loads its URLconf and catalogues: not the browser's wait
    yield live_server
    cache.clear()


def check(page: Any, name: str) -> None:
    """Axe-clean and a screenshot on the desktop, then the same on a phone, and back."""
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.evaluate("document.fonts.ready.then(() => true)")
        assert_axe_clean(page, f"{name} ({label})")
        shoot(page, f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def make_consultation(page: Any) -> str:
    page.get_by_role("link", name="สร้างการรับฟังความคิดเห็นใหม่").click()
    page.fill("#id_title_th", TITLE)
    page.select_option("#id_instrument", "ministerial_regulation")
    page.fill("#id_summary_th", SUMMARY)
    tick(page.locator("#id_contacts_0"))
    page.fill("#id_slug", "ค่าธรรมเนียมรังวัด")
    page.get_by_role("button", name="สร้างการรับฟังความคิดเห็น").click()
    summary = page.locator("#form-errors")
    assert "ที่อยู่เว็บต้องประกอบด้วยอักษรละติน" in summary.inner_text()
    assert has_focus(page, "form-errors")
    assert page.input_value("#id_title_th") == TITLE and page.is_checked("#id_contacts_0")
    suggested = page.input_value("#id_slug")
    assert suggested.startswith("khatamniam") and suggested.isascii()
    check(page, "new-refused")
    page.get_by_role("button", name="สร้างการรับฟังความคิดเห็น").click()
    page.wait_for_url(f"**/staff/consultations/{suggested}/")
    return suggested


def add_topics(page: Any, slug: str) -> None:
    page.goto(page.url.split("/staff/")[0] + f"/staff/consultations/{slug}/topics/")
    for name in ("อัตราค่าธรรมเนียม", "การยกเว้นค่าธรรมเนียม"):
        page.fill("#id_name_th", name)
        page.get_by_role("button", name="เพิ่มหมวดหมู่").click()
        page.wait_for_load_state()
    assert page.locator("ol.topic-list > li").count() == 2
    check(page, "topics")


def set_comment_period(page: Any, slug: str) -> None:
    page.get_by_role("link", name="กำหนดการ", exact=True).first.click()
    page.select_option("#id_kind", "comments")
    page.get_by_role("button", name="กำหนดวันเวลา").click()
    page.fill("#id_starts_at", "01/12/2569")
    page.fill("#id_ends_at", "14/12/2569")
    page.locator("#id_ends_at").press("Tab")
    length = page.locator("#period-length")
    length.locator("[data-days='14']").wait_for()
    assert "น้อยกว่าระยะเวลาขั้นต่ำตามกฎหมาย 15 วัน" in length.inner_text()
    page.fill("#id_ends_at", "๑๕/๑๒/๒๕๖๙")
    page.locator("#id_ends_at").press("Tab")
    length.locator("[data-days='15']").wait_for()
    check(page, "comment-period")
    page.get_by_role("button", name="บันทึกขั้นตอน").click()
    page.wait_for_url(f"**/staff/consultations/{slug}/timeline/")
    assert "1 – 15 ธันวาคม 2569" in page.locator("main table").inner_text()
    check(page, "timeline")


def go_live(page: Any, slug: str) -> None:
    page.get_by_role("link", name="เปิดเผยแพร่", exact=True).first.click()
    assert page.locator("[data-check].failed").count() == 0
    check(page, "publish")
    page.get_by_role("button", name="เปิดเผยแพร่ทันที").click()
    page.wait_for_url(f"**/staff/consultations/{slug}/")
    assert "เปิดเผยแพร่การรับฟังความคิดเห็นต่อสาธารณะแล้ว" in page.locator("main").inner_text()
    check(page, "overview-live")


def test_an_organiser_sets_up_a_consultation_from_nothing_and_takes_it_live(new_page, empty_site):
    page = new_page(DESKTOP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    log_in(page, empty_site, "somchai", PASSWORD)
    page.goto(empty_site.url + "/staff/")
    slug = make_consultation(page)
    assert "ยังไม่ได้อัปโหลดร่าง" in page.locator("main").inner_text()  # the overview's checks
    check(page, "overview")
    add_topics(page, slug)
    set_comment_period(page, slug)
    draft(Consultation.objects.get(slug=slug))  # the draft's own page is another step of the workspace
    go_live(page, slug)
    page.goto(empty_site.url + f"/consultations/{slug}/")
    main = page.locator("main").inner_text()
    assert "ร่างกฎกระทรวง" in main and SUMMARY in main and "หมวดหมู่ของการรับฟังความคิดเห็นนี้" in main
    assert "นางสาวมาลัย ดอกไม้" in main and "(ร่าง) แผน" not in main
    check(page, "public")
    assert not [url for url in requests if "/admin/" in url]
