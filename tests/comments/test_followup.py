"""The fast intake (decision 22): a comment is taken, receipted and counted at once; its search entry and receipt mail
follow from the flag on its row, done by the job worker's poll, again after a crash, and once however often it runs."""

from __future__ import annotations

import pytest
from comment_helpers import DURING, valid
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from rapfang.comments import followup, search
from rapfang.comments.followup import comments_followup_complete, comments_followup_poll, followup_figures
from rapfang.comments.models import Comment, CommentChannel, CommentStatus
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.comments.selectors import (
    comment_count_public,
    comment_list_public,
    comment_queue_counts,
    comment_receipt_public,
)
from rapfang.comments.services import comment_submit
from rapfang.comments.withdrawal import comment_withdraw
from rapfang.core.actors import PUBLIC
from rapfang.core.models import AuditEntry

TEXT = "ขอให้เปิดเผยข้อมูลการจัดซื้อจัดจ้างในรูปแบบที่เครื่องอ่านได้"
EMAIL = "reader@example.org"
RECEIPT_MAIL = "rapfang.comments.tasks.comment_receipt_mail"


@pytest.fixture
def worker(settings):
    """Comments are followed up by the poll alone, as the job worker does it."""
    settings.COMMENT_FOLLOWUP_INLINE = False


def submit(consultation, **changes):
    return comment_submit(actor=PUBLIC, consultation=consultation, data=valid(**{"text": TEXT, **changes}),
                          now=DURING)  # fmt: skip


def found(consultation, query="จัดซื้อจัดจ้าง"):
    hits, _terms = comment_list_public(consultation=consultation, q=query)
    return [comment.receipt for comment in hits]


def index_rows(comment):
    """The comment's rows in SQLite's full-text table (PostgreSQL's index follows the comment's own column)."""
    if connection.vendor != "sqlite":
        return int(bool(Comment.objects.get(pk=comment.pk).search_terms))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM comments_search WHERE rowid = %s", [comment.pk])
        return cursor.fetchone()[0]


def mails_queued(comment):
    return DBTaskResult.objects.filter(task_path=RECEIPT_MAIL, args_kwargs__args=[comment.pk]).count()


def submit_entries(comment):
    """The comment's submission entries in the audit log: (who, when, details)."""
    entries = AuditEntry.objects.filter(action="comments.comment.submit", object_id=str(comment.pk))
    return [(entry.actor_kind, entry.actor_id, entry.at, entry.data) for entry in entries]


def test_a_comment_is_receipted_and_counted_at_once_and_found_after_the_poll(worker, post_moderated, moderator):
    comment = submit(post_moderated)
    row = Comment.objects.get(pk=comment.pk)
    assert row.followup_due and row.search_terms == "" and index_rows(comment) == 0
    assert comment_receipt_public(receipt=comment.receipt).state == "published"
    assert comment_count_public(consultation_id=post_moderated.pk) == 1
    assert comment_queue_counts(consultation=post_moderated)["published"] == 1
    assert found(post_moderated) == []
    assert followup_figures()[0].value == 1

    assert comments_followup_poll() == 1
    assert found(post_moderated) == [comment.receipt]
    assert not Comment.objects.get(pk=comment.pk).followup_due
    assert followup_figures()[0].value == 0
    assert comments_followup_poll() == 0


def test_a_crash_inside_the_followup_leaves_it_owed_and_the_next_poll_does_it(worker, queued, post_moderated,
                                                                             monkeypatch):  # fmt: skip
    comment = submit(post_moderated, email=EMAIL)

    def crash(_comments):
        raise RuntimeError("the worker died")

    monkeypatch.setattr(search, "index_replace", crash)  # the last write of the follow-up's transaction
    with pytest.raises(RuntimeError):  # the poller logs it and calls again in a second
        comments_followup_poll()
    row = Comment.objects.get(pk=comment.pk)
    assert row.followup_due and row.receipt_mail_due and row.search_terms == ""
    assert mails_queued(comment) == 0 and found(post_moderated) == [] and submit_entries(comment) == []

    monkeypatch.undo()
    assert comments_followup_poll() == 1
    assert mails_queued(comment) == 1 and index_rows(comment) == 1 and len(submit_entries(comment)) == 1
    assert found(post_moderated) == [comment.receipt]


