"""A consultation's details in the workspace: organisers edit, moderators read."""

from __future__ import annotations

import pytest

from rapfang.consultations.models import Consultation
from rapfang.consultations.services import consultation_update
from rapfang.core.actors import SYSTEM
from workspace.consultation_helpers import contacts

pytestmark = pytest.mark.django_db


def _url(consultation):
    return f"/staff/consultations/{consultation.slug}/details/"


def _details(consultation, **fields):
    keep = {name: getattr(consultation, name) for name in ("title_th", "title_en", "instrument", "slug")}
    return {"summary_th": "", "rationale_th": "", "short_name": "", **keep, **fields}


def test_an_organiser_edits_the_details_and_the_contacts(client, organiser, consultation, agency):
    people = contacts(agency)
    client.force_login(organiser)
    response = client.post(_url(consultation), _details(consultation, summary_th="สาระใหม่", instrument="notification",
                                                        contacts=[people[0].pk, people[1].pk]))  # fmt: skip
    assert response.status_code == 302
    saved = Consultation.objects.get(pk=consultation.pk)
    assert (saved.summary_th, saved.instrument, saved.draft_label) == ("สาระใหม่", "notification", "ร่างประกาศ")
    assert saved.contacts.count() == 2


def test_the_address_changes_while_unpublished_and_not_after(client, organiser, consultation):
    client.force_login(organiser)
    assert client.post(_url(consultation), _details(consultation, slug="land-fees-2570")).status_code == 302
    moved = Consultation.objects.get(pk=consultation.pk)
    assert moved.slug == "land-fees-2570"
    consultation_update(actor=SYSTEM, consultation=moved, is_published=True)
    response = client.post(_url(moved), _details(moved, slug="another-address"))
    assert response.status_code == 422 and "ไม่สามารถเปลี่ยนที่อยู่เว็บ" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).slug == "land-fees-2570"


def test_a_refused_edit_changes_nothing_and_keeps_what_was_typed(client, organiser, consultation):
    client.force_login(organiser)
    response = client.post(_url(consultation), _details(consultation, title_th="ชื่อใหม่", slug="ที่อยู่ไทย"))
    page = response.content.decode()
    assert response.status_code == 422 and 'value="ชื่อใหม่"' in page
    assert Consultation.objects.get(pk=consultation.pk).title_th == consultation.title_th
    assert f"/staff/consultations/{consultation.slug}/" in page  # the frame still links the stored address


def test_moderators_read_the_details_without_a_form(client, moderator, consultation):
    client.force_login(moderator)
    page = client.get(_url(consultation)).content.decode()
    assert consultation.title_th in page and 'name="title_th"' not in page
    assert client.post(_url(consultation), _details(consultation, title_th="เปลี่ยน")).status_code == 404
    assert Consultation.objects.get(pk=consultation.pk).title_th == consultation.title_th
