"""Answering a questionnaire in chromium on a consultation made from nothing: the link on its page, the refusal beside
each field, the receipt (and its mail on a real SMTP server), the results after the close; Thai and English, phone
and desktop, every page clean under axe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.conftest import site_with_mail
from e2e.test_pages import DESKTOP, PHONE, visit
from rapfang.accounts.services import agency_save
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.services import consultation_create, milestone_set
from rapfang.core.actors import SYSTEM
from rapfang.questionnaires.editing import question_add
from rapfang.questionnaires.models import Answer

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]
SLUG = "draft-water-act"


@pytest.fixture
def fresh_site(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """A consultation made from nothing with a questionnaire, its comment period open now; mail to a real server."""
    from django.core.cache import cache

    cache.clear()
    e2e_settings.COMMENT_MIN_SECONDS = 0
    agency = agency_save(actor=SYSTEM, slug="water-office", name_th="สำนักงานทรัพยากรน้ำตัวอย่าง",
                         name_en="Example Water Resources Office")  # fmt: skip
    consultation = consultation_create(actor=SYSTEM, agency=agency, slug=SLUG, title_th="ร่างพระราชบัญญัติน้ำตัวอย่าง",
                                       title_en="Draft Example Water Act", is_published=True)  # fmt: skip
    now = timezone.now()
    milestone_set(actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS,
                  starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=14))  # fmt: skip
    question_add(actor=SYSTEM, consultation=consultation, data={
        "kind": "agree", "required": True, "text_th": "ท่านเห็นด้วยกับการจัดตั้งคณะกรรมการลุ่มน้ำหรือไม่",
        "text_en": "Do you agree with setting up river basin committees?"})  # fmt: skip
    question_add(actor=SYSTEM, consultation=consultation, data={
        "kind": "scale", "scale_max": 5, "text_th": "ท่านเห็นว่าการจัดสรรน้ำในปัจจุบันเป็นธรรมเพียงใด",
        "text_en": "How fair is the present allocation of water?", "low_label_th": "ไม่เป็นธรรม",
        "low_label_en": "Unfair", "high_label_th": "เป็นธรรมมาก", "high_label_en": "Very fair"})  # fmt: skip
    uses = [("อุปโภคบริโภค", "Household"), ("เกษตรกรรม", "Farming"), ("อุตสาหกรรม", "Industry")]
    question_add(actor=SYSTEM, consultation=consultation, data={"kind": "multiple", "text_th": "ท่านใช้น้ำเพื่อการใด",
                 "text_en": "What do you use water for?"}, choices=uses)  # fmt: skip
    with site_with_mail(live_server, e2e_settings) as site:
        yield site


@pytest.mark.parametrize(
    ("language", "viewport", "email"),
    [("th", PHONE, "manee@example.org"), ("en", DESKTOP, "john@example.org")],
)
def test_answering_a_questionnaire_and_reading_its_results_after_the_close(
    fresh_site, new_page, language, viewport, email
):
    prefix = "/en" if language == "en" else ""
    page = new_page(viewport)
    visit(page, fresh_site, f"{prefix}/consultations/{SLUG}/")
    page.locator("[data-testid=questionnaire-link]").click()
    page.locator("form button[type=submit]").wait_for()
    assert_axe_clean(page, f"the questionnaire ({language})")

    page.locator("form button[type=submit]").click()  # nothing answered
    page.locator("[data-error-summary]").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    question = page.locator("fieldset[id^=id_q]").first
    errors = page.locator(f"#{question.get_attribute('id')}-errors")
    assert errors.is_visible()
    assert ("โปรดตอบคำถามนี้" if language == "th" else "Please answer this question.") in errors.inner_text()
    assert_axe_clean(page, f"the refused questionnaire ({language})")
    assert not Answer.objects.exists()

    tick(page.locator("input[type=radio][value=disagree]"))
    page.locator("textarea[name$=_reason]").fill("ควรมีผู้แทนเกษตรกรในคณะกรรมการทุกลุ่มน้ำ")
    tick(page.locator("input[type=radio][value='4']"))
    tick(page.locator("input[type=checkbox][name^=q]").nth(1))
    tick(page.locator("input[name=anonymous]"))
    page.locator("select[name=stakeholder_type]").select_option("citizen")
    page.locator("input[name=email]").fill(email)
    tick(page.locator("input[name=consent]"))
    page.locator("form button[type=submit]").click()
    page.locator("#receipt").wait_for()
    answer = Answer.objects.get()  # durable before the receipt was shown
    assert answer.receipt in page.locator("[data-testid=answer-receipt]").inner_text()
    assert answer.language == language and answer.items.count() == 3
    assert_axe_clean(page, f"the receipt for the answers ({language})")
    mail = fresh_site.inbox.messages
    assert len(mail) == 1 and answer.receipt in str(mail[0]["Subject"]) and str(mail[0]["To"]) == email

    consultation = Consultation.objects.get(slug=SLUG)
    ended = timezone.now() - timedelta(seconds=1)
    milestone_set(actor=SYSTEM, consultation=consultation, kind=MilestoneKind.COMMENTS,
                  starts_at=ended - timedelta(days=15), ends_at=ended, reason="closed for the test")  # fmt: skip
    visit(page, fresh_site, f"{prefix}/consultations/{SLUG}/")
    page.locator("[data-testid=questionnaire-results-link]").click()
    first = page.locator("[data-testid=result-1]")
    first.wait_for()
    assert ("๑๐๐" if language == "th" else "100") in first.inner_text() or "100" in first.inner_text()
    assert "ควรมีผู้แทนเกษตรกร" not in page.content()  # a reason awaiting review is not shown
    assert email not in page.content()
    assert_axe_clean(page, f"the results ({language})")
    visit(page, fresh_site, f"{prefix}/consultations/{SLUG}/questionnaire/")
    assert page.locator("[data-testid=questionnaire-closed]").is_visible()


def test_an_organiser_builds_the_questionnaire_and_keys_in_a_faxed_form(fresh_site, new_page):
    from e2e.staff_browser import log_in
    from rapfang.accounts.models import Agency, Role
    from rapfang.accounts.services import membership_grant, user_create_staff

    user = user_create_staff(actor=SYSTEM, username="org-quest", password="build-the-form-9", administrator=False)
    membership_grant(actor=SYSTEM, user=user, agency=Agency.objects.get(slug="water-office"), role=Role.ORGANISER)
    page = new_page(DESKTOP)
    log_in(page, fresh_site, "org-quest", "build-the-form-9")
    editor = f"/staff/consultations/{SLUG}/questionnaire/"
    visit(page, fresh_site, f"/staff/consultations/{SLUG}/")
    page.locator(f"main a[href='{editor}']").first.click()
    page.locator("#add-question-title").wait_for()
    assert_axe_clean(page, "the questionnaire editor")
    page.select_option("select[name=kind]", "single")
    page.fill("input[name=text_th]", "ท่านอยู่ในลุ่มน้ำใด")
    page.locator("form button[type=submit]").last.click()
    page.locator("#id_choices_th_error").wait_for()  # a single choice needs its choices
    page.fill("textarea[name=choices_th]", "ลุ่มน้ำเจ้าพระยา\nลุ่มน้ำโขง")
    page.locator("form button[type=submit]").last.click()
    page.get_by_text("ลุ่มน้ำเจ้าพระยา / ลุ่มน้ำโขง").wait_for()
    assert_axe_clean(page, "the editor with four questions")
    visit(page, fresh_site, f"{editor}answers/new/")
    assert_axe_clean(page, "keying in a faxed form")
    page.select_option("select[name=channel]", "fax")
    page.fill("input[name=received_at]", "1/1/2569 10:00")
    tick(page.locator("input[type=radio][value=agree]"))
    tick(page.locator("input[name=anonymous]"))
    page.select_option("select[name=stakeholder_type]", "private")
    tick(page.locator("input[name=consent]"))
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    answer = Answer.objects.get()
    assert answer.channel == "fax" and answer.entered_by == user
    visit(page, fresh_site, f"{editor}results/")
    assert_axe_clean(page, "the live results")
    assert "1 (100.0%)" in page.locator("[data-testid=result-1]").inner_text()  # this agency writes Arabic digits
