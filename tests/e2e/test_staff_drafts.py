"""The draft in the staff workspace, in Debian chromium, from an empty database: an organiser of a new agency uploads
a Markdown draft, is told plainly (summary focused, error beside the field) when the file is a PDF, sees how the
draft was split, and previews the public reading page before publishing — on a phone and a desktop, axe-clean.
Then, with the comment period open and a comment on the draft, a new version is compared before it is imported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.request import urlopen

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.axe import assert_axe_clean
from e2e.shots import screenshooter
from e2e.staff_browser import has_focus, log_in
from e2e.test_pages import DESKTOP, PHONE
from rapfang.accounts.models import Role
from rapfang.accounts.services import agency_save, membership_grant, user_create_staff
from rapfang.comments.models import ModerationMode
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Instrument
from rapfang.consultations.services import consultation_create, consultation_update, milestone_set, topic_save
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.documents.models import Paragraph, Version

shoot = screenshooter("drafts")
pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

PASSWORD = "a-long-test-password-1"
DRAFTS = "/staff/consultations/land-fees-2027/drafts/"
DRAFT_V1 = """# หมวด ๑ บททั่วไป

ข้อ ๑ กฎกระทรวงนี้เรียกว่า กฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....

ข้อ ๒ กฎกระทรวงนี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป {topics: fees}

# หมวด ๒ ค่าธรรมเนียม {topics: fees}

