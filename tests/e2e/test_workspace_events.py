"""An organiser of a new agency makes the public hearing event and a question for its registrants in the workspace,
in Debian chromium on a 390 px phone and a 1280 px desktop: a year that cannot be meant is refused with the error
summary taking the focus and nothing saved; the question editor adds a row without a script of its own; every page
axe-clean (WCAG 2.1 A/AA). Starts from an empty database: no demo."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from clock import bkk
from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.staff_browser import has_focus, log_in
from e2e.test_pages import DESKTOP, PHONE
from hearings.conftest import person
from rapfang.accounts.models import Role, User
from rapfang.accounts.services import agency_contacts_replace, agency_save, membership_grant, user_create_staff
from rapfang.consultations.models import Consultation, Instrument
from rapfang.consultations.services import consultation_create
from rapfang.core.actors import SYSTEM
from rapfang.hearings.models import Event, EventQuestion, Registration
from rapfang.hearings.questions import key_from_label
from rapfang.hearings.services import event_save, registration_create

shoot = screenshooter("workspace-events")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
PASSWORD = "a-long-test-password-1"
VIEWPORTS = [("phone", PHONE, "land-fees-2027"), ("desktop", DESKTOP, "land-survey-2027")]


@pytest.fixture
def new_agency(e2e_settings: Any, transactional_db: None, live_server: Any) -> Any:
    """A new agency with its organiser, a contact person and two consultations of draft regulations; nothing else."""
    agency = agency_save(actor=SYSTEM, slug="dol", name_th="กรมที่ดิน", name_en="Department of Lands")
    agency_contacts_replace(
        actor=SYSTEM, agency=agency, contacts=[{"name_th": "นางสาวศรีสุดา รักงาน", "phone": "02 141 5555"}]
    )
    user = user_create_staff(actor=SYSTEM, username="somchai", password=PASSWORD, email="somchai@dol.example.go.th")
    membership_grant(actor=SYSTEM, user=user, agency=agency, role=Role.ORGANISER)
    for slug, title in (("land-fees-2027", "ค่าธรรมเนียมการออกโฉนดที่ดิน"), ("land-survey-2027", "การรังวัดที่ดิน")):
        consultation_create(
            actor=user, agency=agency, slug=slug, instrument=Instrument.MINISTERIAL_REGULATION,
            title_th=f"ร่างกฎกระทรวงว่าด้วย{title} พ.ศ. ....",
        )  # fmt: skip
    reverse("workspace:home")  # the URL configuration imported before the browser's first page waits for it
    key_from_label("", "การเดินทาง", set())  # the Thai word list and romanisation, loaded once per process (~1-3 s)
    return live_server


def fill_event(page: Any, starts: str) -> None:
    page.fill("#id_title_th", "การประชุมรับฟังความคิดเห็นต่อร่างกฎกระทรวง")
    page.fill("#id_title_en", "Public hearing on the draft ministerial regulation")
    tick(page.locator("#id_is_main"))
    page.fill("#id_starts_at", starts)
    page.fill("#id_ends_at", "20/01/2570 16.30")
    page.fill("#id_venue_th", "ห้องประชุม ๑ อาคารกรมที่ดิน")
    page.fill("#id_capacity", "120")
    page.fill("#id_registration_opens_at", "01/12/2569 09.00")
    page.fill("#id_registration_closes_at", "15/01/2570 23.59.59")
    tick(page.get_by_label("นางสาวศรีสุดา รักงาน"))


@pytest.mark.parametrize(("name", "viewport", "slug"), VIEWPORTS)
def test_an_organiser_creates_the_hearing_event_with_a_question(new_agency, new_page, name, viewport, slug):
    page = new_page(viewport)
    log_in(page, new_agency, "somchai", PASSWORD)
    page.goto(f"{new_agency.url}/staff/consultations/{slug}/events/")
    assert_axe_clean(page, f"events list ({name})")
    page.get_by_role("link", name="เพิ่มกิจกรรม").click()
    assert page.locator("input[name=registration_required][value='1']").is_checked()  # registration on for a new one
    fill_event(page, "20/01/3113 09.00")  # a B.E./C.E. slip: the year 2570 C.E.
    page.get_by_role("button", name="บันทึก", exact=True).click()
    assert has_focus(page, "form-errors")
    assert "ไม่น่าจะเป็นปีที่ต้องการ" in page.locator("#id_starts_at_error").inner_text()
    assert page.input_value("#id_venue_th") == "ห้องประชุม ๑ อาคารกรมที่ดิน" and not Event.objects.exists()
    assert_axe_clean(page, f"refused event form ({name})")
    shoot(page, f"{name}-refused")
    page.fill("#id_starts_at", "20/01/2570 09.00")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    assert "บันทึกกิจกรรมแล้ว" in page.locator("[role=status]").first.inner_text()
    event = Event.objects.get(consultation__slug=slug)
    assert event.starts_at == bkk(2027, 1, 20, 9, 0) and event.registration_required
    assert_axe_clean(page, f"event form ({name})")
    shoot(page, f"{name}-event")

    page.get_by_role("link", name="คำถามสำหรับผู้ลงทะเบียน").first.click()
    page.fill("#id_questions-0-label_th", "ท่านจะเข้าร่วมช่วงใด")
    page.select_option("#id_questions-0-kind", "choice")
    page.fill("#id_questions-0-options_th", "ช่วงเช้า\nช่วงบ่าย")
    tick(page.locator("#id_questions-0-required"))
    page.get_by_role("button", name="เพิ่มคำถาม").click()
    assert has_focus(page, "row-1") and page.input_value("#id_questions-0-label_th") == "ท่านจะเข้าร่วมช่วงใด"
    page.fill("#id_questions-1-label_th", "ท่านต้องการที่จอดรถหรือไม่")
    page.select_option("#id_questions-1-kind", "yes_no")
    assert_axe_clean(page, f"question editor ({name})")
    shoot(page, f"{name}-questions")
    page.get_by_role("button", name="บันทึกคำถาม").last.click()
    assert "บันทึกคำถามแล้ว" in page.locator("[role=status]").first.inner_text()
    questions = list(EventQuestion.objects.filter(event=event).values_list("label_th", "kind", "required"))
    assert questions == [("ท่านจะเข้าร่วมช่วงใด", "choice", True), ("ท่านต้องการที่จอดรถหรือไม่", "yes_no", False)]
    page.goto(f"{new_agency.url}/staff/consultations/{slug}/events/")
    assert "คำถามสำหรับผู้ลงทะเบียน 2 ข้อ" in page.locator("main").inner_text()
    shoot(page, f"{name}-list")


@pytest.mark.parametrize(("name", "viewport", "slug"), VIEWPORTS)
def test_the_door_a_capacity_change_and_a_message_in_the_browser(new_agency, new_page, name, viewport, slug):
    """A full event: someone on the waitlist let in beyond the capacity, a new capacity that asks who moves up, and
    a message previewed before it is sent. Every page axe-clean."""
    organiser = User.objects.get(username="somchai")
    event = event_save(
        actor=organiser, consultation=Consultation.objects.get(slug=slug), kind="hearing", title_th="การประชุม",
        starts_at=bkk(2027, 1, 20, 9), ends_at=bkk(2027, 1, 20, 16), capacity=1, registration_required=True,
        registration_opens_at=bkk(2026, 12, 1, 9), registration_closes_at=bkk(2027, 1, 15, 23, 59, 59),
    )  # fmt: skip
    received = bkk(2026, 12, 10, 10)
    people = [
        registration_create(
            actor=organiser,
            event_id=event.pk,
            data=person(n, email="" if n == 3 else f"p{n}@example.go.th"),
            channel="paper",
            received_at=received,
            now=received,
        )
        for n in (1, 2, 3)
    ]
    page = new_page(viewport)
    log_in(page, new_agency, "somchai", PASSWORD)
    page.goto(f"{new_agency.url}/staff/events/{event.pk}/check-in/?q={people[1].reference}")
    page.get_by_role("button", name="รับเข้างานเกินจำนวนที่นั่ง").click()
    assert "ลงชื่อเข้างานเกินจำนวนที่นั่งแล้ว" in page.locator("[role=status]").first.inner_text()
    assert page.locator("[data-testid=count-beyond-capacity]").inner_text().strip() == "1"
    assert_axe_clean(page, f"check-in ({name})")
    shoot(page, f"{name}-door")
    page.goto(f"{new_agency.url}/staff/events/{event.pk}/edit/")
    page.fill("#id_capacity", "2")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    assert has_focus(page, "capacity-confirm") and people[2].reference in page.locator("#capacity-confirm").inner_text()
    assert_axe_clean(page, f"capacity confirmation ({name})")
    shoot(page, f"{name}-capacity")
    page.locator("#capacity-confirm button").click()
    assert Registration.objects.get(pk=people[2].pk).status == "confirmed"
    page.goto(f"{new_agency.url}/staff/events/{event.pk}/messages/")
    page.fill("#id_subject_th", "แจ้งเปลี่ยนห้องประชุม")
    page.fill("#id_body_th", "ขอเรียนว่าการประชุมย้ายไปที่ห้องประชุม ๒")
    page.get_by_role("button", name="ดูตัวอย่าง").click()
    assert has_focus(page, "preview") and people[2].reference in page.locator("#preview").inner_text()
    assert_axe_clean(page, f"message preview ({name})")
    shoot(page, f"{name}-message")
