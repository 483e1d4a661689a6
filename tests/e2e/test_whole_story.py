"""An agency's first hearing, from an empty site to its published results, in Debian chromium, in Thai, through the
site's own pages only (never /admin/, never a write to the database for a person's step).

1. The administrator creates the agency and invites an organiser and a moderator; the mails arrive on a real SMTP
   server on loopback, each person accepts through the link, sets a password and lands on the staff home.
2. The organiser names the agency's contact persons, creates a consultation on a draft regulation, sets the comment
   period with B.E. dates typed as people type them (open now, on the live server's own clock), makes three topics,
   uploads a DOCX draft and previews its reading page, attaches a PDF, creates the main hearing (two seats,
   registration open now, the hearing in the future), passes the checks and takes it live.
3. The public, on a 390 px phone: reads the consultation, registers three people (two confirmed, one on the waitlist,
   each reference by mail), comments on a paragraph in place, and a small campaign of near-identical comments
   arrives through the public API.
4. The moderator follows the staff home's link to the queue, publishes the campaign in one action, publishes one
   comment and hides another.
5. The organiser lets in the waitlisted person beyond the capacity and a walk-in at the door, runs the analysis,
   makes an issue from the campaign and answers it, then generates the summary report.

Results may be published only once the comment period has closed and the hearing has met, and the live server's
clock cannot be moved: so before publishing the response and the report the organiser moves the comment period and
the hearing into the past through the timeline page and the event's edit page, as an agency would correct dates.
Staff pages run at 1280 x 900, the public's at 390 px; every page is axe-clean (WCAG 2.1 A/AA) and screenshotted
under test-results/screenshots (story-*.png) with RAPFANG_SCREENSHOTS=1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from docx import Document

from e2e.axe import assert_axe_clean
from e2e.boxes import tick
from e2e.shots import screenshooter
from e2e.staff_browser import log_in
from e2e.test_pages import DESKTOP, PHONE, visit
from e2e.test_registration import mailed_link
from e2e.test_report import READY
from e2e.test_team_invitation import PASSWORD as ROOT_PASSWORD
from e2e.test_team_invitation import empty_site  # noqa: F401 (the fixture: an empty site, mail over SMTP)
from hearings.conftest import Inbox
from hearings.conftest import smtp as mail_server  # noqa: F401 (the fixture the empty site asks for)
from rapfang.accounts.models import Membership
from rapfang.comments.models import Comment, CommentStatus
from rapfang.documents.models import Paragraph
from rapfang.hearings.models import Event, Registration
from rapfang.reports.models import Report, ReportStatus, Response
from workspace.team_helpers import link_in

shoot = screenshooter("story")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning"), pytest.mark.long]

BANGKOK = ZoneInfo("Asia/Bangkok")
AGENCY = "dla"
TITLE = "ร่างระเบียบกระทรวงมหาดไทยว่าด้วยการคัดแยกขยะมูลฝอยในสถานที่ราชการ พ.ศ. ...."
SUMMARY = "กำหนดให้สถานที่ราชการคัดแยกขยะมูลฝอยก่อนทิ้ง และรายงานปริมาณขยะต่อหน่วยงานกำกับทุกไตรมาส"
CONTACT = "นางสาวพิมพ์ชนก ใจดี"
ORGANISER = ("wanida@dla.example.go.th", "วนิดา", "ศรีวงศ์", "คัดแยกขยะ-ต้นทาง-2569")
MODERATOR = ("prasert@dla.example.go.th", "ประเสริฐ", "มั่นคง", "ตรวจความเห็น-อย่างเป็นธรรม-9")
TOPICS = ("การคัดแยกขยะ", "การรายงานปริมาณขยะ", "บทลงโทษและการกำกับดูแล")
PARAGRAPHS = (
    ("หมวด ๑ บททั่วไป", 1),
    ("ข้อ ๑ ระเบียบนี้เรียกว่า ระเบียบกระทรวงมหาดไทยว่าด้วยการคัดแยกขยะมูลฝอยในสถานที่ราชการ พ.ศ. ....", 0),
    ("ข้อ ๒ ระเบียบนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศเป็นต้นไป", 0),
    ("หมวด ๒ การคัดแยกขยะมูลฝอย", 1),
    ("ข้อ ๓ ให้สถานที่ราชการจัดภาชนะรองรับขยะมูลฝอยแยกเป็นขยะทั่วไป ขยะอินทรีย์ ขยะรีไซเคิล และขยะอันตราย", 0),
    ("ข้อ ๔ ให้หัวหน้าส่วนราชการรายงานปริมาณขยะมูลฝอยแต่ละประเภทต่อกรมส่งเสริมการปกครองท้องถิ่นทุกไตรมาส", 0),
)
CAMPAIGN = "ขอให้ขยายระยะเวลาการรายงานปริมาณขยะจากทุกไตรมาสเป็นปีละครั้ง เพื่อลดภาระของหน่วยงานขนาดเล็ก"
CAMPAIGN_ENDINGS = ("", " ครับ", " ค่ะ", " ขอบคุณครับ")
COMMENT = "ควรกำหนดสีของภาชนะรองรับขยะแต่ละประเภทให้เหมือนกันทุกหน่วยงาน เพื่อให้ประชาชนเข้าใจง่าย"
OFF_TOPIC = "ขอสอบถามเรื่องการต่อใบอนุญาตขับขี่ครับ"
REASONS = "กรมส่งเสริมการปกครองท้องถิ่นรับข้อเสนอบางส่วน โดยจะให้หน่วยงานขนาดเล็กรายงานปริมาณขยะปีละสองครั้ง"
FINISHED = "() => /100|๑๐๐/.test(document.querySelector('[data-testid=run-percent]').textContent)"
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def story_site(empty_site: Any, e2e_settings: Any) -> Iterator[Any]:  # noqa: F811 (the imported fixture)
    """The empty site, its comment form taking a comment at once, its first page loaded before the browser's."""
    e2e_settings.COMMENT_MIN_SECONDS = 0
    with urlopen(empty_site.url + "/accounts/login/", timeout=120) as first:  # noqa: S310 (our live server)
        assert first.status == 200
    yield empty_site


