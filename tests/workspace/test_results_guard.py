"""Results wait for the close: no report version and no response is published before the online comment period
has closed and the main hearing has met. The close itself still belongs to the period (windows are inclusive)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clock import bkk
from rapfang.core.errors import Conflict
from rapfang.reports.models import ReportStatus
from rapfang.reports.services.issues import issue_create, response_publish, response_save
from rapfang.reports.services.reports import report_execute, report_publish, report_request
from rapfang.reports.services.results import results_allowed_from
from workspace.consultation_helpers import CLOSES, main_event, period

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


def _answered(consultation, organiser):
    issue = issue_create(actor=organiser, consultation=consultation, title_th="ค่าธรรมเนียมสูงเกินไป")
    response_save(actor=organiser, issue=issue, decision="partly", reasons_th="ปรับลดอัตราบางรายการ")
    return issue


def test_a_response_waits_for_the_comment_period_to_close(organiser, consultation):
    period(consultation)
    issue = _answered(consultation, organiser)
    for moment in (CLOSES - SECOND, CLOSES):
        with pytest.raises(Conflict) as refused:
            response_publish(actor=organiser, issue=issue, now=moment)
        assert refused.value.code == "comments_open"
    assert issue.response.published_at is None
    assert response_publish(actor=organiser, issue=issue, now=CLOSES + SECOND).published_at == CLOSES + SECOND


def test_a_response_waits_for_the_hearing_to_meet(organiser, consultation):
    period(consultation)
    hearing = main_event(consultation, starts_at=bkk(2026, 12, 20, 9, 0, 0), ends_at=bkk(2026, 12, 20, 16, 0, 0))
    issue = _answered(consultation, organiser)
    with pytest.raises(Conflict) as refused:
        response_publish(actor=organiser, issue=issue, now=CLOSES + SECOND)
    assert refused.value.code == "hearing_not_met"
    with pytest.raises(Conflict):
        response_publish(actor=organiser, issue=issue, now=hearing.ends_at)
    response_publish(actor=organiser, issue=issue, now=hearing.ends_at + SECOND)
    assert results_allowed_from(consultation=consultation) == hearing.ends_at + SECOND


def test_a_report_version_waits_for_the_close_one_second_before_at_and_after(organiser, consultation):
    period(consultation)
    report = report_execute(report_id=report_request(actor=organiser, consultation=consultation, enqueue=False).pk)
    assert report.status == ReportStatus.READY
    for moment in (CLOSES - SECOND, CLOSES):
        with pytest.raises(Conflict):
            report_publish(actor=organiser, report=report, now=moment)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report_publish(actor=organiser, report=report, now=CLOSES + SECOND).status == ReportStatus.PUBLISHED


def test_the_staff_page_says_why_a_response_waits(client, organiser, consultation):
    now = timezone.now()
    period(consultation, opens=now - timedelta(days=14), days=16)  # closes tomorrow, at 23:59:59
    issue = _answered(consultation, organiser)
    client.force_login(organiser)
    url = reverse("reports:response_publish", args=[consultation.slug, issue.number])
    page = client.post(url, follow=True).content.decode()
    assert "ยังไม่สามารถเผยแพร่ผลการรับฟังความคิดเห็นได้จนกว่าจะสิ้นสุดช่วงเวลารับฟังความคิดเห็น" in page
    english = client.post("/en" + url, follow=True).content.decode()
    assert "Results cannot be published before the online comment period has closed" in english
    issue.refresh_from_db()
    assert issue.response.published_at is None
