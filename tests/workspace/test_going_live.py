"""The checks before a consultation goes live, going live itself, coming off the site, and the preview before."""

from __future__ import annotations

import pytest
from django.utils import timezone

from clock import bkk
from rapfang.consultations.models import Consultation
from rapfang.consultations.services import consultation_update
from rapfang.core.actors import SYSTEM
from rapfang.core.audit import AuditEntry
from rapfang.core.errors import Conflict
from rapfang.workspace.checks import failing, going_live_checks
from rapfang.workspace.services import consultation_publish
from workspace.consultation_helpers import contacts, draft, main_event, period, ready

pytestmark = pytest.mark.django_db


def _url(consultation, tail="publish/"):
    return f"/staff/consultations/{consultation.slug}/{tail}"


def _failing(consultation, reason=None):
    return {check.key for check in failing(going_live_checks(consultation, now=timezone.now(), reason=reason))}


def test_a_new_consultation_fails_the_checks_that_block_going_live(consultation):
    assert _failing(consultation) == {"comment_period", "legal_minimum", "contacts", "draft"}


def test_a_ready_consultation_passes_every_check_the_built_in_privacy_notice_counting(consultation):
    checks = going_live_checks(ready(consultation), now=timezone.now())
    assert not failing(checks)
    assert next(check for check in checks if check.key == "privacy_notice").passed


@pytest.mark.parametrize(("days", "passes"), [(14, False), (15, True)])
def test_the_legal_minimum_fails_at_14_days_and_passes_at_15(consultation, days, passes):
    ready(consultation)
    period(consultation, days=days)
    assert ("legal_minimum" not in _failing(consultation)) is passes


def test_a_recorded_reason_lets_a_shorter_period_go_ahead(consultation):
    ready(consultation)
    period(consultation, days=10)
    assert "legal_minimum" not in _failing(consultation, reason="กฎหมายกำหนดให้ออกภายในสิ้นปี")


def test_a_registration_window_or_capacity_with_registration_off_fails(consultation):
    ready(consultation)
    main_event(consultation, capacity=200, registration_required=False)
    assert _failing(consultation) == {"registration"}
    main_event(consultation, event=consultation.events.get(), registration_required=True)
    assert not _failing(consultation)


def test_going_live_is_refused_while_a_check_fails_saying_which(client, organiser, consultation):
    period(consultation)
    client.force_login(organiser)
    response = client.post(_url(consultation), {"short_period_reason": ""})
    page = response.content.decode()
    assert response.status_code == 422
    assert "ยังไม่สามารถเปิดเผยแพร่ได้" in page and "ยังไม่ได้เลือกผู้ประสานงาน" in page and "ยังไม่ได้อัปโหลดร่าง" in page
    assert not Consultation.objects.get(pk=consultation.pk).is_published
    assert not AuditEntry.objects.filter(action="consultations.consultation.publish").exists()


def test_going_live_records_who_and_when(client, organiser, consultation):
    ready(consultation)
    client.force_login(organiser)
    response = client.post(_url(consultation), {"short_period_reason": ""})
    assert response.status_code == 302
    live = Consultation.objects.get(pk=consultation.pk)
    assert live.is_published and live.published_by == organiser and live.published_at is not None
    assert live.short_period_reason == ""
    assert AuditEntry.objects.get(action="consultations.consultation.publish").actor == organiser
    assert client.get(f"/consultations/{consultation.slug}/").status_code == 200


def test_a_short_period_goes_live_only_with_its_reason_kept_and_shown(client, organiser, consultation):
    ready(consultation)
    period(consultation, days=14)
    client.force_login(organiser)
    refused = client.post(_url(consultation), {"short_period_reason": "  "})
    assert refused.status_code == 422 and not Consultation.objects.get(pk=consultation.pk).is_published
    reason = "ร่างกฎกระทรวงต้องใช้บังคับก่อนวันที่ ๑ มกราคม ๒๕๗๐"
    assert client.post(_url(consultation), {"short_period_reason": reason}).status_code == 302
    live = Consultation.objects.get(pk=consultation.pk)
    assert live.is_published and live.short_period_reason == reason
    assert AuditEntry.objects.get(action="consultations.consultation.publish").data["short_period_reason"] == reason
    assert reason in client.get(_url(consultation, "")).content.decode()


def test_coming_off_the_site_asks_for_a_reason(client, organiser, consultation):
    ready(consultation)
    consultation_publish(actor=organiser, consultation=consultation)
    client.force_login(organiser)
    assert client.post(_url(consultation, "unpublish/"), {"reason": ""}).status_code == 422
    assert Consultation.objects.get(pk=consultation.pk).is_published
    assert client.post(_url(consultation, "unpublish/"), {"reason": "พบข้อผิดพลาดในร่าง"}).status_code == 302
    assert not Consultation.objects.get(pk=consultation.pk).is_published
    assert AuditEntry.objects.get(action="consultations.consultation.unpublish").data["reason"] == "พบข้อผิดพลาดในร่าง"


def test_publishing_twice_is_refused(organiser, consultation):
    ready(consultation)
    consultation_publish(actor=organiser, consultation=consultation)
    with pytest.raises(Conflict):
        consultation_publish(actor=organiser, consultation=consultation)


def test_staff_preview_the_public_page_before_it_goes_live_and_the_public_cannot(client, organiser, moderator,
                                                                                consultation):  # fmt: skip
    ready(consultation)
    consultation_update(actor=SYSTEM, consultation=consultation, summary_th="ปรับอัตราค่าธรรมเนียมให้เป็นปัจจุบัน")
    public = f"/consultations/{consultation.slug}/"
    assert client.get(public).status_code == 404
    client.force_login(organiser)
    assert public in client.get(_url(consultation)).content.decode()  # the preview is linked
    for person in (organiser, moderator):
        client.force_login(person)
        page = client.get(public).content.decode()
        assert "ปรับอัตราค่าธรรมเนียมให้เป็นปัจจุบัน" in page and "ร่างกฎกระทรวง" in page
        assert "นางสาวมาลัย ดอกไม้" in page  # the contact persons chosen


def test_the_public_page_shows_only_the_contact_persons_chosen(client, consultation, agency):
    people = contacts(agency)
    consultation_update(actor=SYSTEM, consultation=consultation, contacts=[people[1]], is_published=True)
    page = client.get(f"/consultations/{consultation.slug}/").content.decode()
    assert "นายสมหมาย ใจงาม" in page and "นางสาวมาลัย ดอกไม้" not in page


def test_moderators_read_the_checks_but_cannot_take_it_live(client, moderator, consultation):
    ready(consultation)
    client.force_login(moderator)
    page = client.get(_url(consultation)).content.decode()
    assert 'data-check="legal_minimum"' in page and "เปิดเผยแพร่ทันที" not in page
    assert client.post(_url(consultation), {}).status_code == 404
    assert not Consultation.objects.get(pk=consultation.pk).is_published


def test_the_overview_shows_the_phase_timeline_figures_and_checks(client, organiser, consultation):
    draft(consultation)
    period(consultation, opens=bkk(2026, 12, 1, 0, 0, 0), days=14)
    client.force_login(organiser)
    page = client.get(_url(consultation, "")).content.decode()
    assert "ยังไม่เผยแพร่" in page  # the phase
    assert "1 – 14 ธันวาคม 2569" in page  # the timeline at a glance, in B.E.
    assert 'data-check="draft"' in page and 'data-attention="short_period"' in page
    assert f"?copy={consultation.slug}" in page