def check(page: Any, name: str) -> None:
    """Every page: its fonts loaded, axe-clean, a screenshot."""
    page.evaluate("document.fonts.ready.then(() => true)")
    assert_axe_clean(page, name)
    shoot(page, name)


def be(moment: datetime, time: str = "") -> str:
    """A date as people type it in Thailand: day/month/B.E. year, then a time if given."""
    day = f"{moment.day:02d}/{moment.month:02d}/{moment.year + 543}"
    return f"{day} {time}".strip()


def docx_draft() -> bytes:
    document = Document()
    for text, level in PARAGRAPHS:
        if level:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


# 1. The administrator: the agency and its first two people


def create_agency(page: Any, site: Any) -> None:
    page.goto(site.url + "/staff/")
    check(page, "admin-home")
    page.get_by_role("link", name="หน่วยงานและเจ้าหน้าที่").click()
    page.get_by_role("link", name="เพิ่มหน่วยงาน").click()
    page.fill("#id_slug", AGENCY)
    page.fill("#id_name_th", "กรมส่งเสริมการปกครองท้องถิ่น")
    page.fill("#id_name_en", "Department of Local Administration")
    page.fill("#id_email", "saraban@dla.example.go.th")
    check(page, "agency-new")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**/staff/agencies/{AGENCY}/")


def invite(page: Any, email: str, role: int) -> None:
    page.get_by_role("link", name="เชิญเจ้าหน้าที่").click()
    page.fill("#id_email", email)
    page.locator(f"label[for=id_role_{role}]").click()
    check(page, f"invite-{role}")
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**/staff/agencies/{AGENCY}/#invitations")
    assert email in page.locator("#invitations").inner_text()


def accept(page: Any, site: Any, person: tuple[str, str, str, str]) -> None:
    email, first, last, password = person
    [message] = site.inbox.to(email)
    assert "กรมส่งเสริมการปกครองท้องถิ่น" in Inbox.body(message)
    page.goto(site.url + link_in(message))
    check(page, f"join-{email.split('@')[0]}")
    page.fill("#id_first_name", first)
    page.fill("#id_last_name", last)
    page.fill("#id_password", password)
    page.fill("#id_password_again", password)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(site.url + "/staff/")
    assert "ยินดีต้อนรับ" in page.locator("main").inner_text()


# 2. The organiser: from a new consultation to going live


