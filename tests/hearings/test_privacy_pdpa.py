"""The built-in privacy notices carry every element PDPA section 23 asks for, in Thai and English; the earlier
built-in version stays readable; the controller's contacts follow the agency asked about."""

from __future__ import annotations

import pytest
import time_machine

from clock import bkk
from rapfang.hearings.notices import BUILT_IN_VERSION, notice_get, notice_history

pytestmark = pytest.mark.django_db
SECTIONS_TH = ("ข้อมูลที่เก็บรวบรวม", "วัตถุประสงค์และฐานทางกฎหมาย", "มาตรา ๒๔ (๔)", "ข้อมูลที่จำเป็นต้องให้",
               "ระยะเวลาการเก็บรักษา", "ผู้รับข้อมูล", "สิทธิของท่านและวิธีใช้สิทธิ", "ผู้ควบคุมข้อมูลส่วนบุคคลและช่องทางติดต่อ",
               "คณะกรรมการคุ้มครองข้อมูลส่วนบุคคล")  # fmt: skip
SECTIONS_EN = ("What is collected", "on what legal basis", "section 24(4)", "What you must give", "How long it is kept",
               "Who receives it", "Your rights and how to use them", "The data controller and how to reach it",
               "Personal Data Protection Committee")  # fmt: skip


def test_the_registration_notice_has_every_element_in_thai_and_english(client, demo, settings):
    settings.REGISTRATION_RETENTION_DAYS = 45
    thai = client.get("/privacy/registrations/", {"agency": demo.agency.slug}).content.decode()
    english = client.get("/en/privacy/registrations/", {"agency": demo.agency.slug}).content.decode()
    assert all(part in thai for part in SECTIONS_TH) and all(part in english for part in SECTIONS_EN)
    assert "จนครบ ๔๕ วันหลังวันจัดกิจกรรม" in thai and "until 45 days after the event" in english
    assert "digitalgov_plan@ega.or.th" in thai and "สำนักงานรัฐบาลอิเล็กทรอนิกส์ (องค์การมหาชน)" in thai
    assert "ความยินยอมโดยชัดแจ้ง" in thai  # needs that reveal health or religion: PDPA section 26


def test_the_comment_notice_says_the_same_for_commenters(client, demo, settings):
    thai = client.get("/privacy/comments/", {"agency": demo.agency.slug}).content.decode()
    english = client.get("/en/privacy/comments/").content.decode()
    assert all(part in thai for part in SECTIONS_TH) and all(part in english for part in SECTIONS_EN)
    assert "emptied 90 days after the comment period closes" in english  # RAPFANG_COMMENT_RETENTION_DAYS's default
    settings.COMMENT_RETENTION_DAYS = 365
    assert "365 days after the comment period closes" in client.get("/en/privacy/comments/").content.decode()


def test_the_comment_form_links_its_notice_with_the_agency(client, demo):
    with time_machine.travel(bkk(2016, 11, 20, 10, 0, 0), tick=False):  # the comment period is open
        html = client.get(f"/consultations/{demo.slug}/comment/").content.decode()
    assert f'href="/privacy/comments/?agency={demo.agency.slug}"' in html


def test_the_earlier_built_in_version_stays_readable(client, demo):
    assert [notice.version for notice in notice_history(demo.updated_at)][-2:] == [BUILT_IN_VERSION, "2026-12"]
    assert notice_get("2026-12") is not None and notice_get("2026-12").built_in
    earlier = client.get("/en/privacy/registrations/", {"version": "2026-12"}).content.decode()
    assert "This is an earlier version" in earlier and "within the period the organiser sets" in earlier


def test_a_notice_version_named_by_its_year_reads_in_the_buddhist_era_on_thai_pages(client, demo):
    thai = client.get("/privacy/registrations/", {"version": "2026-12"}).content.decode()
    english = client.get("/en/privacy/registrations/", {"version": "2026-12"}).content.decode()
    assert "ฉบับ 2569-12" in thai and "2569-12-2" in thai and "2026-12" not in thai.replace("version=2026-12", "")
    assert "Version 2026-12" in english