def test_the_followup_done_twice_gives_one_index_row_and_one_mail(
    worker, post_moderated, smtp, django_capture_on_commit_callbacks
):
    comment = submit(post_moderated, email=EMAIL)
    assert smtp.messages == []  # the receipt mail waits for the follow-up
    with django_capture_on_commit_callbacks(execute=True):  # the worker's commit: jobs run at once run after it
        assert comments_followup_poll() == 1
    assert comments_followup_complete(comment_ids=[comment.pk]) == 0
    assert comments_followup_poll() == 0
    assert index_rows(comment) == 1 and len(submit_entries(comment)) == 1
    assert [message["To"] for message in smtp.messages] == [EMAIL]
    assert found(post_moderated) == [comment.receipt]


def test_two_workers_reading_the_same_comments_complete_them_once(worker, queued, post_moderated, monkeypatch):
    comments = [submit(post_moderated, email=EMAIL) for _ in range(3)]
    ids = [comment.pk for comment in comments]
    real_terms = search.terms_for

    def meanwhile(text):  # the other worker completes them while this one segments
        monkeypatch.setattr(search, "terms_for", real_terms)
        assert comments_followup_complete(comment_ids=ids) == 3
        return real_terms(text)

    monkeypatch.setattr(search, "terms_for", meanwhile)
    assert comments_followup_complete(comment_ids=ids) == 0
    assert [mails_queued(comment) for comment in comments] == [1, 1, 1]
    assert [index_rows(comment) for comment in comments] == [1, 1, 1]
    assert [len(submit_entries(comment)) for comment in comments] == [1, 1, 1]


WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


@pytest.mark.django_db(transaction=True)
def test_a_public_comment_is_one_statement_and_its_audit_entry_follows_with_the_moment_it_was_taken(
    worker, post_moderated
):
    with CaptureQueriesContext(connection) as queries:
        comment = submit(post_moderated)
    writes = [query["sql"].split("(")[0].strip() for query in queries if query["sql"].startswith(WRITES)]
    assert writes == ['INSERT INTO "comments_comment"']  # in autocommit: no transaction, no audit insert
    assert submit_entries(comment) == []

    assert comments_followup_poll() == 1
    taken = Comment.objects.get(pk=comment.pk)
    assert submit_entries(comment) == [
        ("public", None, taken.consent_at, {"channel": "web", "late": False, "status": "published"})
    ]
    entry = AuditEntry.objects.get(action="comments.comment.submit", object_id=str(comment.pk))
    assert (entry.object_type, entry.object_repr, entry.consultation_id) == (
        "comments.comment", comment.receipt, post_moderated.pk)  # fmt: skip


PER_MAIL = ('INSERT INTO "django_tasks', "SAVEPOINT", "RELEASE")  # a receipt mail's job each, in a savepoint


def test_a_batchs_follow_up_makes_as_many_statements_for_three_comments_as_for_one(worker, queued, post_moderated):
    def statements(comments: int) -> int:
        for number in range(comments):
            submit(post_moderated, email=EMAIL, text=f"{TEXT} ({comments}, {number})")
        with CaptureQueriesContext(connection) as queries:
            assert comments_followup_poll() == comments
        return len([query for query in queries if not query["sql"].startswith(PER_MAIL)])

    assert statements(1) == statements(3)  # no read or write per comment: the audit entries in one of each


def test_a_signed_in_persons_and_staffs_comments_are_audited_with_them_and_not_again(worker, post_moderated,
                                                                                     moderator):  # fmt: skip
    own = comment_submit(actor=moderator, consultation=post_moderated, data=valid(), now=DURING)
    keyed_in = comment_submit(actor=moderator, consultation=post_moderated, data=valid(text="ส่งทางไปรษณีย์"),
                              channel=CommentChannel.LETTER, now=DURING)  # fmt: skip
    before = [submit_entries(own), submit_entries(keyed_in)]
    assert [[(kind, who) for kind, who, _at, _data in entries] for entries in before] == [
        [("user", moderator.pk)], [("user", moderator.pk)]]  # fmt: skip
    assert comments_followup_poll() == 2
    assert [submit_entries(own), submit_entries(keyed_in)] == before