def name_contact(page: Any, site: Any) -> None:
    page.goto(f"{site.url}/staff/agencies/{AGENCY}/")
    check(page, "agency")
    page.goto(f"{site.url}/staff/agencies/{AGENCY}/contacts/")
    page.fill("#id_contacts-0-name_th", CONTACT)
    page.fill("#id_contacts-0-position_th", "นักวิเคราะห์นโยบายและแผนชำนาญการ")
    page.fill("#id_contacts-0-phone", "02 241 9000")
    check(page, "contacts")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_load_state()
    assert CONTACT in page.locator("main").inner_text()


def create_consultation(page: Any, site: Any) -> str:
    page.goto(site.url + "/staff/")
    check(page, "organiser-home")
    page.get_by_role("link", name="สร้างการรับฟังความคิดเห็นใหม่").click()
    page.fill("#id_title_th", TITLE)
    page.fill("#id_title_en", "Draft Ministry of Interior Regulation on Waste Sorting in Government Premises")
    page.select_option("#id_instrument", "regulation")
    page.fill("#id_summary_th", SUMMARY)
    tick(page.get_by_label(CONTACT))
    check(page, "consultation-new")
    page.get_by_role("button", name="สร้างการรับฟังความคิดเห็น").click()
    page.wait_for_url(re.compile(r"/staff/consultations/[a-z0-9-]+/$"))
    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    check(page, "overview-new")
    return slug


def set_comment_period(page: Any, base: str, starts: datetime, ends: datetime, name: str, reason: str = "") -> None:
    """The comment period typed in B.E. dates on the timeline's own step page (with the reason a published
    consultation's period asks for when it is made to end earlier)."""
    page.goto(base + "timeline/")
    if page.locator("#step-comments").count():
        page.locator("#step-comments a[href$='/timeline/comments/']").click()
    else:
        page.select_option("#id_kind", "comments")
        page.get_by_role("button", name="กำหนดวันเวลา").click()
    page.fill("#id_starts_at", be(starts))
    page.fill("#id_ends_at", be(ends))
    page.locator("#id_ends_at").press("Tab")
    if reason:
        page.fill("#id_reason", reason)
    check(page, f"{name}-step")
    page.get_by_role("button", name="บันทึกขั้นตอน").click()
    page.wait_for_url("**/timeline/")
    check(page, name)


def add_topics(page: Any, base: str) -> None:
    page.goto(base + "topics/")
    for topic in TOPICS:
        page.fill("#id_name_th", topic)
        page.get_by_role("button", name="เพิ่มหมวดหมู่").click()
        page.wait_for_load_state()
    assert page.locator("ol.topic-list > li").count() == len(TOPICS)
    check(page, "topics")


def upload_draft(page: Any, base: str, site: Any, slug: str) -> None:
    page.goto(base + "drafts/")
    page.get_by_role("link", name="อัปโหลดเอกสารร่างใหม่").click()
    page.fill("#id_title_th", "ร่างระเบียบกระทรวงมหาดไทยว่าด้วยการคัดแยกขยะมูลฝอยในสถานที่ราชการ")
    page.set_input_files("#id_file", files=[{"name": "ร่างระเบียบ.docx", "buffer": docx_draft(), "mimeType":
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}])  # fmt: skip
    check(page, "draft-new")
    page.get_by_role("button", name="อัปโหลดและแบ่งร่าง").click()
    page.wait_for_url("**/versions/1/")
    assert page.locator("[data-paragraph]").count() == sum(1 for _, level in PARAGRAPHS if not level)
    check(page, "draft-split")
    page.get_by_role("link", name="ดูตัวอย่างหน้าอ่านร่าง").click()
    page.wait_for_url(f"**/consultations/{slug}/drafts/draft/?version=1")
    assert page.get_by_test_id("preview").is_visible()
    assert "ร่างระเบียบ" in page.locator("main").inner_text()
    check(page, "draft-preview")
    page.goto(base + "drafts/")
    page.get_by_role("link", name="แนบไฟล์").click()
    page.set_input_files("#id_file", files=[{"name": "สรุปสาระสำคัญ.pdf", "mimeType": "application/pdf",
                                             "buffer": MINIMAL_PDF}])  # fmt: skip
    page.fill("#id_title_th", "สรุปสาระสำคัญของร่างระเบียบ")
    check(page, "attachment-new")
    page.get_by_role("button", name="แนบไฟล์").click()
    page.wait_for_url("**/drafts/#files")
    assert page.get_by_role("link", name="สรุปสาระสำคัญ.pdf").is_visible()
    check(page, "drafts")


