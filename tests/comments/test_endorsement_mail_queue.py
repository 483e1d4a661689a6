"""The receipt mail of an endorsement is queued in the endorsement's own transaction (decision 24): once per
endorsement, kept through a crash right after the commit, gone with a transaction rolled back, and not queued again
when the same person sends it again."""

from __future__ import annotations

import pytest
from comment_helpers import DURING, valid
from django_tasks_db.models import DBTaskResult

from rapfang.comments import endorsements
from rapfang.comments.endorsements import endorsement_add
from rapfang.comments.models import Endorsement
from rapfang.comments.services import comment_submit
from rapfang.core import jobs
from rapfang.core.actors import PUBLIC
from rapfang.core.errors import Conflict

RECEIPT_MAIL = "rapfang.comments.tasks.endorsement_receipt_mail"
EMAIL = "manee@example.org"


@pytest.fixture
def published(post_moderated):
    return comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(), now=DURING)


def endorse(comment, **changes):
    data = {"anonymous": False, "name": "มานี มีนา", "organisation": "", "stakeholder_type": "citizen",
            "email": EMAIL, "consent": True, **changes}  # fmt: skip
    return endorsement_add(actor=PUBLIC, comment=comment, data=data, now=DURING)


def mails_queued(endorsement_id):
    return DBTaskResult.objects.filter(task_path=RECEIPT_MAIL, args_kwargs__args=[endorsement_id]).count()


def test_the_mail_is_queued_once_per_endorsement(queued, published):
    first, second = endorse(published), endorse(published, email="other@example.org", anonymous=True)
    assert [mails_queued(first.pk), mails_queued(second.pk)] == [1, 1]


def test_the_mail_is_queued_before_the_commit_so_a_crash_after_it_loses_nothing(
    queued, published, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:  # the process dies at the commit
        endorsement = endorse(published)
    assert after_commit == [] and mails_queued(endorsement.pk) == 1
    job = DBTaskResult.objects.get(task_path=RECEIPT_MAIL)
    job.task.call(*job.args_kwargs["args"])  # what the worker does after the restart
    assert [message["To"] for message in smtp.messages] == [EMAIL]


def test_an_endorsement_rolled_back_leaves_no_mail_queued(queued, published, monkeypatch):
    def enqueue_then_fail(task, *args):
        jobs.job_enqueue_durable(task, *args)
        raise RuntimeError("the database went away before the commit")

    monkeypatch.setattr(endorsements, "job_enqueue_durable", enqueue_then_fail)
    with pytest.raises(RuntimeError):
        endorse(published)
    assert not Endorsement.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=RECEIPT_MAIL).exists()


def test_the_same_person_sending_again_queues_no_second_mail(queued, published):
    first = endorse(published)
    with pytest.raises(Conflict) as error:
        endorse(published, email=EMAIL.upper())
    assert error.value.code == "endorsement_exists"
    assert mails_queued(first.pk) == 1
    assert DBTaskResult.objects.filter(task_path=RECEIPT_MAIL).count() == 1
