"""Taking a comment: the period to the second, checks with clear errors, anchors, receipt, mail, attachments."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from comment_helpers import CLOSES, DURING, OPENS, valid
from django.db import transaction

from rapfang.comments.models import Comment, CommentChannel, CommentStatus
from rapfang.comments.services import ATTACHMENT_MAX_BYTES, Upload, comment_submit, receipt_number
from rapfang.consultations.models import Consultation
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry

SECOND = timedelta(seconds=1)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def submit(consultation, now=DURING, **kwargs):
    return comment_submit(actor=kwargs.pop("actor", PUBLIC), consultation=consultation,
                          data=kwargs.pop("data", valid()), now=now, **kwargs)  # fmt: skip


@pytest.mark.parametrize(
    ("now", "accepted"),
    [(OPENS - SECOND, False), (OPENS, True), (OPENS + SECOND, True),
     (CLOSES - SECOND, True), (CLOSES, True), (CLOSES + SECOND, False)],
)  # fmt: skip
def test_the_period_is_kept_to_the_second_at_both_ends(demo, now, accepted):
    if accepted:
        assert submit(demo, now=now).pk
    else:
        with pytest.raises(Conflict) as error:
            submit(demo, now=now)
        assert error.value.code == ("comments_not_open" if now < OPENS else "comments_closed")
        assert not Comment.objects.exists()


def test_the_last_instant_of_the_closing_second_is_in_time(demo):
    assert submit(demo, now=CLOSES + timedelta(microseconds=999_999)).pk


def test_staff_may_accept_a_late_comment_flagged_late_but_the_public_may_not(demo, moderator, outsider):
    late = CLOSES + timedelta(days=1)
    with pytest.raises(Conflict):
        submit(demo, now=late, accept_late=True)
    with pytest.raises(Conflict):
        submit(demo, now=late, accept_late=True, actor=outsider)
    comment = submit(demo, now=late, accept_late=True, actor=moderator)
    assert comment.is_late


def test_a_comment_gets_a_receipt_and_is_pending_under_pre_moderation(demo):
    comment = submit(demo)
    assert comment.status == CommentStatus.PENDING
    assert comment.receipt.startswith("DG2-20161120-")
    assert len(comment.receipt) == len("DG2-20161120-ABCD-EFGH")
    assert AuditEntry.objects.filter(action="comments.comment.submit", object_id=str(comment.pk)).count() == 1


def test_post_moderation_publishes_at_once(post_moderated):
    assert submit(post_moderated).status == CommentStatus.PUBLISHED


def test_receipts_differ(demo):
    assert len({submit(demo).receipt for _ in range(20)}) == 20


def test_a_paragraph_comment_keeps_the_paragraph_and_its_section(demo, paragraph):
    comment = submit(demo, data=valid(paragraph=paragraph.anchor))
    assert (comment.paragraph_anchor, comment.section_anchor) == (paragraph.anchor, paragraph.section.anchor)
    assert comment.document.slug == "draft"


def test_a_section_comment_and_an_unknown_anchor(demo, paragraph):
    assert submit(demo, data=valid(section=paragraph.section.anchor)).paragraph_anchor == ""
    with pytest.raises(InvalidInput) as error:
        submit(demo, data=valid(paragraph="p-doesnotexist"))
    assert "paragraph" in error.value.params["errors"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"text": "   "}, "text"), ({"text": "ก" * 5001}, "text"), ({"name": ""}, "name"),
     ({"organisation": ""}, "organisation"), ({"stakeholder_type": "alien"}, "stakeholder_type"),
     ({"email": "not-an-address"}, "email"), ({"consent": False}, "consent"), ({"consent": "yes"}, "consent")],
)  # fmt: skip
def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(demo, changes, field):
    with pytest.raises(InvalidInput) as error:
        submit(demo, data=valid(**changes))
    assert field in error.value.params["errors"]
    assert not Comment.objects.exists()


def test_five_thousand_characters_are_accepted(demo):
    assert len(submit(demo, data=valid(text="ก" * 5000)).text) == 5000


def test_anonymous_comments_need_no_name_and_keep_none(demo):
    comment = submit(demo, data=valid(anonymous=True, name="ไม่ควรเก็บ", organisation=""))
    assert (comment.anonymous, comment.name, comment.organisation) == (True, "", "")


def test_offline_channels_are_for_staff_and_are_marked(demo, organiser):
    with pytest.raises(PermissionDenied):
        submit(demo, channel=CommentChannel.FAX)
    comment = submit(demo, channel=CommentChannel.FAX, actor=organiser, received_at=DURING - timedelta(days=1),
                     upload=Upload(io.BytesIO(b"%PDF-1.4 scan"), "fax.pdf"))  # fmt: skip
    assert (comment.channel, comment.entered_by, comment.is_late) == (CommentChannel.FAX, organiser, False)
    assert comment.attachment_type == "application/pdf"


def test_staff_cannot_key_in_a_letter_received_later_than_now(demo, organiser):
    assert submit(demo, channel=CommentChannel.LETTER, actor=organiser, received_at=DURING).submitted_at == DURING
    with pytest.raises(InvalidInput) as error:
        submit(demo, channel=CommentChannel.LETTER, actor=organiser, received_at=DURING + timedelta(seconds=1))
    assert "ไม่สามารถเป็นเวลาหลังจากขณะนี้" in str(error.value.params["errors"]["received_at"])
    assert Comment.objects.count() == 1


def test_an_attachment_is_checked_by_content_not_by_name(demo):
    with pytest.raises(InvalidInput) as error:
        submit(demo, upload=Upload(io.BytesIO(b"MZ\x90\x00 an executable"), "photo.png"))
    assert "attachment" in error.value.params["errors"]
    comment = submit(demo, upload=Upload(io.BytesIO(PNG), "scan.pdf"))
    assert comment.attachment_type == "image/png"
    assert comment.attachment.name.endswith(".png")


def test_an_attachment_over_ten_megabytes_is_refused(demo):
    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * ATTACHMENT_MAX_BYTES)
    with pytest.raises(InvalidInput) as error:
        submit(demo, upload=Upload(big, "big.pdf"))
    assert "10 เมกะไบต์" in str(error.value.params["errors"]["attachment"])
    assert not Comment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_receipt_is_mailed_over_smtp_after_the_comment_is_committed(demo, smtp, settings):
    comment = submit(demo, data=valid(email="reader@example.org"))
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert comment.receipt in str(message["Subject"])
    assert comment.receipt in message.get_body(preferencelist=("plain",)).get_content()
    assert str(message["To"]) == "reader@example.org"


@pytest.mark.django_db(transaction=True)
def test_a_receipt_number_drawn_a_second_time_is_drawn_again(demo, monkeypatch):
    draws = iter([0, 0, 1])  # the second comment's first draw is the first comment's number
    monkeypatch.setattr("secrets.randbits", lambda bits: next(draws))
    first, second = submit(demo), submit(demo, data=valid(text="อีกความเห็นหนึ่ง"))
    assert first.receipt == "DG2-20161120-2222-2222"
    assert second.receipt == "DG2-20161120-3222-2222"
    assert Comment.objects.count() == 2
    assert AuditEntry.objects.filter(action="comments.comment.submit").count() == 2


def test_no_mail_when_the_transaction_is_rolled_back(demo, smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(demo, data=valid(email="reader@example.org"))
        raise RuntimeError
    assert smtp.messages == []
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("short_name", "slug", "prefix"),
    [
        ("DG2", "dg2-2560-2564", "DG2"),
        ("ร่างแผนดิจิทัล", "digital-plan-2560", "DIGITAL"),  # a Thai short name: the address's first part
        ("แผนฯ ปี 60", "egov-plan", "EGOV"),
        ("e-Gov 4.0", "x", "EGOV40"),
        ("", "2560-plan", "2560"),
        ("ด้านสุขภาพ", "", "RF"),
        ("", "draft-ministry-of-interior-regulation", "MINISTRY"),  # not DRAFT, which every draft would share
        ("", "rang-prakat-kramathidin", "PRAKAT"),
        ("", "draft", "RF"),
    ],
)
def test_receipt_prefixes_are_latin_and_never_a_thai_word_without_its_marks(short_name, slug, prefix):
    consultation = Consultation(short_name=short_name, slug=slug)
    receipt = receipt_number(consultation, CLOSES)
    assert receipt.startswith(f"{prefix}-") and receipt.isascii()
