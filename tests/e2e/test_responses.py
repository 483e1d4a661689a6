"""Issues and responses in Debian chromium: an organiser makes an issue from a campaign, answers it and publishes;
the public page shows it in Thai and English, and a receipt finds it. Every page axe-clean."""

from __future__ import annotations

import re
from typing import Any

import pytest

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.staff_browser import log_in as staff_log_in
from e2e.test_pages import DESKTOP, PHONE, to_int
from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.demo import seed
from rapfang.reports.models import Response
from reports.issue_helpers import Hearing, hearing_with_campaign

shoot = screenshooter("responses")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

STAFF = f"/staff/consultations/{seed.SLUG}/responses/"
PUBLIC = f"/consultations/{seed.SLUG}/responses/"
REASONS_TH = "สรอ. เห็นด้วยกับข้อเสนอ และจะกำหนดการเปิดเผยข้อมูลการจัดซื้อจัดจ้างในรูปแบบข้อมูลเปิดไว้ในแผนฯ"
REASONS_EN = "EGA agrees and will set publishing procurement data as open data as a target of the plan."


@pytest.fixture
def hearing(site: Any) -> Hearing:
    consultation = Consultation.objects.get(slug=seed.SLUG)
    StaffFactory(username="answerer", agency=consultation.agency, role=Role.ORGANISER)
    return hearing_with_campaign(consultation)


def log_in(page: Any, site: Any) -> None:
    staff_log_in(page, site, "answerer", "pw-answerer")


def test_an_issue_from_a_campaign_answered_and_published(site, new_page, hearing):
    page = new_page(DESKTOP)
    log_in(page, site)
    page.goto(site.url + STAFF)
    assert_axe_clean(page, "the staff list of issues with candidates")
    page.get_by_role("button", name=re.compile("^จัดทำเป็นประเด็น จากกลุ่มความคิดเห็นนี้")).first.click()
    page.wait_for_url(re.compile(r"/responses/1/$"))
    assert page.locator("[data-testid=member]").count() == len(hearing.campaign)
    shoot(page, "issue-th")
    assert_axe_clean(page, "an issue's page")

    tick(page.get_by_label("รับข้อเสนอ", exact=True))
    page.get_by_label("เหตุผล (ภาษาไทย)").fill(REASONS_TH)
    page.get_by_label("เหตุผล (ภาษาอังกฤษ)").fill(REASONS_EN)
    tick(page.locator(".paragraph-choices input[type=checkbox]").first)
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    page.get_by_role("button", name="เผยแพร่ผลการพิจารณา").click()
    page.wait_for_load_state()
    assert Response.objects.get().published_at is not None
    assert page.get_by_test_id("state").inner_text().startswith("ผลการพิจารณา: เผยแพร่แล้ว")
    assert_axe_clean(page, "an issue with its published response")

    public = new_page(DESKTOP)  # anonymous, a context of its own
    public.goto(site.url + PUBLIC)
    assert public.locator("h1").inner_text() == "สิ่งที่เราได้รับฟังและสิ่งที่เราดำเนินการ"
    issue = public.locator("[data-testid=issue]")
    assert issue.count() == 1
    assert "ผลการพิจารณา: รับข้อเสนอ" in issue.get_by_test_id("decision").inner_text()
    assert REASONS_TH in issue.get_by_test_id("reasons").inner_text()
    campaign = issue.get_by_test_id("campaign").inner_text()
    assert to_int(campaign) == 1 and to_int(campaign.split("อีก")[1]) == len(hearing.campaign) - 1
    assert issue.get_by_test_id("changed-paragraphs").locator("a").count() == 2
    assert not public.context.cookies()
    shoot(public, "responses-th")
    assert_axe_clean(public, "the public page of responses")

    public.get_by_label("เลขที่หลักฐานการรับ").fill(hearing.campaign[2].receipt)
    public.get_by_role("button", name="ตรวจสอบ").click()
    public.wait_for_load_state()
    result = public.get_by_test_id("lookup-result")
    assert "ประเด็นที่ ๑" in result.inner_text()
    assert_axe_clean(public, "the receipt lookup")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_public_page_in_english_works_without_javascript(site, browser, hearing, viewport):
    from rapfang.reports.services.issues import issue_create_from_group, response_publish, response_save

    issue = issue_create_from_group(actor=SYSTEM, group=hearing.group)
    response_save(actor=SYSTEM, issue=issue, decision="partly", reasons_th=REASONS_TH, reasons_en=REASONS_EN)
    response_publish(actor=SYSTEM, issue=issue)
    context = browser.new_context(viewport=viewport, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "/en" + PUBLIC)
        assert page.locator("h1").inner_text() == "What we heard and what we did"
        assert "Decision: Partly accepted" in page.get_by_test_id("decision").inner_text()
        page.select_option("#decision", "accepted")
        page.get_by_role("button", name="Show").click()
        page.wait_for_load_state()
        assert page.locator("[data-testid=issue]").count() == 0
        assert "decision=accepted" in page.url
        page.get_by_label("Receipt number").fill("DG2-20161118-ZZZZ-ZZZZ")
        page.get_by_role("button", name="Look up").click()
        page.wait_for_load_state()
        assert "No comment on this consultation" in page.get_by_test_id("lookup-result").inner_text()
    finally:
        context.close()
    checked = browser.new_context(viewport=viewport, locale="en-GB")
    try:
        page = checked.new_page()
        page.goto(site.url + "/en" + PUBLIC)
        shoot(page, f"responses-en-{viewport['width']}")
        assert_axe_clean(page, f"the English page at {viewport['width']}px")
    finally:
        checked.close()
