"""The summary report in Debian chromium: a staff member generates a version, follows its progress to "ready",
reviews the HTML, publishes it, and the public consultation page then offers its files; axe-clean throughout."""

from __future__ import annotations

import re
from typing import Any

import pytest

from clock import bkk
from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.staff_browser import log_in as staff_log_in
from e2e.test_pages import DESKTOP, PHONE, to_int, visit
from rapfang.accounts.models import Role
from rapfang.accounts.services import membership_grant, user_create_staff
from rapfang.comments.models import Comment, ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Consultation
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.demo import seed
from rapfang.reports.models import Report, ReportStatus
from rapfang.reports.selectors.reports import report_file_name
from rapfang.reports.services.reports import report_execute, report_publish, report_request

shoot = screenshooter("report")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

BASE = f"/staff/consultations/{seed.SLUG}/reports/"
READY = "() => document.querySelector('iframe') !== null"
TEXTS = (
    "ควรเปิดเผยข้อมูลการจัดซื้อจัดจ้างของรัฐในรูปแบบข้อมูลเปิดที่เครื่องอ่านได้",
    "ขอให้พัฒนาทักษะดิจิทัลของข้าราชการในส่วนภูมิภาคอย่างต่อเนื่อง ติดต่อได้ที่ 081-234-5678",
    "ระบบบริการภาครัฐควรใช้งานผ่านโทรศัพท์มือถือได้ง่ายสำหรับผู้สูงอายุ",
)


@pytest.fixture
def hearing(site: Any, settings: Any) -> Consultation:
    """The demo consultation with comments (the demo's own when the loader gives them, else a few), an organiser,
    and a job queue that keeps what is enqueued for the test to run, so the page's progress can be followed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    consultation = Consultation.objects.get(slug=seed.SLUG)
    if not Comment.objects.filter(consultation=consultation, status="published").exists():
        comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
        for number, text in enumerate(TEXTS):
            data = {"text": text, "anonymous": True, "stakeholder_type": ("citizen", "academic")[number % 2],
                    "consent": True}  # fmt: skip
            comment_submit(actor=PUBLIC, consultation=consultation, data=data, now=bkk(2016, 11, 18 + number, 10))
    user = user_create_staff(actor=SYSTEM, username="reporter", password="pw-reporter-1")
    membership_grant(actor=SYSTEM, user=user, agency=consultation.agency, role=Role.ORGANISER)
    return consultation


def log_in(page: Any, site: Any) -> None:
    staff_log_in(page, site, "reporter", "pw-reporter-1")


def test_generate_follow_review_publish_and_find_it_on_the_public_page(site, new_page, hearing):
    page = new_page(DESKTOP)
    log_in(page, site)
    page.goto(site.url + BASE)
    assert page.get_by_text("ยังไม่มีการจัดทำรายงานฉบับใด").is_visible()
    assert_axe_clean(page, "the report page before any version")

    tick(page.get_by_label("ภาษาไทย", exact=True))
    tick(page.get_by_label("ใช่: ตัวเลขและวันที่เป็นเลขไทย"))
    page.get_by_label("หมายเหตุของฉบับนี้").fill("ฉบับแรกเพื่อตรวจทาน")
    page.get_by_role("button", name="จัดทำรายงาน", exact=True).click()
    page.wait_for_url(re.compile(r"/reports/1/$"))
    percent = page.get_by_test_id("report-percent")
    assert to_int(percent.inner_text()) == 0
    assert_axe_clean(page, "a queued version")

    report = Report.objects.get(consultation=hearing)
    assert (report.status, report.thai_digits, report.note) == (ReportStatus.QUEUED, True, "ฉบับแรกเพื่อตรวจทาน")
    report_execute(report_id=report.pk)  # as the job worker would; the page polls every second, then reloads

    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_load_state()
    assert to_int(page.get_by_test_id("report-percent").inner_text()) == 100
    assert page.get_by_text("พร้อมให้ตรวจทาน").first.is_visible()
    preview = page.frame_locator("iframe")
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in preview.locator("body").inner_text(timeout=15_000)
    assert page.locator("#files-title ~ table a").count() == 4
    shoot(page, "version-ready")
    assert_axe_clean(page, "the version ready for review")

    page.get_by_role("link", name="อนุมัติและเผยแพร่").click()
    page.wait_for_load_state()
    assert_axe_clean(page, "the confirmation step")
    page.get_by_role("button", name="เผยแพร่").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED
    assert_axe_clean(page, "the published version")

    public = new_page(PHONE)
    assert visit(public, site, f"/consultations/{seed.SLUG}/") == []
    block = public.get_by_test_id("results")
    assert block.is_visible()
    links = block.get_by_test_id("report-files").get_by_role("link")
    assert [link.inner_text().split("\n")[0].split(" ")[0].strip() for link in links.all()] == [
        "PDF", "DOCX", "XLSX", "HTML"]  # fmt: skip
    assert "๒๕" in block.inner_text()  # the publication date in the Buddhist era, in Thai digits as the demo wants
    with public.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename == f"hearing-report-{seed.SLUG}-v1.pdf"
    with public.expect_download() as archive:
        block.get_by_role("link", name="ดาวน์โหลดข้อมูลเปิด (ZIP)").click()
    assert archive.value.suggested_filename == f"{seed.SLUG}-open-data.zip"
    shoot(public, "public-results-phone")
    assert_axe_clean(public, "the consultation page with the published report")


def test_the_html_report_itself_is_axe_clean(site, browser, hearing):
    report = report_execute(report_id=report_request(actor=SYSTEM, consultation=hearing, enqueue=False).pk)
    report_publish(actor=SYSTEM, report=report)
    html = next(row for row in report.files.all() if row.format == "html")
    context = browser.new_context(viewport=DESKTOP, locale="th-TH", bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{site.url}/consultations/{seed.SLUG}/reports/1/{report_file_name(report, html.format)}")
        assert page.locator("h1").first.is_visible()
        assert_axe_clean(page, "the HTML report")
    finally:
        context.close()
