import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache

from rapfang.accounts.models import Role, User
from rapfang.accounts.services import membership_grant
from rapfang.consultations.counters import consultation_views_flush
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.documents.models import Attachment

pytestmark = pytest.mark.django_db
PAGE = "/consultations/dg2-2560-2564/"


def test_home_lists_the_consultation_with_its_status(client, demo):
    page = client.get("/").content.decode()
    assert demo.title_th in page and "ปิดรับความคิดเห็นแล้ว" in page
    english = client.get("/en/").content.decode()
    assert demo.title_en in english and "Closed for comments" in english


def test_thai_page_shows_buddhist_era_dates_in_thai_digits(client, demo):
    page = client.get(PAGE).content.decode()
    assert '<html lang="th">' in page
    assert "วันศุกร์ที่ ๑๘ พฤศจิกายน ๒๕๕๙ เวลา ๐๙.๓๐ – ๑๖.๐๐ น." in page
    assert "ภายในวันจันทร์ที่ ๑๔ พฤศจิกายน ๒๕๕๙" in page
    assert "ขณะนี้ปิดระบบลงทะเบียนแล้ว" in page
    assert "๑๘ – ๒๓ พ.ย. ๕๙" in page
    assert "๐ ๒๒๓๐ ๖๓๓๓" in page and "digitalgov_plan@ega.or.th" in page
    assert "๐ ๒๒๓๐ ๖๓๖๒" in page and "๐ ๒๒๓๐ ๖๓๑๖" in page
    assert "ห้องแกรนด์ บอลรูม" in page and "รัฐบาลดิจิทัล สู่ประเทศไทย ๔.๐" in page
    assert "สิงหาคม – พฤศจิกายน ๒๕๕๙" in page
    assert "(๖ วัน)" in page


def test_arabic_digits_when_the_organiser_does_not_choose_thai_digits(client, demo):
    Consultation.objects.filter(pk=demo.pk).update(thai_digits=False)
    page = client.get(PAGE).content.decode()
    assert "วันศุกร์ที่ 18 พฤศจิกายน 2559 เวลา 09.30 – 16.00 น." in page


def test_english_page_shows_common_era_dates(client, demo):
    page = client.get("/en" + PAGE).content.decode()
    assert '<html lang="en">' in page
    assert "Friday 18 November 2016, 09:30–16:00" in page
    assert "Registration is now closed." in page
    assert "Monday 14 November 2016" in page
    assert demo.title_en in page and "Millennium Hilton" in page
    assert "๑" not in page.split("<main", 1)[1].split("rationale-title")[0]


def test_language_switch_links_to_the_same_page(client, demo):
    assert 'href="/en/consultations/dg2-2560-2564/"' in client.get(PAGE).content.decode()
    assert 'href="/consultations/dg2-2560-2564/"' in client.get("/en" + PAGE).content.decode()


def test_views_are_counted_even_from_the_cache(client, demo):
    for _ in range(3):
        assert client.get(PAGE).status_code == 200
    consultation_views_flush()
    demo.refresh_from_db()
    assert demo.views == 915 + 3


def test_anonymous_visits_touch_no_session(client, demo):
    response = client.get(PAGE)
    assert "Set-Cookie" not in response.headers
    assert not Session.objects.exists()


def test_downloads_are_served_and_counted(client, demo):
    attachment = Attachment.objects.get(consultation=demo, kind="agenda")
    url = f"/consultations/{demo.slug}/files/{attachment.pk}/{attachment.filename}"
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    attachment.refresh_from_db()
    assert attachment.downloads == 1


def test_unknown_pages_and_files_are_not_found(client, demo):
    assert client.get("/consultations/no-such-thing/").status_code == 404
    assert client.get(f"/consultations/{demo.slug}/files/999999/x.pdf").status_code == 404


def test_an_unpublished_consultation_is_hidden_except_from_its_organisers(client, demo):
    Consultation.objects.filter(pk=demo.pk).update(is_published=False)
    cache.clear()
    assert client.get(PAGE).status_code == 404
    assert demo.title_th not in client.get("/").content.decode()
    organiser = User.objects.create_user(username="o", password="x-long-password-1", is_staff=True)
    membership_grant(actor=SYSTEM, user=organiser, agency=demo.agency, role=Role.ORGANISER)
    client.force_login(organiser)
    response = client.get(PAGE)
    assert response.status_code == 200 and "ยังไม่เผยแพร่" in response.content.decode()


def test_a_cached_page_never_outlives_a_change_of_status(client, demo, settings):
    import time_machine

    from clock import bkk

    settings.PAGE_CACHE_SECONDS = 3600
    with time_machine.travel(bkk(2016, 11, 14, 23, 59, 50), tick=False):
        assert "เปิดลงทะเบียน" in client.get(PAGE).content.decode()
    with time_machine.travel(bkk(2016, 11, 15, 0, 0, 0), tick=False):
        assert "ขณะนี้ปิดระบบลงทะเบียนแล้ว" in client.get(PAGE).content.decode()


def test_staff_login_page_is_in_thai(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert "เข้าสู่ระบบเจ้าหน้าที่" in page
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_the_timeline_is_in_order_of_time_on_every_database(client, demo):
    page = client.get(PAGE).content.decode().split('id="timeline-title"')[1]
    steps = ["การจัดทำร่าง", "ลงทะเบียนเข้าร่วมการประชุม", "รับฟังความคิดเห็นผ่านเว็บไซต์", "การประชุมรับฟังความคิดเห็น"]
    positions = [page.index(f"<strong>{step}</strong>") for step in steps]
    assert positions == sorted(positions)


def test_without_a_short_name_the_breadcrumb_names_the_title_in_the_page_language_never_the_address(client, demo):
    Consultation.objects.filter(pk=demo.pk).update(short_name="")
    for prefix, title in (("", demo.title_th), ("/en", demo.title_en)):
        page = client.get(prefix + PAGE).content.decode()
        crumb = page.split('aria-current="page">')[1].split("<")[0]
        assert crumb.endswith("…") and title.startswith(crumb[:-1].strip()) and demo.slug not in crumb


def test_the_page_blocks_are_read_when_the_page_shows_them_not_by_the_api(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rapfang.portal.selectors import consultation_page

    page = consultation_page(slug=demo.slug)
    assert "comment_block" not in vars(page) and "questionnaire_block" not in vars(page)
    with CaptureQueriesContext(connection) as reads:
        assert page.comment_block.documents and page.comment_block.count >= 0
        assert page.questionnaire_block.exists in (True, False)
    assert len(reads) >= 2
    assert client.get(f"/api/v1/consultations/{demo.slug}").status_code == 200
