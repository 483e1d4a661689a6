"""Reads of issues: public figures with the campaign rule, what is never counted, candidates, receipt lookup."""

from __future__ import annotations

import pytest

from clock import bkk
from factories import StaffFactory
from rapfang.accounts.models import Role
from rapfang.comments.models import Comment
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.core.actors import SYSTEM
from rapfang.reports.selectors.issues import (
    candidate_campaigns,
    candidate_topics,
    issue_counts,
    issue_list_for_staff,
    issue_list_public,
    issue_lookup_by_receipt,
    issue_receipts_public,
)
from rapfang.reports.services.issues import (
    issue_comments_add,
    issue_create,
    issue_create_from_cluster,
    issue_create_from_group,
    response_publish,
    response_save,
)
from reports.issue_helpers import hearing_with_campaign

pytestmark = pytest.mark.django_db
PUBLISHED_AT = bkk(2016, 12, 1, 10)


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hearing(demo):
    return hearing_with_campaign(demo)


def published(issue, decision="accepted"):
    response_save(actor=SYSTEM, issue=issue, decision=decision, reasons_th="เหตุผล", reasons_en="Reasons")
    response_publish(actor=SYSTEM, issue=issue, now=PUBLISHED_AT)
    return issue


def test_a_campaign_counts_as_one_representative_plus_its_number(hearing):
    issue = issue_create_from_group(actor=SYSTEM, group=hearing.group)
    issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=[c.pk for c in hearing.unique[:2]])
    counts = issue_counts(issue_ids=[issue.pk])[issue.pk]
    assert (counts.comments, counts.unique) == (8, 2)
    (campaign,) = counts.campaigns
    assert campaign.size == 6 and campaign.more == 5
    assert campaign.representative.pk == hearing.group.representative_id


def test_hidden_and_erased_comments_are_never_counted(hearing):
    organiser = StaffFactory(username="org-s", agency=hearing.consultation.agency, role=Role.ORGANISER)
    issue = issue_create_from_group(actor=SYSTEM, group=hearing.group)
    issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=[c.pk for c in hearing.unique[:2]])
    comment_moderate(actor=organiser, comment_ids=[hearing.campaign[0].pk, hearing.unique[0].pk], action="hide",
                     reason="spam")  # fmt: skip
    comment_erase(
        actor=organiser, comment=Comment.objects.select_related("consultation").get(pk=hearing.campaign[1].pk)
    )
    counts = issue_counts(issue_ids=[issue.pk])[issue.pk]
    assert (counts.comments, counts.unique, counts.campaigns[0].size) == (5, 1, 4)
    assert hearing.campaign[0].receipt not in issue_receipts_public(issue=issue)
    assert len(issue_receipts_public(issue=issue)) == 5


def test_a_campaign_with_a_single_comment_left_counts_as_unique(hearing):
    issue = issue_create(actor=SYSTEM, consultation=hearing.consultation, title_th="ประเด็น")
    issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=[hearing.campaign[3].pk, hearing.unique[0].pk])
    counts = issue_counts(issue_ids=[issue.pk])[issue.pk]
    assert (counts.comments, counts.unique, counts.campaigns) == (2, 2, [])


def test_an_issue_without_comments_has_zero_figures(demo):
    issue = issue_create(actor=SYSTEM, consultation=demo, title_th="ประเด็น")
    counts = issue_counts(issue_ids=[issue.pk])[issue.pk]
    assert (counts.comments, counts.unique, counts.campaigns) == (0, 0, [])


def test_the_public_list_holds_published_responses_only(hearing):
    shown = published(issue_create_from_group(actor=SYSTEM, group=hearing.group))
    draft = issue_create(actor=SYSTEM, consultation=hearing.consultation, title_th="ยังไม่ตอบ")
    response_save(actor=SYSTEM, issue=draft, decision="partly", reasons_th="ร่าง")
    later = issue_create(actor=SYSTEM, consultation=hearing.consultation, title_th="ตอบภายหลัง")
    response_save(actor=SYSTEM, issue=later, decision="partly", reasons_th="ภายหลัง")
    response_publish(actor=SYSTEM, issue=later, now=bkk(2030, 1, 1))
    issues = issue_list_public(consultation=hearing.consultation, now=bkk(2017, 1, 1))
    assert [issue.number for issue in issues] == [shown.number]
    assert issues[0].shown.pk == hearing.group.representative_id
    assert len(issue_list_for_staff(consultation=hearing.consultation)) == 3


def test_the_public_list_filters_by_decision_and_domain(hearing):
    campaign = published(issue_create_from_group(actor=SYSTEM, group=hearing.group), "accepted")
    health = hearing.consultation.topics.get(key="public_health")
    other = published(issue_create(actor=SYSTEM, consultation=hearing.consultation, title_th="สุขภาพ", domain=health),
                      "out_of_scope")  # fmt: skip
    consultation = hearing.consultation
    assert [i.pk for i in issue_list_public(consultation=consultation, decision="accepted")] == [campaign.pk]
    assert [i.pk for i in issue_list_public(consultation=consultation, domain="public_health")] == [other.pk]
    assert len(issue_list_public(consultation=consultation, decision="unknown")) == 2
    assert issue_list_public(consultation=consultation, domain="nothing") == []


def test_an_unpublished_consultation_shows_nothing(hearing):
    published(issue_create_from_group(actor=SYSTEM, group=hearing.group))
    type(hearing.consultation).objects.filter(pk=hearing.consultation.pk).update(is_published=False)
    assert issue_list_public(consultation=hearing.consultation) == []


def test_candidates_leave_out_what_is_already_an_issue(hearing):
    consultation = hearing.consultation
    assert hearing.group in candidate_campaigns(consultation=consultation)
    topics = candidate_topics(consultation=consultation)
    issue_create_from_group(actor=SYSTEM, group=hearing.group)
    issue_create_from_cluster(actor=SYSTEM, cluster=topics[0])
    assert hearing.group not in candidate_campaigns(consultation=consultation)
    assert topics[0] not in candidate_topics(consultation=consultation)


def test_lookup_by_receipt(hearing):
    consultation = hearing.consultation
    issue = published(issue_create_from_group(actor=SYSTEM, group=hearing.group))
    member = hearing.campaign[2]
    found = issue_lookup_by_receipt(consultation=consultation, receipt=f" {member.receipt.lower()} ")
    assert found.found and [i.pk for i in found.issues] == [issue.pk]
    waiting = issue_lookup_by_receipt(consultation=consultation, receipt=hearing.unique[0].receipt)
    assert waiting.found and waiting.issues == []
    missing = issue_lookup_by_receipt(consultation=consultation, receipt="DG2-NOPE")
    assert not missing.found and missing.receipt == "DG2-NOPE"


def test_the_public_list_costs_the_same_few_queries_for_many_issues(hearing, django_assert_max_num_queries):
    consultation = hearing.consultation
    for number in range(12):
        issue = issue_create(actor=SYSTEM, consultation=consultation, title_th=f"ประเด็น {number}")
        issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=[c.pk for c in hearing.campaign + hearing.unique])
        issue_update_representative(issue, hearing.unique[number % 4])
        published(issue)
    with django_assert_max_num_queries(5):
        issues = issue_list_public(consultation=consultation)
        for issue in issues:
            assert issue.counts.comments == 10 and issue.shown is not None
            list(issue.response.changed_paragraphs.all())
            assert issue.response.decision == "accepted"


def issue_update_representative(issue, comment):
    type(issue).objects.filter(pk=issue.pk).update(representative=comment)