def test_a_premoderated_comment_is_indexed_but_not_found_until_published(worker, demo, moderator):
    comment = submit(demo)
    comments_followup_poll()
    assert Comment.objects.get(pk=comment.pk).search_terms != ""
    assert found(demo) == []
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="publish")
    assert found(demo) == [comment.receipt]


def test_a_comment_published_before_its_followup_is_found_after_it(worker, demo, moderator):
    comment = submit(demo)
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="publish")
    assert found(demo) == []  # no terms yet
    comments_followup_poll()
    assert found(demo) == [comment.receipt]


def test_a_comment_hidden_before_its_followup_is_never_found(worker, post_moderated, moderator):
    comment = submit(post_moderated)
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="spam")
    comments_followup_poll()
    assert found(post_moderated) == []
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.HIDDEN


def test_a_comment_withdrawn_before_its_followup_is_not_found(worker, post_moderated):
    comment = submit(post_moderated, email=EMAIL)
    comment_withdraw(actor=PUBLIC, comment_id=comment.pk, email=EMAIL, now=DURING)
    comments_followup_poll()
    assert found(post_moderated) == []


def test_an_erasure_before_the_followup_leaves_nothing_to_find_or_mail(worker, queued, post_moderated, organiser):
    comment = submit(post_moderated, email=EMAIL)
    comment_erase(actor=organiser, comment=Comment.objects.get(pk=comment.pk))
    assert comments_followup_poll() == 1
    row = Comment.objects.get(pk=comment.pk)
    assert row.search_terms == "" and not row.followup_due and index_rows(comment) == 0
    assert mails_queued(comment) == 0


def test_the_erased_text_is_not_indexed_when_the_erasure_comes_during_the_segmentation(
    worker, queued, post_moderated, organiser, monkeypatch
):
    comment = submit(post_moderated, email=EMAIL)
    real_terms = search.terms_for

    def meanwhile(text):
        monkeypatch.setattr(search, "terms_for", real_terms)
        comment_erase(actor=organiser, comment=Comment.objects.get(pk=comment.pk))
        return real_terms(text)

    monkeypatch.setattr(search, "terms_for", meanwhile)
    assert comments_followup_poll() == 1
    assert Comment.objects.get(pk=comment.pk).search_terms == "" and index_rows(comment) == 0
    assert mails_queued(comment) == 0


def test_no_mail_is_owed_past_the_address_limit_or_without_an_address(worker, queued, post_moderated, settings):
    settings.RATE_LIMIT_MAIL = "1/3600"
    first, second = submit(post_moderated, email=EMAIL), submit(post_moderated, email=EMAIL, text="อีกเรื่องหนึ่ง")
    anonymous = submit(post_moderated)
    owed = dict(Comment.objects.values_list("pk", "receipt_mail_due"))
    assert (owed[first.pk], owed[second.pk], owed[anonymous.pk]) == (True, False, False)
    assert comments_followup_poll() == 3
    assert [mails_queued(c) for c in (first, second, anonymous)] == [1, 0, 0]


def test_the_poll_takes_a_batch_at_a_time(worker, post_moderated, monkeypatch):
    monkeypatch.setattr(followup, "BATCH", 2)
    for _ in range(3):
        submit(post_moderated)
    assert comments_followup_poll() == 2
    assert comments_followup_poll() == 1
    assert comments_followup_poll() == 0
    assert len(found(post_moderated)) == 3


def test_a_comment_that_cannot_be_followed_up_holds_up_no_other(worker, post_moderated, monkeypatch, caplog):
    first = submit(post_moderated, text="ข้อความที่ตัดคำไม่ได้")
    others = [submit(post_moderated) for _ in range(2)]
    real_terms = search.terms_for

    def fails_on_the_first(text):
        if text == first.text:
            raise ValueError("cannot segment")
        return real_terms(text)

    monkeypatch.setattr(search, "terms_for", fails_on_the_first)
    assert comments_followup_poll() == 2
    assert sorted(found(post_moderated)) == sorted(comment.receipt for comment in others)
    assert Comment.objects.get(pk=first.pk).followup_due
    assert f"the follow-up of comment {first.pk} failed" in caplog.text
    monkeypatch.undo()
    assert comments_followup_poll() == 1
