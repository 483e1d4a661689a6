"""A receipt mail that the mail server refuses, or that finds no server, is tried again after a growing pause (the
rule the registrants' outbox and the alerts follow), up to MAIL_ATTEMPTS tries; only the last failure is the job's."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from comment_helpers import DURING, valid
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rapfang.comments.endorsements import endorsement_add
from rapfang.comments.services import comment_submit
from rapfang.comments.tasks import comment_receipt_mail, endorsement_receipt_mail
from rapfang.core.actors import PUBLIC
from rapfang.core.receiptmail import MAIL_ATTEMPTS, mail_failure_text, mail_retry_pause, receipt_mail_retried
from servers import free_port

COMMENT_MAIL = "rapfang.comments.tasks.comment_receipt_mail"
ENDORSEMENT_MAIL = "rapfang.comments.tasks.endorsement_receipt_mail"


@pytest.fixture
def server_away(settings, smtp):
    """Nobody listens where the site sends its mail, until `server_away.back()`."""
    port, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = settings.EMAIL_PORT, free_port(), 2
    return SimpleNamespace(back=lambda: setattr(settings, "EMAIL_PORT", port))


@pytest.fixture
def comment(post_moderated):
    return comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(email="reader@example.org"), now=DURING)


def later_jobs(path):
    return list(DBTaskResult.objects.filter(task_path=path, args_kwargs__args__1__isnull=False).order_by("id"))


def test_a_refused_receipt_is_queued_again_after_a_pause_and_then_sent(queued, comment, server_away, smtp):
    DBTaskResult.objects.all().delete()  # the mail queued with the comment: this test runs the job itself
    before = timezone.now()
    comment_receipt_mail.call(comment.pk)  # the worker runs the job while the server is away: no error escapes
    [again] = later_jobs(COMMENT_MAIL)
    assert again.args_kwargs["args"] == [comment.pk, 2]
    pause = again.run_after - before
    assert mail_retry_pause(1) <= pause < mail_retry_pause(1) + timedelta(seconds=5)
    assert smtp.messages == []
    server_away.back()
    again.task.call(*again.args_kwargs["args"])  # what the worker does when the pause is over
    assert [message["To"] for message in smtp.messages] == ["reader@example.org"]
    assert len(later_jobs(COMMENT_MAIL)) == 1  # sent: nothing more queued


def test_the_pause_grows_and_the_last_try_fails_the_job(queued, comment, server_away):
    DBTaskResult.objects.all().delete()
    assert [mail_retry_pause(n).total_seconds() for n in (1, 2, 3, 8, 9)] == [30, 60, 120, 3600, 3600]
    comment_receipt_mail.call(comment.pk, MAIL_ATTEMPTS - 1)
    [last] = later_jobs(COMMENT_MAIL)
    assert last.args_kwargs["args"] == [comment.pk, MAIL_ATTEMPTS]
    with pytest.raises(OSError):
        comment_receipt_mail.call(comment.pk, MAIL_ATTEMPTS)
    assert len(later_jobs(COMMENT_MAIL)) == 1  # given up: recorded as the job's failure, not queued again


def test_with_jobs_run_at_once_a_refused_receipt_is_the_jobs_failure(comment, server_away):
    """The test settings run jobs at once, and such a queue cannot wait: the failure is reported, not hidden."""
    with pytest.raises(OSError):
        comment_receipt_mail.call(comment.pk)


def test_an_endorsements_receipt_is_tried_again_too(queued, comment, server_away, smtp):
    data = {"anonymous": False, "name": "มานี มีนา", "organisation": "", "stakeholder_type": "citizen",
            "email": "manee@example.org", "consent": True}  # fmt: skip
    endorsement = endorsement_add(actor=PUBLIC, comment=comment, data=data, now=DURING)
    DBTaskResult.objects.all().delete()
    endorsement_receipt_mail.call(endorsement.pk)
    [again] = later_jobs(ENDORSEMENT_MAIL)
    assert again.args_kwargs["args"] == [endorsement.pk, 2]
    server_away.back()
    again.task.call(*again.args_kwargs["args"])
    assert [message["To"] for message in smtp.messages] == ["manee@example.org"]


def test_an_error_other_than_the_mail_servers_fails_the_job_at_once(queued, comment):
    """Rendering the mail is ours: a try later would fail the same way, so nothing is queued again."""
    DBTaskResult.objects.all().delete()
    with pytest.raises(LookupError), receipt_mail_retried(comment_receipt_mail, comment.pk, 1):
        raise LookupError("no such template")
    assert later_jobs(COMMENT_MAIL) == []
    with receipt_mail_retried(comment_receipt_mail, comment.pk, 1):  # the server's: tried again
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    assert [job.args_kwargs["args"] for job in later_jobs(COMMENT_MAIL)] == [[comment.pk, 2]]


@pytest.mark.parametrize(
    ("refusal", "again"),
    [
        (smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"5.1.1 no such mailbox")}), False),
        (smtplib.SMTPRecipientsRefused({"reader@example.org": (450, b"4.2.1 mailbox busy")}), True),
        (smtplib.SMTPDataError(554, b"5.7.1 message refused"), False),
        (smtplib.SMTPDataError(421, b"4.3.2 try again later"), True),
        (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), True),  # the site's setting, mended later
        (smtplib.SMTPSenderRefused(553, b"5.7.1 sender not allowed", "noreply@example.go.th"), True),
    ],
)
def test_a_refusal_for_good_is_not_tried_again_and_a_passing_one_is(queued, comment, refusal, again):
    DBTaskResult.objects.all().delete()
    if again:
        with receipt_mail_retried(comment_receipt_mail, comment.pk, 1):
            raise refusal
        assert [job.args_kwargs["args"] for job in later_jobs(COMMENT_MAIL)] == [[comment.pk, 2]]
    else:
        with pytest.raises(type(refusal)), receipt_mail_retried(comment_receipt_mail, comment.pk, 1):
            raise refusal
        assert later_jobs(COMMENT_MAIL) == []


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"5.1.1 No such mailbox")}),
            "550 5.1.1 No such mailbox",
        ),
        (smtplib.SMTPDataError(451, b"4.3.0 Temporary\r\n  failure"), "451 4.3.0 Temporary failure"),
        (
            smtplib.SMTPSenderRefused(553, b"5.7.1 sender not allowed", "noreply@example.go.th"),
            "553 5.7.1 sender not allowed",
        ),
        (ConnectionRefusedError(111, "Connection refused"), "Connection refused"),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "Connection unexpectedly closed"),
        (smtplib.SMTPServerDisconnected(), "SMTPServerDisconnected"),
        (smtplib.SMTPDataError(554, "ข้อความ".encode() + b"\xff"), "554 ข้อความ\ufffd"),
    ],
)
def test_a_failure_is_kept_as_the_mail_servers_reply_not_as_python_prints_it(error, text):
    assert mail_failure_text(error) == text


def test_a_long_reply_is_cut_to_what_the_row_holds():
    assert len(mail_failure_text(smtplib.SMTPDataError(554, b"x" * 1000))) == 300