def fill_event_dates(page: Any, starts: datetime, opens: datetime, closes: datetime) -> None:
    page.fill("#id_starts_at", be(starts, "09.00"))
    page.fill("#id_ends_at", be(starts, "16.30"))
    page.fill("#id_registration_opens_at", be(opens, "00.00"))
    page.fill("#id_registration_closes_at", be(closes, "23.59.59"))


def create_event(page: Any, base: str, today: datetime) -> int:
    page.goto(base + "events/")
    check(page, "events-empty")
    page.get_by_role("link", name="เพิ่มกิจกรรม").click()
    page.fill("#id_title_th", "การประชุมรับฟังความคิดเห็นต่อร่างระเบียบว่าด้วยการคัดแยกขยะมูลฝอย")
    tick(page.locator("#id_is_main"))
    fill_event_dates(page, today + timedelta(days=25), today, today + timedelta(days=20))
    page.fill("#id_venue_th", "ห้องประชุมชั้น ๕ กรมส่งเสริมการปกครองท้องถิ่น")
    page.fill("#id_capacity", "2")
    assert page.locator("input[name=registration_required][value='1']").is_checked()
    tick(page.get_by_label(CONTACT))
    check(page, "event-new")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    assert "บันทึกกิจกรรมแล้ว" in page.locator("[role=status]").first.inner_text()
    event = Event.objects.get(consultation__slug=base.rstrip("/").rsplit("/", 1)[1])
    assert event.is_main and event.capacity == 2 and event.registration_required
    page.goto(base + "events/")
    check(page, "events")
    return event.pk


def go_live(page: Any, base: str) -> None:
    page.goto(base)
    page.get_by_role("link", name="เปิดเผยแพร่", exact=True).first.click()
    assert page.locator("[data-check].failed").count() == 0
    check(page, "publish")
    page.get_by_role("button", name="เปิดเผยแพร่ทันที").click()
    page.wait_for_url(base)
    assert "เปิดเผยแพร่การรับฟังความคิดเห็นต่อสาธารณะแล้ว" in page.locator("main").inner_text()
    check(page, "overview-live")


# 3. The public, on a phone


def register(page: Any, site: Any, event_id: int, n: int) -> str:
    visit(page, site, f"/events/{event_id}/")
    if n == 1:
        check(page, "public-event")
    page.fill("#id_name", ("สมหญิง ใจงาม", "บุญมี ทองดี", "อารีย์ พึ่งบุญ")[n - 1])
    page.fill("#id_organisation", "องค์การบริหารส่วนตำบลบางพลี")
    page.select_option("#id_stakeholder_type", "government")
    page.fill("#id_email", f"person{n}@example.go.th")
    page.fill("#id_phone", f"08{n:08d}")
    tick(page.locator("#id_consent"))
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/events/\d+/received/#received$"))
    if n == 1:
        check(page, "public-received")
    visit(page, site, mailed_link(site.inbox, f"person{n}@example.go.th"))
    if n == 3:
        check(page, "public-waitlisted")
    return page.locator("[data-testid=reference]").inner_text().strip()


def comment_in_place(page: Any, anchor: str, text: str, name: str) -> str:
    page.locator(f"#{anchor} a[hx-get]").click()
    form = page.locator(f"#form-{anchor} form")
    form.wait_for()
    form.locator("textarea[name=text]").fill(text)
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=stakeholder_type]").select_option("citizen")
    tick(form.locator("input[name=consent]"))
    form.locator("button[type=submit]").click()
    receipt = page.locator(f"#form-{anchor} [data-testid=receipt]")
    receipt.wait_for()
    return receipt.inner_text().strip()


def campaign_by_api(page: Any, site: Any, slug: str) -> None:
    for ending in CAMPAIGN_ENDINGS:
        answer = page.request.post(f"{site.url}/api/v1/consultations/{slug}/comments", data={
            "text": CAMPAIGN + ending, "anonymous": True, "stakeholder_type": "private", "consent": True})  # fmt: skip
        assert answer.status == 201, answer.text()


# 4. The moderator


