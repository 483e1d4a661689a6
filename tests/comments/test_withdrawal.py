"""A commenter withdraws their own comment while the period is open, to the second: it leaves the public list, the
search, the API's count and the report's counts, and its receipt says it was withdrawn."""

from __future__ import annotations

from datetime import timedelta

import pytest
from comment_helpers import CLOSES, DURING, valid

from rapfang.analysis.selectors import comments_in_scope
from rapfang.comments.models import CommentStatus
from rapfang.comments.moderation import comment_moderate
from rapfang.comments.selectors import comment_count_public, comment_list_public, comment_receipt_public
from rapfang.comments.services import comment_submit
from rapfang.comments.withdrawal import comment_withdraw
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict, NotFound
from rapfang.core.models import AuditEntry
from rapfang.reports.participation import published_comments

SECOND = timedelta(seconds=1)
EMAIL = "somchai@example.org"


@pytest.fixture
def published(post_moderated):
    return comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(email=EMAIL), now=DURING)


@pytest.mark.parametrize(("now", "allowed"), [(CLOSES, True), (CLOSES + SECOND, False)])
def test_a_comment_is_withdrawn_only_while_the_period_is_open_to_the_second(published, now, allowed):
    if allowed:
        assert comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=now).status == "withdrawn"
    else:
        with pytest.raises(Conflict) as error:
            comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=now)
        assert error.value.code == "withdraw_closed"
        published.refresh_from_db()
        assert published.status == CommentStatus.PUBLISHED


def test_only_the_address_the_comment_was_sent_with_may_withdraw_it(published):
    for email in ("other@example.org", ""):
        with pytest.raises(NotFound):
            comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=email, now=DURING)
    comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=" SomChai@Example.org ", now=DURING)
    with pytest.raises(Conflict) as error:
        comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)
    assert error.value.code == "comment_withdrawn"


def test_a_hidden_comment_cannot_be_withdrawn(published, moderator):
    comment_moderate(actor=moderator, comment_ids=[published.pk], action="hide", reason="spam")
    with pytest.raises(Conflict):
        comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)


def test_a_withdrawn_comment_leaves_the_list_search_and_counts_and_its_receipt_says_so(published, demo):
    assert comment_count_public(consultation_id=demo.pk) == 1
    comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)
    assert comment_count_public(consultation_id=demo.pk) == 0
    listed, _terms = comment_list_public(consultation=demo)
    assert published.pk not in [c.pk for c in listed]
    found, _terms = comment_list_public(consultation=demo, q="ลงทะเบียนออนไลน์")
    assert published.pk not in [c.pk for c in found]
    assert not published_comments(demo.pk).filter(pk=published.pk).exists()
    assert not comments_in_scope(consultation_id=demo.pk).filter(pk=published.pk).exists()  # the analysis
    receipt = comment_receipt_public(receipt=published.receipt)
    assert receipt.state == "withdrawn" and receipt.text == ""
    assert AuditEntry.objects.filter(action="comments.comment.withdraw").count() == 1


def test_the_receipt_page_says_the_comment_was_withdrawn(published, client):
    comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)
    page = client.get(f"/en/comments/receipts/{published.receipt}/")
    assert page.status_code == 200
    assert "Withdrawn by its author" in page.content.decode()


def test_the_api_lists_no_withdrawn_comment(published, demo, client):
    listed = client.get(f"/api/v1/consultations/{demo.slug}/comments").json()
    assert listed["count"] == 1
    comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)
    assert client.get(f"/api/v1/consultations/{demo.slug}/comments").json()["count"] == 0


def test_moderation_does_not_bring_back_a_withdrawn_comment(published, moderator):
    comment_withdraw(actor=PUBLIC, comment_id=published.pk, email=EMAIL, now=DURING)
    comment_moderate(actor=moderator, comment_ids=[published.pk], action="publish")
    published.refresh_from_db()
    assert published.status == CommentStatus.WITHDRAWN