- ค่าออกโฉนดที่ดิน แปลงละห้าสิบบาท
- ค่ารังวัดเพื่อออกโฉนดที่ดิน วันละสามสิบบาท
"""
DRAFT_V2 = DRAFT_V1.replace("หกสิบวัน", "เก้าสิบวัน").replace("- ค่ารังวัดเพื่อออกโฉนดที่ดิน วันละสามสิบบาท\n", "")


@pytest.fixture
def empty_site(e2e_settings: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    """The live server on an empty database: one new agency, its organiser, and a consultation with one topic."""
    agency = agency_save(actor=SYSTEM, slug="dol", name_th="กรมที่ดิน", name_en="Department of Lands")
    organiser = user_create_staff(actor=SYSTEM, username="somchai", password=PASSWORD, email="somchai@example.go.th")
    membership_grant(actor=SYSTEM, user=organiser, agency=agency, role=Role.ORGANISER)
    consultation = consultation_create(
        actor=organiser, agency=agency, slug="land-fees-2027", instrument=Instrument.MINISTERIAL_REGULATION,
        title_th="ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน พ.ศ. ....",
    )  # fmt: skip
    topic_save(actor=organiser, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม", name_en="Fees")
    with urlopen(live_server.url + "/accounts/login/", timeout=120):  # noqa: S310 (http to our live server; the first request loads the site, untimed)
        pass
    yield live_server


def _upload_draft(page: Any, site: Any) -> None:
    page.goto(site.url + DRAFTS)
    page.get_by_role("link", name="อัปโหลดเอกสารร่างใหม่").click()
    page.fill("#id_title_th", "ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน")
    page.set_input_files("#id_file", files=[{"name": "ร่าง.pdf", "mimeType": "application/pdf",
                                             "buffer": b"%PDF-1.4\n%%EOF\n"}])  # fmt: skip
    page.get_by_role("button", name="อัปโหลดและแบ่งร่าง").click()
    assert has_focus(page, "form-errors")  # the summary takes the focus
    expect(page.locator("#id_file-errors")).to_be_visible()
    assert page.input_value("#id_title_th") == "ร่างกฎกระทรวงกำหนดค่าธรรมเนียมการออกโฉนดที่ดิน"
    shoot(page, "refused-pdf")
    assert_axe_clean(page, "the refused upload")
    page.set_input_files("#id_file", files=[{"name": "ร่าง.md", "mimeType": "text/markdown",
                                             "buffer": DRAFT_V1.encode()}])  # fmt: skip
    page.get_by_role("button", name="อัปโหลดและแบ่งร่าง").click()
    page.wait_for_url("**/versions/1/")


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_an_organiser_uploads_a_markdown_draft_and_previews_it(empty_site: Any, new_page: Any, size: str, viewport):
    page = new_page(viewport)
    log_in(page, empty_site, "somchai", PASSWORD)
    _upload_draft(page, empty_site)
    assert "นำเข้าร่างฉบับที่ 1 แล้ว" in page.inner_text("main")
    assert page.locator("[data-paragraph]").count() == 4 == Paragraph.objects.count()
    shoot(page, f"split-{size}")
    assert_axe_clean(page, f"how the draft was split ({size})")
    page.get_by_role("link", name="ดูตัวอย่างหน้าอ่านร่าง").click()
    page.wait_for_url("**/consultations/land-fees-2027/drafts/draft/?version=1")
    expect(page.get_by_test_id("preview")).to_be_visible()
    expect(page.get_by_role("button", name="แสดงความคิดเห็นต่อร่างทั้งฉบับ")).to_be_disabled()
    expect(page.locator("text=ข้อ ๒ กฎกระทรวงนี้ให้ใช้บังคับ")).to_be_visible()
    shoot(page, f"preview-{size}")
    assert_axe_clean(page, f"the preview ({size})")
    page.goto(empty_site.url + DRAFTS)
    page.get_by_role("link", name="แนบไฟล์").click()
    page.set_input_files("#id_file", files=[{"name": "กำหนดการ.pdf", "mimeType": "application/pdf",
                                             "buffer": b"%PDF-1.4\n%%EOF\n"}])  # fmt: skip
    page.fill("#id_title_th", "กำหนดการประชุมรับฟังความคิดเห็น")
    page.select_option("#id_kind", "agenda")
    shoot(page, f"attach-{size}")
    assert_axe_clean(page, f"attaching a file ({size})")
    page.get_by_role("button", name="แนบไฟล์").click()
    page.wait_for_url("**/drafts/#files")
    expect(page.get_by_role("link", name="กำหนดการ.pdf")).to_be_visible()
    shoot(page, f"drafts-{size}")
    assert_axe_clean(page, f"the drafts page ({size})")
    anonymous = new_page(viewport)
    assert anonymous.goto(empty_site.url + "/consultations/land-fees-2027/drafts/draft/").status == 404


def test_a_new_version_while_comments_are_open_is_compared_first(empty_site: Any, new_page: Any):
    page = new_page(DESKTOP)
    log_in(page, empty_site, "somchai", PASSWORD)
    _upload_draft(page, empty_site)
    consultation = Version.objects.get().document.consultation
    now = timezone.now()
    milestone_set(actor=SYSTEM, consultation=consultation, kind="comments", starts_at=now - timedelta(days=1),
                  ends_at=now + timedelta(days=20))  # fmt: skip
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    consultation_update(actor=SYSTEM, consultation=consultation, is_published=True)
    anchor = Paragraph.objects.get(text__contains="หกสิบวัน").anchor
    comment_submit(actor=PUBLIC, consultation=consultation, data={"text": "ควรให้เวลามากกว่านี้", "anonymous": True,
                   "stakeholder_type": "citizen", "consent": True, "paragraph": anchor})  # fmt: skip
    page.goto(empty_site.url + DRAFTS + "draft/versions/new/")
    page.set_input_files("#id_file", files=[{"name": "ร่าง-2.md", "mimeType": "text/markdown",
                                             "buffer": DRAFT_V2.encode()}])  # fmt: skip
    page.get_by_role("button", name="อัปโหลดและเปรียบเทียบ").click()
    page.wait_for_url("**/versions/confirm/**")
    assert page.locator("tr[data-kind=changed] td").first.inner_text() == "1"
    assert Version.objects.count() == 1
    shoot(page, "confirm-desktop")
    assert_axe_clean(page, "the confirmation of a new version")
    page.get_by_role("button", name="นำเข้าเป็นฉบับที่ 2").click()
    page.wait_for_url("**/versions/2/")
    page.goto(empty_site.url + "/consultations/land-fees-2027/comments/")
    expect(page.get_by_test_id("earlier")).to_be_visible()
    shoot(page, "earlier-wording-desktop")
    assert_axe_clean(page, "a comment on an earlier wording")
