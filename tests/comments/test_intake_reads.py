"""What taking a comment reads of its consultation: the consultation, its comment period and its moderation mode in
one query, fresh at each call, and the period kept to the second on the moment of arrival as before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comment_helpers import CLOSES, DURING, OPENS, valid

from rapfang.comments.models import CommentPolicy, CommentStatus, ModerationMode
from rapfang.comments.rules import IntakeFacts, comment_period_state, moderation_mode
from rapfang.comments.selectors import consultation_for_comment
from rapfang.comments.services import comment_policy_set, comment_submit
from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.selectors import comment_window
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict
from rapfang.core.windows import WindowState

SECOND = timedelta(seconds=1)


def test_the_consultation_its_period_and_its_moderation_mode_are_one_query(post_moderated, django_assert_num_queries):
    expected = IntakeFacts(comment_window(post_moderated), ModerationMode.POST)
    with django_assert_num_queries(1):
        target = consultation_for_comment(slug=post_moderated.slug)
        assert comment_period_state(target, DURING) is WindowState.OPEN
        assert moderation_mode(target) == ModerationMode.POST
    assert target.intake_facts == expected and target.intake_facts.window.closes_at == CLOSES


def test_without_a_policy_comments_are_premoderated_and_without_a_period_none_is_taken(demo):
    CommentPolicy.objects.filter(consultation=demo).delete()
    assert consultation_for_comment(slug=demo.slug).intake_facts.moderation == ModerationMode.PRE
    demo.milestones.filter(kind=MilestoneKind.COMMENTS).delete()
    target = consultation_for_comment(slug=demo.slug)
    assert target.intake_facts.window is None and comment_period_state(target, DURING) is None


def test_unpublished_and_unknown_consultations_are_not_found(demo):
    Consultation.objects.filter(pk=demo.pk).update(is_published=False)
    with pytest.raises(Consultation.DoesNotExist):
        consultation_for_comment(slug=demo.slug)
    with pytest.raises(Consultation.DoesNotExist):
        consultation_for_comment(slug="no-such-consultation")


def test_each_call_reads_the_period_and_mode_afresh(demo, moderator):
    before = consultation_for_comment(slug=demo.slug)
    demo.milestones.filter(kind=MilestoneKind.COMMENTS).update(ends_at=CLOSES - timedelta(days=1))
    comment_policy_set(actor=moderator, consultation=demo, moderation=ModerationMode.POST)
    after = consultation_for_comment(slug=demo.slug)
    assert before.intake_facts.window.closes_at == CLOSES and before.intake_facts.moderation == ModerationMode.PRE
    assert after.intake_facts.window.closes_at == CLOSES - timedelta(days=1)
    assert after.intake_facts.moderation == ModerationMode.POST


@pytest.mark.parametrize(
    ("arrived", "accepted"),
    [(OPENS - SECOND, False), (OPENS, True), (CLOSES, True), (CLOSES + timedelta(microseconds=999_999), True),
     (CLOSES + SECOND, False)],
)  # fmt: skip
def test_the_period_read_with_the_consultation_is_kept_to_the_second(post_moderated, arrived, accepted):
    target = consultation_for_comment(slug=post_moderated.slug)
    if accepted:
        comment = comment_submit(actor=PUBLIC, consultation=target, data=valid(), received_at=arrived, now=CLOSES)
        assert comment.status == CommentStatus.PUBLISHED and comment.submitted_at == arrived
    else:
        with pytest.raises(Conflict) as error:
            comment_submit(actor=PUBLIC, consultation=target, data=valid(), received_at=arrived, now=CLOSES)
        assert error.value.code == ("comments_not_open" if arrived < OPENS else "comments_closed")


def test_a_consultation_read_otherwise_reads_its_period_and_mode_one_query_each(demo, django_assert_num_queries):
    consultation = Consultation.objects.get(pk=demo.pk)
    with django_assert_num_queries(1):
        assert moderation_mode(consultation) == ModerationMode.PRE
    with django_assert_num_queries(1):
        assert comment_period_state(consultation, DURING) is WindowState.OPEN
