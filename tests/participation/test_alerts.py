"""Alerts at their moments, on the real SMTP server, with the clock moved to each edge: one second before, nothing;
at the moment, one message; run again (or by a second worker), nothing more. In the follower's language, with the
one-click unsubscribe headers of RFC 8058."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from participation.helpers import AFTER, CLOSES_SOON, HEARING_SOON, OPENS, SECOND, followed, links
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC, SYSTEM
from rapfang.core.polling import polled_jobs_run
from rapfang.participation.alerts import alerts_poll
from rapfang.participation.models import Alert
from rapfang.reports.models import Report, ReportStatus
from rapfang.reports.services.issues import issue_comments_add, issue_create, response_publish, response_save

SUBJECTS = {
    "opens": "เปิดรับฟังความคิดเห็นแล้ว: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
    "closes_soon": "เหลือเวลารับฟังความคิดเห็นอีกสามวัน: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
    "hearing_soon": "การประชุมรับฟังความคิดเห็นจะจัดขึ้นในอีกสามวัน: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
    "responses": "หน่วยงานเผยแพร่คำชี้แจงต่อความคิดเห็นแล้ว: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
    "report": "เผยแพร่รายงานสรุปผลการรับฟังความคิดเห็นแล้ว: ร่างพระราชบัญญัติข้อมูลเปิดภาครัฐ",
}


def poll_at(moment):
    """The polled job as the worker runs it, with the clock at `moment`."""
    with time_machine.travel(moment, tick=False):
        return polled_jobs_run()


def published_response(consultation, comment_ids=(), at=AFTER):
    issue = issue_create(actor=SYSTEM, consultation=consultation, title_th="เปิดเผยข้อมูลงบประมาณ")
    if comment_ids:
        issue_comments_add(actor=SYSTEM, issue=issue, comment_ids=comment_ids)
    response_save(actor=SYSTEM, issue=issue, decision="accepted", reasons_th="ปรับปรุงร่างตามข้อเสนอแล้ว")
    return response_publish(actor=SYSTEM, issue=issue, now=at)


def edges(smtp, moment, email, subject):
    """Nothing one second before; one message at the moment; nothing more after."""

    def sent():
        return [message for message in smtp.to(email) if smtp.subject(message) == subject]

    poll_at(moment - SECOND)
    assert sent() == []
    poll_at(moment)
    [message] = sent()
    poll_at(moment + SECOND)
    alerts_poll(now=moment + timedelta(hours=1))
    assert len(sent()) == 1
    return message


@pytest.mark.parametrize(
    ("moment", "at"), [("opens", OPENS), ("closes_soon", CLOSES_SOON), ("hearing_soon", HEARING_SOON)]
)
def test_a_timeline_alert_is_sent_at_its_second_and_once(hearing, smtp, moment, at):
    followed(hearing)
    message = edges(smtp, at, "somsri@example.org", SUBJECTS[moment])
    assert Alert.objects.get(moment=moment).sent_at is not None
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert "/follows/" in unsubscribe and unsubscribe.endswith("/unsubscribe/")
    body = smtp.body(message)
    assert body.startswith("เรียน ท่านผู้ติดตาม") and unsubscribe in links(body)
    assert "ขอแสดงความนับถือ" in body and "สำนักงานพัฒนารัฐบาลดิจิทัล" in body
    if moment != "hearing_soon":
        assert "๒๕๗๐" in body or "2570" in body  # the period's dates in the Buddhist Era


def test_responses_and_report_alerts_at_their_publication(hearing, smtp):
    followed(hearing)
    published_response(hearing)
    edges(smtp, AFTER, "somsri@example.org", SUBJECTS["responses"])
    at = AFTER + timedelta(days=2)
    Report.objects.create(consultation=hearing, number=1, status=ReportStatus.PUBLISHED, published_at=at)
    poll_at(at - SECOND)
    assert len(smtp.to("somsri@example.org")) == 1
    poll_at(at)
    assert [smtp.subject(m) for m in smtp.to("somsri@example.org")][1] == SUBJECTS["report"]


def test_an_agency_follower_is_told_of_each_of_its_consultations_in_english(hearing, smtp):
    followed(hearing, email="jane@example.org", language="en", agency=True)
    poll_at(OPENS)
    [message] = smtp.to("jane@example.org")
    assert smtp.subject(message) == "The comment period has opened: Draft Open Government Data Act"
    body = smtp.body(message)
    assert body.startswith("Dear Sir or Madam,") and "/en/consultations/open-data-act/comment/" in body
    assert "2027" in body


def test_a_follow_confirmed_after_a_moment_is_not_sent_that_moment(hearing, smtp):
    from rapfang.participation.services import follow_confirm, follow_request

    follow = follow_request(actor=PUBLIC, email="late@example.org", consultation=hearing, now=OPENS)
    follow_confirm(actor=PUBLIC, token=follow.token, now=OPENS + SECOND)
    poll_at(OPENS + timedelta(minutes=5))
    assert smtp.to("late@example.org") == [m for m in smtp.to("late@example.org") if "ยืนยัน" in smtp.subject(m)]
    poll_at(CLOSES_SOON)
    assert smtp.subject(smtp.to("late@example.org")[-1]) == SUBJECTS["closes_soon"]


def test_no_alert_after_unsubscribing_nor_for_an_unconfirmed_follow(hearing, smtp):
    from rapfang.participation.services import follow_request, follow_unsubscribe

    follow_request(actor=PUBLIC, email="unsure@example.org", consultation=hearing, now=OPENS - timedelta(days=1))
    gone = followed(hearing, email="gone@example.org")
    follow_unsubscribe(actor=PUBLIC, token=gone.token, now=OPENS - SECOND)
    poll_at(OPENS)
    assert [smtp.subject(m) for m in smtp.messages if "ยืนยัน" not in smtp.subject(m)] == []
    assert not Alert.objects.exists()


def test_two_workers_at_the_same_second_send_a_moment_once(hearing, smtp):
    followed(hearing)
    with time_machine.travel(OPENS, tick=False):
        alerts_poll()
        alerts_poll()
    assert len(smtp.to("somsri@example.org")) == 1
    assert Alert.objects.count() == 1


def test_a_commenter_is_told_once_that_a_published_response_counts_their_comment(hearing, smtp, settings):
    during = OPENS + timedelta(days=1)
    data = {"text": "ควรเปิดเผยข้อมูลงบประมาณเป็นรายไตรมาส", "anonymous": False, "name": "นางสาวสมศรี ใจงาม",
            "organisation": "", "stakeholder_type": "citizen", "email": "Somsri.Commenter@example.org",
            "consent": True}  # fmt: skip
    comment = comment_submit(actor=PUBLIC, consultation=hearing, data=data, now=during)
    quiet = comment_submit(actor=PUBLIC, consultation=hearing, data={**data, "email": ""}, now=during)
    published_response(hearing, comment_ids=[comment.pk, quiet.pk])
    email = "Somsri.Commenter@example.org"
    message = edges(smtp, AFTER, email, f"ความคิดเห็นของท่านได้รับการพิจารณาในคำชี้แจงที่เผยแพร่แล้ว: {comment.receipt}")
    body = smtp.body(message)
    assert body.startswith("เรียน นางสาวสมศรี ใจงาม")
    link = f"{settings.SITE_URL}/consultations/{hearing.slug}/responses/?receipt={comment.receipt}#lookup-title"
    assert link in links(body)
    assert Alert.objects.filter(moment="counted").count() == 1


def test_an_address_following_the_consultation_and_its_agency_is_told_once(hearing, smtp):
    followed(hearing)
    followed(hearing, agency=True)
    poll_at(OPENS)
    assert [smtp.subject(m) for m in smtp.to("somsri@example.org")] == [SUBJECTS["opens"]]
    assert Alert.objects.get().follow.consultation == hearing


def test_an_alert_the_mail_server_refused_is_sent_after_a_pause(hearing, smtp, settings):
    from servers import free_port

    followed(hearing)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens there
    poll_at(OPENS)
    alert = Alert.objects.get()
    assert alert.sent_at is None and alert.attempts == 1 and alert.last_error == "Connection refused"
    settings.EMAIL_PORT = port
    poll_at(OPENS + timedelta(seconds=29))
    assert smtp.to("somsri@example.org") == []
    poll_at(OPENS + timedelta(seconds=30))
    assert [smtp.subject(m) for m in smtp.to("somsri@example.org")] == [SUBJECTS["opens"]]


def test_an_alert_to_a_mailbox_refused_for_good_is_given_up_on_at_once(hearing, smtp):
    followed(hearing)
    smtp.refused.add("somsri@example.org")
    poll_at(OPENS)
    alert = Alert.objects.get()
    assert (
        alert.sent_at is None
        and alert.attempts == Alert.MAX_ATTEMPTS
        and alert.last_error == "550 5.1.1 No such mailbox"
    )
    smtp.refused.clear()
    poll_at(OPENS + timedelta(hours=2))
    assert smtp.to("somsri@example.org") == []