def moderate(page: Any, site: Any, good: str, bad: str) -> None:
    page.goto(site.url + "/staff/")
    check(page, "moderator-home")
    page.locator("[data-attention=moderation] a").click()
    page.wait_for_url("**/moderation/")
    campaign = page.locator(f".campaign[data-count='{len(CAMPAIGN_ENDINGS)}']")
    assert campaign.count() == 1
    check(page, "moderation")
    campaign.get_by_role("button", name=f"เผยแพร่ทั้ง {len(CAMPAIGN_ENDINGS)} รายการ").click()
    page.wait_for_load_state()
    tick(page.locator(f"[data-receipt='{good}'] input[type=checkbox]"))
    tick(page.locator("#action-publish"))
    page.locator("#bulk button[type=submit]").click()
    page.wait_for_load_state()
    tick(page.locator(f"[data-receipt='{bad}'] input[type=checkbox]"))
    tick(page.locator("#action-hide"))
    tick(page.locator("#reason-off_topic"))
    page.locator("#bulk button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=empty]").count() == 1
    check(page, "moderation-done")


# 5. The organiser again: the door, the analysis, the response, the report


def at_the_door(page: Any, site: Any, event_id: int, waiting: str) -> None:
    page.goto(f"{site.url}/staff/events/{event_id}/check-in/?q={waiting}")
    check(page, "door-waitlisted")
    page.get_by_role("button", name="รับเข้างานเกินจำนวนที่นั่ง").click()
    assert "ลงชื่อเข้างานเกินจำนวนที่นั่งแล้ว" in page.locator("[role=status]").first.inner_text()
    page.locator("summary", has_text="ลงทะเบียนหน้างาน").click()
    page.fill("#id_name", "ชาญชัย มาเอง")
    page.fill("#id_phone", "089 123 4567")  # an e-mail address or a telephone number, to reach them
    page.select_option("#id_stakeholder_type", "citizen")
    tick(page.locator("#id_consent"))
    check(page, "door-walk-in")
    page.get_by_role("button", name="ลงทะเบียนและรับเข้างานเกินจำนวนที่นั่ง").click()
    page.wait_for_load_state()
    assert not page.locator(".alert-danger").count(), page.locator(".alert-danger").first.inner_text()
    assert page.locator("[data-testid=count-beyond-capacity]").inner_text().strip() in ("2", "๒")
    check(page, "door")


def analyse(page: Any, base: str) -> None:
    page.goto(base + "analysis/")
    check(page, "analysis-empty")
    page.get_by_role("button", name="วิเคราะห์ความคิดเห็น").click()
    page.wait_for_url(re.compile(r"/analysis/runs/\d+/$"))
    page.wait_for_function(FINISHED, timeout=30_000)
    page.get_by_role("link", name="ดูผลการวิเคราะห์").click()
    page.wait_for_load_state()
    check(page, "analysis")


def answer(page: Any, base: str) -> str:
    page.goto(base + "responses/")
    check(page, "issues")
    page.get_by_role("button", name=re.compile("^จัดทำเป็นประเด็น จากกลุ่มความคิดเห็นนี้")).first.click()
    page.wait_for_url(re.compile(r"/responses/\d+/$"))
    assert page.locator("[data-testid=member]").count() == len(CAMPAIGN_ENDINGS)
    tick(page.get_by_label("รับข้อเสนอบางส่วน", exact=True))
    page.get_by_label("เหตุผล (ภาษาไทย)").fill(REASONS)
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    check(page, "issue")
    return page.url.split("#")[0]


def move_into_the_past(page: Any, base: str, site: Any, event_id: int, today: datetime) -> None:
    """The comment period and the hearing moved into the past on their own pages (see the module's docstring)."""
    set_comment_period(page, base, today - timedelta(days=30), today - timedelta(days=1), "timeline-closed",
                       reason="แก้ไขกำหนดการให้ตรงกับวันที่ดำเนินการจริง")  # fmt: skip
    page.goto(f"{site.url}/staff/events/{event_id}/edit/")
    fill_event_dates(page, today - timedelta(days=1), today - timedelta(days=30), today - timedelta(days=2))
    page.get_by_role("button", name="บันทึก", exact=True).click()
    assert "บันทึกกิจกรรมแล้ว" in page.locator("[role=status]").first.inner_text()
    check(page, "event-met")


