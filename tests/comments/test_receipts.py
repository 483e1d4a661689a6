"""A receipt number is public (open data, the issues API): its page shows the comment's state, the reason when it is
not published, and the text only once published, as everyone sees it; the same on every page that takes one."""

from __future__ import annotations

import pytest
import time_machine
from comment_helpers import DURING, valid
from django.core import signing

from rapfang.comments.forms import form_stamp
from rapfang.comments.models import Comment, ModerationReason
from rapfang.comments.moderation import comment_erase, comment_moderate
from rapfang.comments.services import comment_submit
from rapfang.core.actors import SYSTEM

TEXT = "zqprivate ขอเสนอให้ลงทะเบียนออนไลน์"
SLUG = "dg2-2560-2564"


def submit(consultation, **changes):
    data = valid(**{"text": TEXT, "email": "writer@example.org", **changes})
    return comment_submit(actor=SYSTEM, consultation=consultation, data=data, now=DURING)


def form_data(**changes):
    data = {"text": TEXT, "name": "สมชาย ใจดี", "organisation": "ชมรมตัวอย่าง", "stakeholder_type": "citizen",
            "consent": "on", "website": "", "shown": form_stamp(DURING.timestamp() - 10)}  # fmt: skip
    return {**data, **changes}


def receipt_page(client, comment, prefix="/en", query=""):
    response = client.get(f"{prefix}/comments/receipts/{comment.receipt}/{query}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.content.decode()


def test_a_pending_comment_shows_its_state_and_not_its_text(client, demo):
    page = receipt_page(client, submit(demo))
    assert "Awaiting review" in page
    assert "zqprivate" not in page and "writer@example.org" not in page and "สมชาย" not in page


@pytest.mark.parametrize("reason", ModerationReason.values)
def test_a_hidden_comment_shows_the_reason_and_never_its_text(client, demo, moderator, reason):
    comment = submit(demo)
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason=reason)
    page = receipt_page(client, comment)
    assert f"Not published: {ModerationReason(reason).label}" in page
    assert "zqprivate" not in page
    thai = receipt_page(client, comment, prefix="")
    assert "ไม่เผยแพร่" in thai and "zqprivate" not in thai


def test_a_comment_hidden_after_it_was_published_leaves_the_receipt_too(client, post_moderated, moderator):
    comment = submit(post_moderated)
    assert "zqprivate" in receipt_page(client, comment)
    comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="personal_data")
    assert "zqprivate" not in receipt_page(client, comment)


def test_a_published_comment_shows_its_text_as_the_public_sees_it(client, post_moderated):
    comment = submit(post_moderated, text=TEXT + " โทร 081-234-5671")
    page = receipt_page(client, comment)
    assert "Published" in page and "zqprivate" in page
    assert "081-234-5671" not in page and "[telephone number withheld]" in page


def test_an_erased_comment_says_so(client, post_moderated, organiser):
    comment = submit(post_moderated)
    comment_erase(actor=organiser, comment=comment)
    page = receipt_page(client, comment)
    assert "Erased at the request of its author" in page and "zqprivate" not in page


def test_only_the_sender_is_told_that_the_receipt_was_mailed(client, post_moderated):
    with time_machine.travel(DURING, tick=False):
        sent = client.post(f"/en/consultations/{SLUG}/comment/", form_data(email="writer@example.org"))
        assert sent.status_code == 302
        assert "sent to your e-mail" in client.get(sent["Location"]).content.decode()
    comment = Comment.objects.get()
    assert "sent to your e-mail" not in receipt_page(client, comment, query="?new=1")
    forged = signing.dumps(comment.receipt, salt="another purpose")
    assert "sent to your e-mail" not in receipt_page(client, comment, query=f"?new={forged}")


def test_a_published_comment_of_an_unpublished_consultation_shows_no_text(client, post_moderated):
    comment = submit(post_moderated)
    type(post_moderated).objects.filter(pk=post_moderated.pk).update(is_published=False)
    page = receipt_page(client, comment)
    assert "Published" in page and "zqprivate" not in page


@pytest.mark.parametrize("state", ["pending", "hidden"])
def test_the_responses_lookup_says_received_and_shows_no_text(client, demo, moderator, state):
    comment = submit(demo)
    if state == "hidden":
        comment_moderate(actor=moderator, comment_ids=[comment.pk], action="hide", reason="abusive")
    page = client.get(f"/en/consultations/{SLUG}/responses/", {"receipt": comment.receipt}).content.decode()
    assert f"Comment {comment.receipt} was received" in page and "zqprivate" not in page
