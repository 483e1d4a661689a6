"""The draft services at their edges: when a new version asks for a confirmation (the comment period to the second),
what protects a version from removal, and who may write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clock import bkk
from rapfang.consultations.models import MilestoneKind
from rapfang.consultations.services import consultation_update, milestone_set
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Document, Version
from rapfang.documents.selectors import version_needs_confirmation
from rapfang.documents.services import document_create, version_import, version_remove
from rapfang.reports.services.issues import issue_comments_add, issue_create, response_save

from .conftest import MARKDOWN_V1, MARKDOWN_V2, comment_on

pytestmark = pytest.mark.django_db

OPENS, CLOSES = bkk(2027, 3, 1, 8, 30, 0), bkk(2027, 3, 16, 16, 30, 0)
SECOND = timedelta(seconds=1)


@pytest.fixture
def draft(organiser, consultation, fees):
    return document_create(actor=organiser, consultation=consultation, title_th="ร่าง", content=MARKDOWN_V1.encode(),
                           filename="v1.md").document  # fmt: skip


@pytest.mark.parametrize(
    ("moment", "confirm"),
    [(OPENS - SECOND, False), (OPENS, True), (CLOSES, True), (CLOSES + SECOND, False)],
    ids=["a second before it opens", "as it opens", "as it closes", "a second after it closes"],
)
def test_a_new_version_asks_for_confirmation_while_the_comment_period_is_open(
    organiser, consultation, draft, moment, confirm
):
    milestone_set(actor=organiser, consultation=consultation, kind=MilestoneKind.COMMENTS, starts_at=OPENS,
                  ends_at=CLOSES)  # fmt: skip
    consultation_update(actor=organiser, consultation=consultation, is_published=True)
    assert version_needs_confirmation(document=draft, now=moment) is confirm


def test_an_unpublished_consultation_or_a_first_version_needs_no_confirmation(organiser, consultation, fees, draft):
    milestone_set(actor=organiser, consultation=consultation, kind=MilestoneKind.COMMENTS, starts_at=OPENS,
                  ends_at=CLOSES)  # fmt: skip
    assert not version_needs_confirmation(document=draft, now=OPENS)
    empty = Document.objects.create(consultation=consultation, slug="empty", title_th="ว่าง")
    assert not version_needs_confirmation(document=empty, now=OPENS)


def test_comments_ask_for_confirmation_even_after_the_period(organiser, consultation, draft, open_for_comments):
    comment_on(consultation, draft.versions.get().paragraphs.first().anchor)
    assert version_needs_confirmation(document=draft, now=timezone.now() + timedelta(days=60))


def test_a_version_named_by_a_response_is_not_removed(organiser, consultation, draft, open_for_comments):
    comment = comment_on(consultation, draft.versions.get().paragraphs.get(order=1).anchor)
    second = version_import(actor=organiser, document=draft, content=MARKDOWN_V2.encode(), filename="v2.md")
    issue = issue_create(actor=organiser, consultation=consultation, title_th="ระยะเวลาบังคับใช้")
    issue_comments_add(actor=organiser, issue=issue, comment_ids=[comment.pk])
    changed = second.paragraphs.get(order=1)
    response_save(actor=organiser, issue=issue, decision="accepted", reasons_th="ขยายเป็นเก้าสิบวัน",
                  paragraph_ids=[changed.pk])  # fmt: skip
    with pytest.raises(Conflict) as refused:
        version_remove(actor=organiser, version=second)
    assert refused.value.code == "version_has_responses"
    assert Version.objects.filter(pk=second.pk).exists()


def test_only_the_latest_version_is_removed_and_only_by_an_organiser(organiser, moderator, outsider, draft):
    second = version_import(actor=organiser, document=draft, content=MARKDOWN_V2.encode(), filename="v2.md")
    with pytest.raises(Conflict) as refused:
        version_remove(actor=organiser, version=draft.versions.get(number=1))
    assert refused.value.code == "version_not_latest"
    for user in (moderator, outsider):
        with pytest.raises(PermissionDenied):
            version_remove(actor=user, version=second)
    assert Version.objects.count() == 2
    version_remove(actor=organiser, version=second)
    assert list(Version.objects.values_list("number", flat=True)) == [1]


def test_a_stale_import_is_refused_and_writes_nothing(organiser, draft):
    entries = AuditEntry.objects.count()
    with pytest.raises(Conflict) as refused:
        version_import(actor=organiser, document=draft, content=MARKDOWN_V2.encode(), filename="v2.md", after=0)
    assert refused.value.code == "version_stale"
    assert Version.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_a_new_draft_that_cannot_be_read_leaves_no_document_behind(organiser, consultation):
    with pytest.raises(InvalidInput):
        document_create(actor=organiser, consultation=consultation, title_th="ร่าง", content="# หัวข้อเท่านั้น\n".encode(),
                        filename="empty.md")  # fmt: skip
    assert not Document.objects.exists()
