"""Registration on a phone and after the deadline: a refused form lands on its summary, over-long input is refused
in the page's language, the change form says why consent is asked, a cancellation says so, Thai is marked on
English pages, and a closed registration points to the online comment period."""

from __future__ import annotations

import re

import pytest
import time_machine

from clock import bkk
from hearings.conftest import DEADLINE, DURING, later, person
from rapfang.core.actors import SYSTEM
from rapfang.hearings.forms import RegistrantForm
from rapfang.hearings.links import registration_url
from rapfang.hearings.models import Registration
from rapfang.hearings.notices import BUILT_IN_VERSION
from rapfang.hearings.services import registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def _token(client, event) -> str:
    answer = client.post(f"/events/{event.pk}/", person(1))
    assert (answer.status_code, answer["Location"]) == (302, f"/events/{event.pk}/received/#received")
    return registration_url(Registration.objects.get(), absolute=False).split("/")[2]  # the link in the mail


def test_a_refused_registration_lands_on_its_error_summary(client, make_event, during):
    event = make_event()
    html = client.post(f"/events/{event.pk}/", person(1, name="", consent="")).content.decode()
    assert f'action="/events/{event.pk}/#form-errors"' in html
    summary = html[html.index('id="form-errors"') - 100 : html.index("</div>", html.index('id="form-errors"'))]
    assert 'tabindex="-1"' in summary and "autofocus" in summary and 'href="#id_name"' in summary
    assert not Registration.objects.exists()


def test_the_form_is_checked_once_by_the_service_and_each_refusal_is_shown_once(
    client, make_event, during, monkeypatch
):
    event = make_event()
    checks = []
    full_clean = RegistrantForm.full_clean
    monkeypatch.setattr(RegistrantForm, "full_clean", lambda form: checks.append(form.data) or full_clean(form))
    client.post(f"/events/{event.pk}/", person(1))
    assert len(checks) == 1 and Registration.objects.count() == 1  # the service's check, not the view's as well
    html = client.post(f"/events/{event.pk}/", person(2, name="", email="not an address")).content.decode()
    for field, message in (("name", "โปรดกรอกข้อมูลในช่องนี้"), ("email", "โปรดระบุที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ที่ถูกต้อง")):
        shown = re.search(rf'id="id_{field}-errors">(.*?)</div>', html, re.S)
        assert shown and shown.group(1).count(message) == 1  # from the service, not again from the view
    assert Registration.objects.count() == 1


def test_over_long_input_is_refused_in_thai_on_the_thai_page_and_in_english_on_the_english_one(
    client, make_event, during
):
    event = make_event()
    thai = client.post(f"/events/{event.pk}/", person(1, organisation="ก" * 301)).content.decode()
    english = client.post(f"/en/events/{event.pk}/", person(1, position="p" * 201)).content.decode()
    assert "กรุณากรอกไม่เกิน ๓๐๐ ตัวอักษร (ขณะนี้มี ๓๐๑ ตัวอักษร)" in thai and "Ensure this value" not in thai
    assert "Please shorten this to at most 200 characters (it now has 201)." in english
    assert 'maxlength="300"' in thai
    assert not Registration.objects.exists()


def test_the_change_form_says_why_consent_is_asked_again(client, make_event, during):
    event = make_event()
    token = _token(client, event)
    page = client.get(f"/registrations/{token}/change/").content.decode()
    assert 'id="consent-why"' in page and "2569-12-2" in page and "ยืนยันความยินยอมอีกครั้ง" in page
    Registration.objects.update(consent_version="2026-12")
    changed = client.get(f"/en/registrations/{token}/change/").content.decode()
    assert "The privacy notice has changed since you registered (you agreed to version 2026-12" in changed
    refused = client.post(f"/registrations/{token}/change/", person(1, consent=""))
    assert refused.status_code == 422 and "data-error-summary" in refused.content.decode()
    saved = client.post(f"/registrations/{token}/change/", person(1, name="สมหญิง ใจดีมาก"))
    assert saved["Location"].endswith("?changed=1#registration-status")
    assert "บันทึกการแก้ไขของท่านแล้ว" in client.get(saved["Location"]).content.decode()


def test_after_cancelling_the_pages_say_cancelled_not_closed(client, make_event, during):
    event = make_event()
    token = _token(client, event)
    cancelled = client.post(f"/registrations/{token}/cancel/")
    assert cancelled["Location"].endswith("?cancelled=1#registration-status")
    detail = client.get(cancelled["Location"]).content.decode()
    assert "ยกเลิกการลงทะเบียนของท่านแล้ว" in detail and 'data-testid="cancelled-note"' in detail
    change = client.get(f"/registrations/{token}/change/").content.decode()
    assert "การลงทะเบียนนี้ถูกยกเลิกแล้ว" in change
    assert "Registration is closed" not in client.get(f"/en/registrations/{token}/change/").content.decode()


def test_thai_names_and_places_on_english_pages_are_marked_thai(client, make_event, during):
    event = make_event(venue_en="")
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert '<span lang="th">ห้องประชุม ๑</span>' in html
    assert re.search(r'<span lang="th">นางสาวศุทธิรัตน์ เพชรฤาชา</span>', html)
    thai = client.get(f"/events/{event.pk}/").content.decode()
    assert '<span lang="th">' not in thai


@pytest.mark.parametrize(
    ("moment", "pointer"),
    [(later(DEADLINE, 1), True), (bkk(2016, 11, 23, 23, 59, 59), True), (bkk(2016, 11, 24, 0, 0, 0), False)],
    ids=["after-the-deadline", "last-second-of-comments", "after-comments"],
)
def test_after_the_deadline_the_event_page_points_to_the_comment_period(client, demo, moment, pointer):
    main = demo.events.get(kind="hearing")
    with time_machine.travel(moment, tick=False):
        html = client.get(f"/events/{main.pk}/").content.decode()
    closed = html[
        html.index('data-testid="registration-closed"') : html.index(
            "</div>", html.index('data-testid="registration-closed"')
        )
    ]
    assert "ขณะนี้ปิดระบบลงทะเบียนแล้ว" in closed
    assert ("ท่านยังสามารถร่วมแสดงความคิดเห็นต่อร่างผ่านเว็บไซต์ได้" in closed) is pointer
    if pointer:
        assert "๑๘" in closed and "๒๓" in closed and "พ.ย." in closed


def test_a_registrations_consent_names_the_new_built_in_notice(make_event):
    registration = registration_create(actor=SYSTEM, event_id=make_event().pk, data=person(1), now=DURING)
    assert registration.consent_version == BUILT_IN_VERSION == "2026-12-2"
