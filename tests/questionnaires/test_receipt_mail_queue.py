"""The receipt mail of answers is queued in the answers' own transaction (decision 24): once per answer, kept through
a crash right after the commit, gone with a transaction rolled back, and not queued again by a retry."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from questionnaires.conftest import answers_data
from questionnaires.test_services import DURING
from rapfang.core import jobs
from rapfang.core.actors import PUBLIC
from rapfang.questionnaires import services
from rapfang.questionnaires.models import Answer
from rapfang.questionnaires.services import answer_submit

RECEIPT_MAIL = "rapfang.questionnaires.tasks.answer_receipt_mail"


def mails_queued(answer_id):
    return DBTaskResult.objects.filter(task_path=RECEIPT_MAIL, args_kwargs__args=[answer_id]).count()


def submit(demo, questions, key="", **changes):
    data = answers_data(questions, **{"email": "reader@example.org", **changes})
    return answer_submit(actor=PUBLIC, consultation=demo, data=data, now=DURING, idempotency_key=key)


def test_the_mail_is_queued_once_per_answer_and_none_without_an_address(queued, demo, questions):
    first, second = submit(demo, questions), submit(demo, questions, name="มานะ อดทน")
    without = submit(demo, questions, email="")
    assert [mails_queued(a.pk) for a in (first, second, without)] == [1, 1, 0]


def test_the_mail_is_queued_before_the_commit_so_a_crash_after_it_loses_nothing(
    queued, demo, questions, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:  # the process dies at the commit
        answer = submit(demo, questions)
    assert after_commit == [] and mails_queued(answer.pk) == 1
    job = DBTaskResult.objects.get(task_path=RECEIPT_MAIL)
    job.task.call(*job.args_kwargs["args"])  # what the worker does after the restart
    assert [message["To"] for message in smtp.messages] == ["reader@example.org"]


def test_answers_rolled_back_leave_no_mail_queued(queued, demo, questions, monkeypatch):
    def enqueue_then_fail(task, *args):
        jobs.job_enqueue_durable(task, *args)
        raise RuntimeError("the database went away before the commit")

    monkeypatch.setattr(services, "job_enqueue_durable", enqueue_then_fail)
    with pytest.raises(RuntimeError):
        submit(demo, questions)
    assert not Answer.objects.filter(email="reader@example.org").exists()
    assert not DBTaskResult.objects.filter(task_path=RECEIPT_MAIL).exists()


def test_a_retry_under_the_same_key_queues_no_second_mail(queued, demo, questions):
    first = submit(demo, questions, key="retry-1")
    again = submit(demo, questions, key="retry-1")
    assert again.pk == first.pk and mails_queued(first.pk) == 1
    assert DBTaskResult.objects.filter(task_path=RECEIPT_MAIL).count() == 1


def test_a_receipt_the_mail_server_refused_is_queued_again_and_then_sent(queued, demo, questions, smtp, settings):
    from rapfang.questionnaires.tasks import answer_receipt_mail
    from servers import free_port

    answer = submit(demo, questions)
    DBTaskResult.objects.all().delete()  # the job queued with the answers: this test runs it itself
    port, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = settings.EMAIL_PORT, free_port(), 2
    answer_receipt_mail.call(answer.pk)
    [again] = DBTaskResult.objects.filter(task_path=RECEIPT_MAIL)
    assert again.args_kwargs["args"] == [answer.pk, 2] and again.run_after is not None
    settings.EMAIL_PORT = port
    again.task.call(*again.args_kwargs["args"])
    assert [message["To"] for message in smtp.messages] == ["reader@example.org"]
