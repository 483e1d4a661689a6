"""A consultation copied from an earlier one, as the seed's next cycle was: what comes along, and what does not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clock import bkk
from rapfang.comments.models import CommentPolicy, ModerationMode
from rapfang.comments.services import comment_policy_set
from rapfang.consultations.models import Consultation
from rapfang.consultations.services import consultation_update, milestone_set, topic_save
from rapfang.core.actors import SYSTEM
from rapfang.core.audit import AuditEntry
from workspace.consultation_helpers import contacts, draft, main_event, period

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(consultation, agency):
    people = contacts(agency)
    consultation_update(actor=SYSTEM, consultation=consultation, summary_th="สาระของร่าง", rationale_th="เหตุผล",
                        contacts=[people[1]])  # fmt: skip
    topic_save(actor=SYSTEM, consultation=consultation, key="fees", name_th="ค่าธรรมเนียม", order=0)
    topic_save(actor=SYSTEM, consultation=consultation, key="survey", name_th="การรังวัด", order=1)
    comment_policy_set(actor=SYSTEM, consultation=consultation, moderation=ModerationMode.POST)
    period(consultation)
    milestone_set(actor=SYSTEM, consultation=consultation, kind="preparation", starts_at=bkk(2026, 8, 1, 0, 0, 0),
                  ends_at=bkk(2026, 11, 30, 23, 59, 59), month_precision=True, note_th="ศึกษาข้อมูล")  # fmt: skip
    draft(consultation)
    main_event(consultation, registration_required=True, registration_closes_at=bkk(2026, 12, 2, 23, 59, 59))
    return consultation


def _copy_url(source):
    return f"/staff/consultations/new/?copy={source.slug}"


def test_a_copy_takes_the_texts_contacts_topics_policy_and_steps_without_dates(client, organiser, source):
    client.force_login(organiser)
    page = client.get(_copy_url(source)).content.decode()
    assert source.title_th in page  # the titles, to edit before saving
    response = client.post(_copy_url(source), {"title_th": "ร่างกฎกระทรวง ฉบับที่ ๒", "title_en": "Second draft"})
    copy = Consultation.objects.get(title_th="ร่างกฎกระทรวง ฉบับที่ ๒")
    assert response.status_code == 302 and copy.slug == "second-draft"
    assert (copy.summary_th, copy.rationale_th, copy.instrument, copy.is_published) == (
        "สาระของร่าง", "เหตุผล", source.instrument, False)  # fmt: skip
    assert list(copy.contacts.all()) == list(source.contacts.all())
    assert list(copy.topics.values_list("key", "name_th")) == [("fees", "ค่าธรรมเนียม"), ("survey", "การรังวัด")]
    assert CommentPolicy.objects.get(consultation=copy).moderation == ModerationMode.POST
    steps = {step.kind: step for step in copy.milestones.all()}
    assert set(steps) == {"comments", "preparation", "hearing", "registration"}
    assert all(step.starts_at is None and step.ends_at is None for step in steps.values())
    assert steps["preparation"].month_precision and steps["preparation"].note_th == "ศึกษาข้อมูล"


def test_a_copy_takes_no_drafts_events_registrations_or_comments(client, organiser, source):
    client.force_login(organiser)
    client.post(_copy_url(source), {"title_th": "ฉบับที่ ๒"})
    copy = Consultation.objects.get(title_th="ฉบับที่ ๒")
    assert not copy.documents.exists() and not copy.events.exists() and not copy.comments.exists()


def test_a_new_comment_period_moves_every_step_with_it(client, organiser, source):
    client.force_login(organiser)
    response = client.post(_copy_url(source), {"title_th": "ฉบับปี ๒๕๗๐", "comments_starts_at": "01/12/2570 00.00",
                                               "comments_ends_at": "20/12/2570 23.59.59"})  # fmt: skip
    assert response.status_code == 302
    copy = Consultation.objects.get(title_th="ฉบับปี ๒๕๗๐")
    steps = {step.kind: step for step in copy.milestones.all()}
    assert (steps["comments"].starts_at, steps["comments"].ends_at) == (bkk(2027, 12, 1, 0, 0, 0),
                                                                        bkk(2027, 12, 20, 23, 59, 59))  # fmt: skip
    moved = bkk(2027, 12, 1, 0, 0, 0) - bkk(2026, 12, 1, 0, 0, 0)
    assert steps["preparation"].starts_at == bkk(2026, 8, 1, 0, 0, 0) + moved
    assert steps["hearing"].ends_at == bkk(2026, 12, 3, 16, 0, 0) + moved
    assert moved == timedelta(days=365)


def test_the_audit_entry_of_a_copy_names_its_source(client, organiser, source):
    client.force_login(organiser)
    client.post(_copy_url(source), {"title_th": "ฉบับที่ ๒"})
    copy = Consultation.objects.get(title_th="ฉบับที่ ๒")
    entry = AuditEntry.objects.get(action="consultations.consultation.copy")
    assert entry.object_id == str(copy.pk) and entry.data["source"] == source.slug
    assert entry.agency_id == copy.agency_id and entry.consultation_id == copy.pk


def test_a_refused_copy_keeps_what_was_typed_and_makes_nothing(client, organiser, source):
    client.force_login(organiser)
    response = client.post(_copy_url(source), {"title_th": "ฉบับที่ ๒", "comments_starts_at": "01/12/3112 00.00",
                                               "comments_ends_at": "15/12/2570 23.59.59"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 422
    assert Consultation.objects.count() == 1
    assert "ไม่น่าจะเป็นปีที่ต้องการ" in page and 'value="01/12/3112 00.00"' in page


def test_another_agencys_organiser_and_a_moderator_cannot_copy(client, outsider, moderator, source):
    for person in (outsider, moderator):
        client.force_login(person)
        assert client.get(_copy_url(source)).status_code == 404
        assert client.post(_copy_url(source), {"title_th": "สำเนา"}).status_code == 404
    assert Consultation.objects.count() == 1