def publish_results(page: Any, base: str, issue: str) -> None:
    page.goto(issue)
    shoot(page, "issue-before-publishing")
    page.get_by_role("button", name="เผยแพร่ผลการพิจารณา").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("state").inner_text().startswith("ผลการพิจารณา: เผยแพร่แล้ว")
    page.goto(base + "reports/")
    check(page, "report-empty")
    tick(page.get_by_label("ภาษาไทย", exact=True))
    page.get_by_role("button", name="จัดทำรายงาน", exact=True).click()
    page.wait_for_url(re.compile(r"/reports/1/$"))
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_load_state()
    check(page, "report-ready")
    page.get_by_role("link", name="อนุมัติและเผยแพร่").click()
    page.wait_for_load_state()
    check(page, "report-confirm")
    page.get_by_role("button", name="เผยแพร่").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    said = page.locator("main").inner_text()
    assert "วนิดา ศรีวงศ์" in said and ORGANISER[0] not in said  # staff named by name, never by address
    check(page, "report-published")


def test_a_new_agency_runs_its_first_hearing_on_a_draft_regulation_through_the_pages(story_site, new_page):
    site = story_site
    today = timezone.now().astimezone(BANGKOK)
    requests: list[str] = []
    admin, organiser, moderator = new_page(DESKTOP), new_page(DESKTOP), new_page(DESKTOP)
    for staff in (admin, organiser, moderator):
        staff.on("request", lambda request: requests.append(request.url))

    log_in(admin, site, "root", ROOT_PASSWORD)
    create_agency(admin, site)
    invite(admin, ORGANISER[0], 0)
    invite(admin, MODERATOR[0], 1)
    check(admin, "agency-invited")
    accept(organiser, site, ORGANISER)
    accept(moderator, site, MODERATOR)
    roles = set(Membership.objects.filter(agency__slug=AGENCY).values_list("user__email", "role"))
    assert roles == {(ORGANISER[0], "organiser"), (MODERATOR[0], "moderator")}

    name_contact(organiser, site)
    slug = create_consultation(organiser, site)
    base = f"{site.url}/staff/consultations/{slug}/"
    set_comment_period(organiser, base, today, today + timedelta(days=20), "timeline")
    assert "อยู่ระหว่างดำเนินการ" in organiser.locator("#step-comments").inner_text()
    add_topics(organiser, base)
    upload_draft(organiser, base, site, slug)
    event_id = create_event(organiser, base, today)
    go_live(organiser, base)

    public = new_page(PHONE)
    assert visit(public, site, f"/consultations/{slug}/") == []
    main = public.locator("main").inner_text()
    assert "ร่างระเบียบ" in main and SUMMARY in main and CONTACT in main and "(ร่าง) แผน" not in main
    assert slug not in public.locator(".breadcrumb").inner_text()  # the title, never the address
    check(public, "public-consultation")
    references = [register(public, site, event_id, n) for n in (1, 2, 3)]
    statuses = [Registration.objects.get(reference=ref).status for ref in references]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    visit(public, site, f"/consultations/{slug}/drafts/draft/")
    check(public, "public-draft")
    anchors = list(Paragraph.objects.filter(version__document__consultation__slug=slug).order_by("order")
                   .values_list("anchor", flat=True))  # fmt: skip
    good = comment_in_place(public, anchors[2], COMMENT, "สมศักดิ์ รักษ์โลก")
    check(public, "public-receipt")
    bad = comment_in_place(public, anchors[0], OFF_TOPIC, "ผู้ใช้ทั่วไป")
    campaign_by_api(public, site, slug)
    assert Comment.objects.filter(consultation__slug=slug, status=CommentStatus.PENDING).count() == 6

    moderate(moderator, site, good, bad)
    published = Comment.objects.filter(consultation__slug=slug, status=CommentStatus.PUBLISHED)
    assert published.count() == 5
    assert Comment.objects.get(receipt=bad).status == CommentStatus.HIDDEN

    at_the_door(organiser, site, event_id, references[2])
    analyse(organiser, base)
    issue = answer(organiser, base)
    move_into_the_past(organiser, base, site, event_id, today)
    publish_results(organiser, base, issue)
    assert Response.objects.get().published_at is not None
    assert Report.objects.get(consultation__slug=slug).status == ReportStatus.PUBLISHED

    assert visit(public, site, f"/consultations/{slug}/") == []
    assert public.get_by_test_id("results").is_visible()
    check(public, "public-results")
    assert not [url for url in requests if "/admin/" in url]
