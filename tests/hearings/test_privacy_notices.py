"""The privacy notice as versions: each consent names the version in force at that second; old versions stay
readable; a version once published is never changed; only administrators publish."""

from __future__ import annotations

import pytest
import time_machine

from hearings.conftest import DURING, later, person
from rapfang.accounts.services import user_create_staff
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.hearings.models import PrivacyNotice
from rapfang.hearings.notices import BUILT_IN_VERSION
from rapfang.hearings.services import privacy_notice_publish, registration_create

pytestmark = pytest.mark.django_db
TEXT_TH = "หน่วยงานผู้จัดเก็บชื่อ หน่วยงาน และไปรษณีย์อิเล็กทรอนิกส์ของท่าน เพื่อจัดการประชุมเท่านั้น"
TEXT_EN = "The organiser keeps your name, organisation and e-mail address to run the meeting only."


@pytest.fixture
def admin_user(db):
    return user_create_staff(actor=SYSTEM, username="notice-admin", password="x-Very-long-pass-9", administrator=True)


def publish(admin_user, in_force_from, version="2027-01", now=None):
    return privacy_notice_publish(
        actor=admin_user, version=version, text_th=TEXT_TH, text_en=TEXT_EN, in_force_from=in_force_from,
        now=now or later(in_force_from, -3600),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("offset", "version"), [(-1, BUILT_IN_VERSION), (0, "2027-01"), (1, "2027-01")], ids=["1s-before", "at", "after"]
)
def test_a_consent_names_the_version_in_force_at_that_second(make_event, admin_user, offset, version):
    event = make_event(capacity=10)
    publish(admin_user, DURING)
    registration = registration_create(actor=SYSTEM, event_id=event.pk, data=person(1), now=later(DURING, offset))
    assert registration.consent_version == version


def test_an_offline_reply_names_the_version_in_force_when_it_arrived(make_event, admin_user, organiser):
    event = make_event(capacity=10)
    publish(admin_user, DURING)
    reply = registration_create(
        actor=organiser, event_id=event.pk, data=person(1), channel="fax", received_at=later(DURING, -60),
        now=later(DURING, 3600),
    )  # fmt: skip
    assert reply.consent_version == BUILT_IN_VERSION


def test_publishing_is_for_administrators_and_refuses_the_past_a_taken_version_and_no_text(admin_user, organiser):
    with pytest.raises(PermissionDenied):
        publish(organiser, DURING)
    with pytest.raises(InvalidInput) as past:
        publish(admin_user, DURING, now=later(DURING, 1))
    assert "in_force_from" in past.value.params["errors"]
    with pytest.raises(InvalidInput):
        publish(admin_user, DURING, version=BUILT_IN_VERSION)
    with pytest.raises(InvalidInput):
        privacy_notice_publish(actor=admin_user, version="2027-02", text_th="  ", now=DURING)
    publish(admin_user, DURING)
    with pytest.raises(Conflict):
        publish(admin_user, later(DURING, 60))
    assert PrivacyNotice.objects.count() == 1


def test_the_page_shows_the_notice_in_force_and_earlier_versions_but_no_future_one(client, admin_user):
    publish(admin_user, DURING)
    publish(admin_user, later(DURING, 86400), version="2027-02")
    with time_machine.travel(later(DURING, 60), tick=False):
        current = client.get("/en/privacy/registrations/").content.decode()
        built_in = client.get("/en/privacy/registrations/", {"version": BUILT_IN_VERSION}).content.decode()
        future = client.get("/privacy/registrations/", {"version": "2027-02"})
        unknown = client.get("/privacy/registrations/", {"version": "1999"})
    assert "Version 2027-01" in current and TEXT_EN in current and "2027-02" not in current
    assert "This is an earlier version" in built_in and "answers to the event" in built_in
    assert future.status_code == 404 and unknown.status_code == 404


def test_the_registration_form_names_the_version_in_force(client, make_event, admin_user):
    event = make_event(capacity=10)
    publish(admin_user, DURING)
    with time_machine.travel(later(DURING, 5), tick=False):
        page = client.get(f"/en/events/{event.pk}/").content.decode()
        facts = client.get(f"/api/v1/events/{event.pk}").json()["registration"]
    assert "(version 2027-01)" in page
    assert facts["privacy_notice_version"] == "2027-01" and facts["privacy_notice_url"].endswith(
        "/privacy/registrations/"
    )


def test_the_admin_adds_a_version_and_cannot_change_one(client, admin_user):
    client.force_login(admin_user)
    with time_machine.travel(DURING, tick=False):
        added = client.post(
            "/admin/hearings/privacynotice/add/",
            {"version": "2027-03", "text_th": TEXT_TH, "text_en": "", "in_force_from": "11/11/2559 00.00"},
        )  # fmt: skip
        past = client.post(
            "/admin/hearings/privacynotice/add/",
            {"version": "2027-04", "text_th": TEXT_TH, "in_force_from": "01/11/2559 00.00"},
        )
    assert added.status_code == 302, added.content.decode()[:2000]
    assert past.status_code == 200 and PrivacyNotice.objects.count() == 1
    notice = PrivacyNotice.objects.get()
    changed = client.post(f"/admin/hearings/privacynotice/{notice.pk}/change/", {"version": "x", "text_th": "y"})
    assert changed.status_code == 403 or PrivacyNotice.objects.get().text_th == TEXT_TH
