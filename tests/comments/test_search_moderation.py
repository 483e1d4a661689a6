"""Thai search kept in step with comments; moderation with reasons, audit per comment, flags, PDPA erasure."""

from __future__ import annotations

import io

import pytest
import time_machine
from comment_helpers import DURING, valid

from rapfang.comments.models import Comment, CommentStatus
from rapfang.comments.moderation import comment_erase, comment_flag, comment_moderate
from rapfang.comments.selectors import comment_list_public, comment_queue
from rapfang.comments.services import Upload, comment_submit
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry


def submit(consultation, text, **changes):
    return comment_submit(actor=PUBLIC, consultation=consultation, data=valid(text=text, **changes), now=DURING)


def found(consultation, query):
    queryset, _terms = comment_list_public(consultation=consultation, q=query)
    return sorted(comment.text for comment in queryset)


@pytest.fixture
def corpus(post_moderated):
    for text in ("ขอให้ลงทะเบียนออนไลน์ได้", "ควรเพิ่มขีดความสามารถของบุคลากร", "ราคาข้าวตกต่ำ", "ข่าวสารไม่ทั่วถึง",
                 "Digital ID for citizens"):  # fmt: skip
        submit(post_moderated, text)
    return post_moderated


def test_dictionary_words_inside_compounds_are_found(corpus):
    assert found(corpus, "ทะเบียน") == ["ขอให้ลงทะเบียนออนไลน์ได้"]
    assert found(corpus, "ความสามารถ") == ["ควรเพิ่มขีดความสามารถของบุคลากร"]


def test_tone_marks_count(corpus):
    assert found(corpus, "ข้าว") == ["ราคาข้าวตกต่ำ"]
    assert found(corpus, "ข่าว") == ["ข่าวสารไม่ทั่วถึง"]


def test_every_query_word_must_match_and_latin_ignores_case(corpus):
    assert found(corpus, "ลงทะเบียนออนไลน์") == ["ขอให้ลงทะเบียนออนไลน์ได้"]
    assert found(corpus, "ลงทะเบียน ข้าว") == []
    assert found(corpus, "DIGITAL") == ["Digital ID for citizens"]


def test_only_published_comments_are_found_and_hiding_takes_them_out(corpus, moderator):
    comment = Comment.objects.get(text="ราคาข้าวตกต่ำ")
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="off_topic")
    assert found(corpus, "ข้าว") == []
    assert Comment.objects.filter(pk=comment.pk).exists()  # hidden is not deleted


def test_pending_comments_are_not_public(demo):
    submit(demo, "ลงทะเบียนล่วงหน้า")
    assert found(demo, "ทะเบียน") == []


def test_bulk_moderation_writes_one_audit_entry_per_comment(demo, moderator):
    ids = [submit(demo, f"ความเห็นที่ {n}").pk for n in range(3)]
    assert comment_queue(user=moderator, consultation=demo).count() == 3
    assert comment_moderate(actor=moderator, comment_ids=ids, action="publish") == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.PUBLISHED}
    assert AuditEntry.objects.filter(action="comments.comment.publish").count() == 3
    assert comment_queue(user=moderator, consultation=demo).count() == 0


def test_hiding_needs_a_reason_and_a_moderator(demo, moderator, outsider):
    comment = submit(demo, "ข้อความ")
    with pytest.raises(InvalidInput):
        comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide")
    with pytest.raises(PermissionDenied):
        comment_moderate(actor=outsider, comment_ids=[comment.pk], action="hide", reason="spam")
    assert comment_queue(user=outsider, consultation=demo).count() == 0


def test_public_flags_put_a_published_comment_back_in_the_queue(post_moderated, moderator):
    comment = submit(post_moderated, "ข้อความที่ถูกแจ้ง")
    assert comment_queue(user=moderator, consultation=post_moderated).count() == 0
    comment_flag(comment=comment, reason="abusive")
    queue = list(comment_queue(user=moderator, consultation=post_moderated))
    assert [(c.pk, c.flag_count) for c in queue] == [(comment.pk, 1)]


def test_erasure_is_separate_audited_and_for_organisers_only(post_moderated, moderator, organiser):
    upload = Upload(io.BytesIO(b"%PDF-1.4 x"), "a.pdf")
    comment = comment_submit(actor=PUBLIC, consultation=post_moderated, now=DURING, upload=upload,
                             data=valid(text="ลงทะเบียนโดย นายตัวอย่าง", email="a@example.org"))  # fmt: skip
    with pytest.raises(PermissionDenied):
        comment_erase(actor=moderator, comment=comment)
    comment_erase(actor=organiser, comment=comment, note="request 12")
    comment.refresh_from_db()
    assert (comment.text, comment.name, comment.email, comment.attachment.name) == ("", "", "", "")
    assert comment.status == CommentStatus.HIDDEN and comment.erased_at and comment.receipt
    assert found(post_moderated, "ทะเบียน") == []
    assert AuditEntry.objects.filter(action="comments.comment.erase", object_id=str(comment.pk)).count() == 1


@pytest.mark.parametrize("query", ["", "ความเห็น"])
def test_counts_stop_just_past_the_cap_and_say_more_than(post_moderated, monkeypatch, client, query):
    from rapfang.comments import selectors, views

    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    monkeypatch.setattr(views, "COUNT_CAP", 2)
    for number in range(4):
        submit(post_moderated, f"ความเห็นที่ {number}")
    results, _terms = comment_list_public(consultation=post_moderated, q=query)
    page = selectors.comment_page(results, 1, 20)
    assert page.paginator.count == 3
    assert len(page.object_list) == 3
    with time_machine.travel(DURING, tick=False):
        shown = client.get("/en/consultations/dg2-2560-2564/comments/", {"q": query}).content.decode()
    assert "more than 2" in shown or "มากกว่า ๒" in shown
