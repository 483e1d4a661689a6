"""Endorsing a published comment: the period to the second, one per e-mail address, refused on hidden comments,
counted where the public reads, and the endorsers' personal data gone with an erasure or after the retention days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comment_helpers import CLOSES, DURING, OPENS, valid

from rapfang.comments.endorsements import endorsement_add, endorsement_erase
from rapfang.comments.models import CommentStatus, Endorsement
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.comments.retention import commenters_purge
from rapfang.comments.selectors import endorsement_counts
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from rapfang.core.models import AuditEntry

SECOND = timedelta(seconds=1)


def agree(**changes):
    data = {"anonymous": False, "name": "มานี มีนา", "organisation": "", "stakeholder_type": "citizen",
            "email": "manee@example.org", "consent": True}  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def published(post_moderated):
    comment = comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(), now=DURING)
    assert comment.status == CommentStatus.PUBLISHED
    return comment


def endorse(comment, now=DURING, **data):
    return endorsement_add(actor=PUBLIC, comment=comment, data=agree(**data), now=now)


@pytest.mark.parametrize(
    ("now", "accepted"),
    [(OPENS - SECOND, False), (OPENS, True), (CLOSES, True), (CLOSES + SECOND, False)],
)
def test_an_endorsement_is_taken_only_within_the_comment_period_to_the_second(published, now, accepted):
    if accepted:
        assert endorse(published, now=now).receipt.startswith("DG2-")
    else:
        with pytest.raises(Conflict) as error:
            endorse(published, now=now)
        assert error.value.code == ("comments_not_open" if now < OPENS else "endorsements_closed")
        assert not Endorsement.objects.exists()


def test_one_endorsement_per_e_mail_address_and_comment(published, demo):
    endorse(published)
    with pytest.raises(Conflict) as error:
        endorse(published, email="MANEE@example.org", name="อีกชื่อ")
    assert error.value.code == "endorsement_exists"
    endorse(published, email="other@example.org", anonymous=True)
    another = comment_submit(actor=PUBLIC, consultation=demo, data=valid(text="อีกความเห็นหนึ่ง"), now=DURING)
    endorse(another)  # the same address may agree with another comment
    assert endorsement_counts(comment_ids=[published.pk, another.pk]) == {published.pk: 2, another.pk: 1}
    entry = AuditEntry.objects.filter(action="comments.endorsement.add").first()
    assert entry is not None and entry.consultation_id == demo.pk


def test_the_identity_rules_of_a_comment_and_an_address_are_asked(published):
    with pytest.raises(InvalidInput) as error:
        endorse(published, anonymous=True, email="", consent=False, stakeholder_type="")
    assert set(error.value.params["errors"]) == {"email", "consent", "stakeholder_type"}
    with pytest.raises(InvalidInput) as error:
        endorse(published, name="", stakeholder_type="private")
    assert set(error.value.params["errors"]) == {"name", "organisation"}
    assert not Endorsement.objects.exists()


def test_hidden_and_pending_comments_cannot_be_endorsed_nor_counted(published, demo, moderator):
    endorse(published)
    comment_moderate(actor=moderator, comment_ids=[published.pk], action="hide", reason="spam")
    published.refresh_from_db()
    with pytest.raises(NotFound):
        endorse(published, email="late@example.org")
    assert endorsement_counts(comment_ids=[published.pk]) == {}
    assert endorsement_counts(comment_ids=[published.pk], public=False) == {published.pk: 1}


def test_erasing_a_comment_erases_its_endorsers(published, organiser, django_capture_on_commit_callbacks):
    endorse(published)
    with django_capture_on_commit_callbacks(execute=True):
        comment_erase(actor=organiser, comment=published)
    row = Endorsement.objects.get()
    assert (row.name, row.email, row.organisation, row.anonymous) == ("", "", "", True)
    assert row.erased_at is not None
    assert endorsement_counts(comment_ids=[published.pk], public=False) == {}


def test_the_retention_purge_takes_endorsers_names_and_addresses(published):
    endorse(published, organisation="ชมรม")
    commenters_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90))
    assert Endorsement.objects.get().email == "manee@example.org"  # not a second past
    commenters_purge(actor=SYSTEM, days=90, now=CLOSES + timedelta(days=90, seconds=1))
    row = Endorsement.objects.get()
    assert (row.name, row.email, row.organisation) == ("", "", "ชมรม") and row.purged_at is not None
    assert endorsement_counts(comment_ids=[published.pk]) == {published.pk: 1}  # still counted


def test_an_endorser_s_own_data_is_erased_at_their_request(published, organiser, moderator):
    endorsement = endorse(published)
    with pytest.raises(PermissionDenied):
        endorsement_erase(actor=moderator, endorsement=endorsement)
    endorsement_erase(actor=organiser, endorsement=endorsement)
    row = Endorsement.objects.get()
    assert (row.name, row.email, row.anonymous) == ("", "", True) and row.erased_at is not None
    assert endorsement_counts(comment_ids=[published.pk]) == {}
    assert AuditEntry.objects.filter(action="comments.endorsement.erase").exists()
    endorse(published)  # the address is free again: an erased endorsement holds no address
