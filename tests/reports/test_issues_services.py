"""Writes of issues and responses: who may, numbering, the rules, and that a refusal changes nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from clock import bkk
from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.documents.models import Paragraph
from rapfang.documents.services import version_import
from rapfang.reports.models import Issue, IssueComment, Response
from rapfang.reports.services.issues import (
    issue_comment_remove,
    issue_comments_add,
    issue_create,
    issue_create_from_cluster,
    issue_create_from_group,
    issue_delete,
    issue_update,
    receipts_parse,
    response_publish,
    response_save,
    response_unpublish,
)
from reports.issue_helpers import hearing_with_campaign, roles, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(demo):
    return roles(demo)


@pytest.fixture
def hearing(demo):
    return hearing_with_campaign(demo)


def audits(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_issues_are_numbered_per_consultation_with_one_audit_entry_each(demo, people):
    first = issue_create(actor=people["organiser"], consultation=demo, title_th="ประเด็นแรก")
    second = issue_create(actor=people["admin"], consultation=demo, title_th="ประเด็นที่สอง", title_en="Second")
    assert (first.number, second.number) == (1, 2)
    assert audits("reports.issue.create") == 2
    entry = AuditEntry.objects.filter(action="reports.issue.create").order_by("id").first()
    assert entry.actor == people["organiser"] and entry.object_id == str(first.pk)


def test_numbers_stay_unique_when_organisers_write_at_once(transactional_db):
    from rapfang.demo.loader import demo_load

    consultation = demo_load().consultation
    errors: list[BaseException] = []

    def make(n: int) -> None:
        try:
            issue_create(actor=SYSTEM, consultation=consultation, title_th=f"ประเด็น {n}")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=make, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(Issue.objects.values_list("number", flat=True)) == list(range(1, 9))


@pytest.mark.parametrize("who", ["moderator", "outsider"])
def test_only_organisers_and_administrators_write(demo, people, who):
    with pytest.raises(PermissionDenied):
        issue_create(actor=people[who], consultation=demo, title_th="ประเด็น")
    issue = issue_create(actor=SYSTEM, consultation=demo, title_th="ประเด็น")
    for write in (
        lambda: issue_update(actor=people[who], issue=issue, title_th="อื่น"),
        lambda: issue_delete(actor=people[who], issue=issue),
        lambda: response_save(actor=people[who], issue=issue, decision="accepted", reasons_th="เหตุผล"),
        lambda: response_publish(actor=people[who], issue=issue),
    ):
        with pytest.raises(PermissionDenied):
            write()
    issue.refresh_from_db()
    assert issue.title_th == "ประเด็น" and not Response.objects.exists()


def test_a_refused_issue_changes_nothing(demo, people, foreign_topic):
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as refused:
        issue_create(actor=people["organiser"], consultation=demo, title_th="   ")
    assert refused.value.code == "title_required" and "title_th" in refused.value.params["errors"]
    foreign = foreign_topic
    with pytest.raises(InvalidInput) as refused:
        issue_create(actor=people["organiser"], consultation=demo, title_th="ประเด็น", domain=foreign)
    assert refused.value.code == "unknown_domain"
    assert not Issue.objects.exists()
    assert AuditEntry.objects.count() == before


def test_an_issue_from_a_campaign_counts_its_published_comments(hearing, people):
    hidden = hearing.campaign[1]
    comment_moderate(actor=people["organiser"], comment_ids=[hidden.pk], action="hide", reason="spam")
    issue = issue_create_from_group(actor=people["organiser"], group=hearing.group)
    members = set(issue.memberships.values_list("comment_id", flat=True))
    assert members == {c.pk for c in hearing.campaign} - {hidden.pk}
    assert issue.source_group == hearing.group and issue.representative_id in members
    assert issue.title_th.startswith("ขอเสนอให้หน่วยงานของรัฐเปิดเผยข้อมูล")
    assert issue.domain is not None and issue.domain.key == "procurement"
    assert audits("reports.issue.create_from_group") == 1
    with pytest.raises(Conflict) as twice:
        issue_create_from_group(actor=people["organiser"], group=hearing.group)
    assert twice.value.code == "already_made" and Issue.objects.count() == 1


def test_an_issue_from_a_topic(hearing, people):
    cluster = hearing.consultation.topic_clusters.order_by("-size").first()
    issue = issue_create_from_cluster(actor=people["organiser"], cluster=cluster)
    assert issue.source_cluster == cluster and issue.memberships.count() >= 1
    assert audits("reports.issue.create_from_cluster") == 1
    with pytest.raises(Conflict):
        issue_create_from_cluster(actor=people["organiser"], cluster=cluster)


def test_comments_are_added_by_receipt_all_or_none(hearing, people):
    organiser = people["organiser"]
    issue = issue_create(actor=organiser, consultation=hearing.consultation, title_th="ประเด็น")
    first, second = hearing.unique[0], hearing.unique[1]
    with pytest.raises(InvalidInput) as unknown:
        issue_comments_add(actor=organiser, issue=issue, receipts=[first.receipt, "DG2-20161118-XXXX-YYYY"])
    assert unknown.value.code == "unknown_comments" and "DG2-20161118-XXXX-YYYY" in str(unknown.value.message)
    assert not issue.memberships.exists()
    added = issue_comments_add(actor=organiser, issue=issue, receipts=[first.receipt.lower(), f" {second.receipt} "])
    assert added == 2
    assert issue_comments_add(actor=organiser, issue=issue, comment_ids=[first.pk]) == 0
    assert audits("reports.issue.comments_add") == 2


def test_hidden_erased_and_foreign_comments_are_refused(hearing, people):
    organiser = people["organiser"]
    issue = issue_create(actor=organiser, consultation=hearing.consultation, title_th="ประเด็น")
    hidden, erased = hearing.unique[0], hearing.unique[1]
    comment_moderate(actor=organiser, comment_ids=[hidden.pk], action="hide", reason="off_topic")
    comment_erase(actor=organiser, comment=Comment.objects.select_related("consultation").get(pk=erased.pk))
    for comment in (hidden, erased):
        with pytest.raises(InvalidInput) as refused:
            issue_comments_add(actor=organiser, issue=issue, receipts=[comment.receipt, hearing.unique[2].receipt])
        assert refused.value.code == "comments_not_public"
    with pytest.raises(InvalidInput) as empty:
        issue_comments_add(actor=organiser, issue=issue, receipts=[])
    assert empty.value.code == "nothing_to_add"
    assert not IssueComment.objects.exists()


def test_removing_the_representative_unsets_it(hearing, people):
    organiser = people["organiser"]
    issue = issue_create_from_group(actor=organiser, group=hearing.group)
    representative = issue.representative
    issue_comment_remove(actor=organiser, issue=issue, comment=representative)
    issue.refresh_from_db()
    assert issue.representative is None and not issue.memberships.filter(comment=representative).exists()
    with pytest.raises(NotFound):
        issue_comment_remove(actor=organiser, issue=issue, comment=representative)
    assert Comment.objects.get(pk=representative.pk).status == CommentStatus.PUBLISHED


def test_the_representative_must_be_one_of_the_issue_comments(hearing, people):
    organiser = people["organiser"]
    issue = issue_create_from_group(actor=organiser, group=hearing.group)
    with pytest.raises(InvalidInput) as refused:
        issue_update(actor=organiser, issue=issue, title_th="ใหม่", representative=hearing.unique[0])
    assert refused.value.code == "unknown_representative"
    issue.refresh_from_db()
    assert issue.title_th != "ใหม่"
    issue_update(actor=organiser, issue=issue, title_th="ใหม่", title_en="New", representative=hearing.campaign[2])
    issue.refresh_from_db()
    assert (issue.title_th, issue.representative_id) == ("ใหม่", hearing.campaign[2].pk)


def _third_version(consultation):
    document = consultation.documents.get(slug="draft")
    content = (document.versions.get(number=2).paragraphs.order_by("order").first().text + "\n\nย่อหน้าใหม่").encode()
    return version_import(actor=SYSTEM, document=document, content=content, filename="v3.md")


def test_changed_paragraphs_must_come_after_the_version_commented_on(demo, people):
    organiser = people["organiser"]
    v2 = demo.documents.get(slug="draft").versions.get(number=2)
    paragraph_v2 = v2.paragraphs.order_by("order").first()
    paragraph_v1 = Paragraph.objects.get(version__number=1, version__document=v2.document, anchor=paragraph_v2.anchor)
    comment = submit(demo, "ควรปรับถ้อยคำในย่อหน้านี้ให้ชัดเจน", paragraph=paragraph_v2.anchor)
    assert comment.version == v2  # comments are taken on the current version
    issue = issue_create(actor=organiser, consultation=demo, title_th="ถ้อยคำ")
    issue_comments_add(actor=organiser, issue=issue, comment_ids=[comment.pk])
    for paragraph in (paragraph_v1, paragraph_v2):
        with pytest.raises(InvalidInput) as refused:
            response_save(actor=organiser, issue=issue, decision="accepted", reasons_th="ปรับแล้ว",
                          paragraph_ids=[paragraph.pk])  # fmt: skip
        assert refused.value.code == "paragraph_not_newer"
    assert not Response.objects.exists()
    v3 = _third_version(demo)
    response = response_save(actor=organiser, issue=issue, decision="accepted", reasons_th="ปรับแล้ว",
                             paragraph_ids=[v3.paragraphs.order_by("order").first().pk])  # fmt: skip
    assert response.changed_paragraphs.count() == 1


def test_an_issue_without_comments_on_the_draft_may_link_any_later_version(demo, people):
    organiser = people["organiser"]
    issue = issue_create(actor=organiser, consultation=demo, title_th="ภาพรวม")
    v2 = demo.documents.get(slug="draft").versions.get(number=2)
    v1 = demo.documents.get(slug="draft").versions.get(number=1)
    with pytest.raises(InvalidInput):
        response_save(actor=organiser, issue=issue, decision="partly", reasons_th="x",
                      paragraph_ids=[v1.paragraphs.first().pk])  # fmt: skip
    with pytest.raises(InvalidInput) as unknown:
        response_save(actor=organiser, issue=issue, decision="partly", reasons_th="x", paragraph_ids=[10**9])
    assert unknown.value.code == "unknown_paragraph"
    response = response_save(actor=organiser, issue=issue, decision="partly", reasons_th="x",
                             paragraph_ids=[v2.paragraphs.first().pk])  # fmt: skip
    assert response.decision == "partly"


def test_a_response_needs_a_decision_and_thai_reasons(demo, people):
    issue = issue_create(actor=SYSTEM, consultation=demo, title_th="ประเด็น")
    with pytest.raises(InvalidInput) as bad:
        response_save(actor=people["organiser"], issue=issue, decision="maybe", reasons_th="เหตุผล")
    assert bad.value.code == "unknown_decision"
    with pytest.raises(InvalidInput) as bad:
        response_save(actor=people["organiser"], issue=issue, decision="accepted", reasons_th=" ")
    assert bad.value.code == "reasons_required"
    assert not Response.objects.exists() and audits("reports.response.save") == 0


def test_publish_and_unpublish(demo, people):
    organiser = people["organiser"]
    issue = issue_create(actor=organiser, consultation=demo, title_th="ประเด็น")
    with pytest.raises(Conflict) as early:
        response_publish(actor=organiser, issue=issue)
    assert early.value.code == "no_response"
    response_save(actor=organiser, issue=issue, decision="not_accepted", reasons_th="เหตุผล", reasons_en="Reasons")
    published = response_publish(actor=organiser, issue=issue, now=bkk(2016, 12, 1, 10))
    assert published.published_at == bkk(2016, 12, 1, 10)
    with pytest.raises(Conflict):
        response_publish(actor=organiser, issue=issue)
    saved = response_save(actor=organiser, issue=issue, decision="partly", reasons_th="เหตุผลใหม่")
    assert saved.published_at == bkk(2016, 12, 1, 10)  # rewriting keeps it public
    assert response_unpublish(actor=organiser, issue=issue).published_at is None
    with pytest.raises(Conflict):
        response_unpublish(actor=organiser, issue=issue)
    assert (audits("reports.response.publish"), audits("reports.response.unpublish")) == (1, 1)


def test_deleting_an_issue_keeps_its_comments(hearing, people):
    issue = issue_create_from_group(actor=people["admin"], group=hearing.group)
    response_save(actor=people["admin"], issue=issue, decision="accepted", reasons_th="เหตุผล")
    issue_delete(actor=people["admin"], issue=issue)
    assert not Issue.objects.exists() and not Response.objects.exists()
    assert Comment.objects.filter(pk=hearing.campaign[0].pk).exists()
    entry = AuditEntry.objects.get(action="reports.issue.delete")
    assert entry.data["number"] == 1


def test_receipts_are_parsed_from_lines_commas_and_spaces():
    assert receipts_parse("dg2-1, DG2-2\nDG2-3  dg2-1;") == ["DG2-1", "DG2-2", "DG2-3"]
    assert receipts_parse("") == []
