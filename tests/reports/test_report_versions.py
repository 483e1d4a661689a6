"""Versions of the hearing summary report: request, the job (run inline), publication, withdrawal, files, pages."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from rapfang.consultations.models import Milestone, MilestoneKind
from rapfang.consultations.selectors import consultation_status
from rapfang.consultations.services import milestone_set
from rapfang.consultations.timeline import Status
from rapfang.core.actors import SYSTEM
from rapfang.core.errors import Conflict, InvalidInput, PermissionDenied
from rapfang.core.models import AuditEntry
from rapfang.core.thai import to_thai_digits
from rapfang.reports.models import Report, ReportFile, ReportStatus
from rapfang.reports.selectors.reports import file_links, report_file_name
from rapfang.reports.services.reports import (
    report_execute,
    report_publish,
    report_request,
    report_withdraw,
)
from reports.report_helpers import comments_with_personal_data, roles

pytestmark = [pytest.mark.django_db, pytest.mark.long]
ATOM = "{http://www.w3.org/2005/Atom}"
FORMATS = {"pdf", "docx", "xlsx", "html"}


@pytest.fixture
def people(demo):
    return roles(demo)


@pytest.fixture
def hearing(demo):
    comments_with_personal_data(demo)
    return demo


def generated(consultation, actor, **options):
    """A new version, rendered by the job as the worker would run it."""
    report = report_request(actor=actor, consultation=consultation, enqueue=False, **options)
    return report_execute(report_id=report.pk)


def audit(action, report):
    return AuditEntry.objects.filter(action=action, object_type="reports.report", object_id=str(report.pk))


def media_files(settings):
    folder = Path(settings.MEDIA_ROOT) / "reports"
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


# --- requesting a version -------------------------------------------------------------------------------------


def test_a_request_numbers_the_version_and_copies_the_settings(demo, people, settings):
    settings.LEGAL_MINIMUM_DAYS = 20
    first = report_request(actor=people["organiser"], consultation=demo, enqueue=False, note=" ร่างแรก ")
    assert (first.number, first.status, first.language, first.thai_digits) == (1, "queued", "th", demo.thai_digits)
    assert first.legal_minimum_days == 20 and first.note == "ร่างแรก"
    assert first.requested_by == people["organiser"]
    entry = audit("reports.report.request", first).get()
    assert entry.actor == people["organiser"] and entry.data["number"] == 1
    Report.objects.filter(pk=first.pk).update(status=ReportStatus.FAILED)
    second = report_request(actor=people["admin"], consultation=demo, enqueue=False, language="en", thai_digits=True)
    assert (second.number, second.language, second.thai_digits) == (2, "en", True)


@pytest.mark.parametrize("who", ["moderator", "outsider"])
def test_only_organisers_and_administrators_request_a_version(demo, people, who):
    with pytest.raises(PermissionDenied):
        report_request(actor=people[who], consultation=demo, enqueue=False)
    assert not Report.objects.exists()


def test_an_unknown_language_is_refused(demo, people):
    with pytest.raises(InvalidInput) as refused:
        report_request(actor=people["organiser"], consultation=demo, enqueue=False, language="fr")
    assert refused.value.code == "unknown_language" and not Report.objects.exists()


@pytest.mark.parametrize("state", [ReportStatus.QUEUED, ReportStatus.RUNNING])
def test_no_second_version_while_one_is_under_way(demo, people, state):
    first = report_request(actor=people["organiser"], consultation=demo, enqueue=False)
    Report.objects.filter(pk=first.pk).update(status=state)
    with pytest.raises(Conflict) as refused:
        report_request(actor=people["organiser"], consultation=demo, enqueue=False)
    assert refused.value.code == "report_running"
    assert "กำลังจัดทำรายงาน" in str(refused.value.message)  # in the site's language
    assert Report.objects.count() == 1


def test_a_version_stuck_for_over_an_hour_is_taken_as_dead(demo, people):
    stuck = report_request(actor=people["organiser"], consultation=demo, enqueue=False)
    Report.objects.filter(pk=stuck.pk).update(status=ReportStatus.RUNNING)
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        fresh = report_request(actor=people["organiser"], consultation=demo, enqueue=False)
    stuck.refresh_from_db()
    assert stuck.status == ReportStatus.FAILED and stuck.error.startswith("stopped")
    assert fresh.number == 2 and fresh.status == ReportStatus.QUEUED


# --- the job --------------------------------------------------------------------------------------------------


def test_the_job_renders_every_format_with_progress_and_stores_the_figures(hearing, people, settings):
    seen = []

    def watch(stage, done, total):
        seen.append((stage, Report.objects.values_list("progress", flat=True).get()))

    report = report_request(actor=people["organiser"], consultation=hearing, enqueue=False)
    report = report_execute(report_id=report.pk, progress=watch)
    assert (report.status, report.progress, report.stage, report.error) == (ReportStatus.READY, 100, "done", "")
    assert report.started_at <= report.finished_at
    stages = list(dict.fromkeys(stage for stage, _progress in seen))
    assert stages == ["content", "html", "docx", "xlsx", "pdf"]
    written = [progress for _stage, progress in seen]
    assert written == sorted(written) and 0 < max(written) < 100  # the row followed the job, below 100 until ready
    rows = {row.format: row for row in report.files.all()}
    assert set(rows) == FORMATS
    for row in rows.values():
        data = Path(row.file.path).read_bytes()
        assert row.size == len(data) > 0 and row.sha256 == hashlib.sha256(data).hexdigest()
        assert row.file.name.startswith(f"reports/{hearing.pk}/")
    assert Path(rows["pdf"].file.path).read_bytes().startswith(b"%PDF")
    assert report.figures["comments_published"] == 3
    assert audit("reports.report.ready", report).count() == 1


def test_the_job_through_the_queue_runs_once_the_request_is_committed(
    hearing, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(actor=people["organiser"], consultation=hearing)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.files.count() == 4
    assert report_execute(report_id=report.pk).status == ReportStatus.READY  # a second run changes nothing
    assert report.files.count() == 4


def test_a_failure_leaves_no_file_and_no_row(hearing, people, settings):
    def stop_at_the_spreadsheet(stage, done, total):
        if stage == "xlsx":
            raise RuntimeError("disk full")

    report = report_request(actor=people["organiser"], consultation=hearing, enqueue=False)
    with pytest.raises(RuntimeError):
        report_execute(report_id=report.pk, progress=stop_at_the_spreadsheet)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and report.error == "RuntimeError: disk full"
    assert not ReportFile.objects.exists()
    assert media_files(settings) == []  # the HTML and DOCX already written are gone too
    assert audit("reports.report.fail", report).count() == 1
    assert generated(hearing, people["organiser"]).status == ReportStatus.READY  # and the next version may start


# --- publication ----------------------------------------------------------------------------------------------


def test_publishing_supersedes_the_previous_version_and_starts_the_results(hearing, people, client):
    assert not Milestone.objects.filter(consultation=hearing, kind=MilestoneKind.RESULTS).exists()
    first = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    assert first.status == ReportStatus.PUBLISHED and first.published_by == people["organiser"]
    results = Milestone.objects.get(consultation=hearing, kind=MilestoneKind.RESULTS)
    assert results.starts_at == first.published_at and results.ends_at is None
    hearing.refresh_from_db()
    assert consultation_status(hearing) == Status.RESULTS
    entry = audit("reports.report.publish", first).get()
    assert entry.actor == people["organiser"] and entry.data["results_started"] is True

    second = report_publish(actor=people["admin"], report=generated(hearing, people["organiser"]))
    first.refresh_from_db()
    assert (first.status, second.status) == (ReportStatus.SUPERSEDED, ReportStatus.PUBLISHED)
    assert first.published_at is not None  # it stays public, as an earlier version
    results.refresh_from_db()
    assert results.starts_at == first.published_at  # the results began with the first publication
    entry = audit("reports.report.publish", second).get()
    assert entry.data["superseded"] == "1" and entry.data["results_started"] is False


def test_the_timeline_feed_shows_the_results_once_published(hearing, people, client):
    report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    response = client.get("/en/feeds/timeline.atom")
    titles = [entry.find(f"{ATOM}title").text for entry in ET.fromstring(response.content).findall(f"{ATOM}entry")]  # noqa: S314
    assert titles[0] == f"Results published began: {hearing.title_en}"


def test_a_planned_start_of_the_results_is_kept(hearing, people):
    planned = timezone.now() + timedelta(days=3)
    milestone_set(actor=SYSTEM, consultation=hearing, kind=MilestoneKind.RESULTS, starts_at=planned, ends_at=None)
    report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    assert Milestone.objects.get(consultation=hearing, kind=MilestoneKind.RESULTS).starts_at == planned


def test_only_a_ready_version_is_published_and_only_by_organisers(hearing, people):
    queued = report_request(actor=people["organiser"], consultation=hearing, enqueue=False)
    with pytest.raises(Conflict) as refused:
        report_publish(actor=people["organiser"], report=queued)
    assert refused.value.code == "report_not_ready"
    ready = report_execute(report_id=queued.pk)
    with pytest.raises(PermissionDenied):
        report_publish(actor=people["moderator"], report=ready)
    ready.refresh_from_db()
    assert ready.status == ReportStatus.READY and ready.published_at is None
    report_publish(actor=people["organiser"], report=ready)
    with pytest.raises(Conflict):
        report_publish(actor=people["organiser"], report=ready)  # already published


def test_a_withdrawn_version_leaves_the_public_pages_and_staff_still_see_it(hearing, people, client):
    report = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    pdf = url_of(report, "pdf")
    assert client.get(pdf).status_code == 200
    report_withdraw(actor=people["organiser"], report=report, reason="ตัวเลขในภาคผนวกผิด")
    assert client.get(pdf).status_code == 404
    assert client.get(f"/api/v1/consultations/{hearing.slug}/reports").json() == []
    client.force_login(people["moderator"])
    assert client.get(pdf).status_code == 200


def test_withdrawing_needs_a_reason_and_keeps_it_in_the_audit_log(hearing, people):
    report = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    with pytest.raises(InvalidInput):
        report_withdraw(actor=people["organiser"], report=report, reason="  ")
    with pytest.raises(PermissionDenied):
        report_withdraw(actor=people["moderator"], report=report, reason="ตัวเลขผิด")
    withdrawn = report_withdraw(actor=people["organiser"], report=report, reason="ตัวเลขในภาคผนวกผิด")
    assert withdrawn.status == ReportStatus.WITHDRAWN
    assert audit("reports.report.withdraw", report).get().data["reason"] == "ตัวเลขในภาคผนวกผิด"
    with pytest.raises(Conflict) as refused:
        report_withdraw(actor=people["organiser"], report=withdrawn, reason="อีกครั้ง")
    assert refused.value.code == "report_not_published"


# --- files ----------------------------------------------------------------------------------------------------


def url_of(report, fmt):
    return next(link.url for link in file_links(report) if link.format == fmt)


def downloads(report, fmt):
    return ReportFile.objects.get(report=report, format=fmt).downloads


def test_files_are_public_only_once_published_and_staff_see_them_before(hearing, people, client):
    report = generated(hearing, people["organiser"])
    pdf = url_of(report, "pdf")
    assert pdf == f"/consultations/{hearing.slug}/reports/1/hearing-report-{hearing.slug}-v1.pdf"
    assert client.get(pdf).status_code == 404
    client.force_login(people["moderator"])
    assert client.get(pdf).status_code == 200
    assert downloads(report, "pdf") == 0  # staff reviewing an unpublished version is not a download
    client.logout()
    client.force_login(people["outsider"])
    assert client.get(pdf).status_code == 404
    client.logout()

    report_publish(actor=people["organiser"], report=report)
    response = client.get(pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{report_file_name(report, "pdf")}"'
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert downloads(report, "pdf") == 1
    for fmt in ("docx", "xlsx"):
        assert client.get(url_of(report, fmt))["Content-Disposition"].startswith("attachment;")


def test_the_html_report_is_shown_inline_in_a_sandbox(hearing, people, client):
    report = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    response = client.get(url_of(report, "html"))
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script-src" not in policy
    assert response["X-Content-Type-Options"] == "nosniff" and response["X-Frame-Options"] == "SAMEORIGIN"
    html = b"".join(response.streaming_content).decode()
    assert "รายงานสรุปผลการรับฟังความคิดเห็น" in html


def test_earlier_versions_stay_downloadable_and_wrong_addresses_are_404(hearing, people, client):
    first = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    assert client.get(url_of(first, "docx")).status_code == 200
    base = f"/consultations/{hearing.slug}/reports/"
    for path in (f"{base}1/report.pdf", f"{base}9/hearing-report-{hearing.slug}-v9.pdf",
                 f"/consultations/other/reports/1/hearing-report-{hearing.slug}-v1.pdf"):  # fmt: skip
        assert client.get(path).status_code == 404


def test_nothing_is_public_while_the_consultation_is_unpublished(hearing, people, client):
    report = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    hearing.is_published = False
    hearing.save()
    assert client.get(url_of(report, "pdf")).status_code == 404
    assert client.get(f"/api/v1/consultations/{hearing.slug}/reports").status_code == 404


# --- staff pages ----------------------------------------------------------------------------------------------


def staff_url(consultation, rest=""):
    return f"/staff/consultations/{consultation.slug}/reports/{rest}"


@pytest.mark.parametrize("who", ["organiser", "moderator", "admin"])
def test_staff_of_the_agency_see_the_versions(hearing, people, client, who):
    client.force_login(people[who])
    response = client.get(staff_url(hearing))
    assert response.status_code == 200
    can_write = who != "moderator"
    assert (f'action="{staff_url(hearing, "new/")}"' in response.content.decode()) is can_write


def test_others_get_a_404_or_the_login_page(hearing, people, client):
    assert client.get(staff_url(hearing))["Location"].startswith("/accounts/login/")
    client.force_login(people["outsider"])
    assert client.get(staff_url(hearing)).status_code == 404
    assert client.post(staff_url(hearing, "new/"), {"language": "th", "thai_digits": "0"}).status_code == 404
    assert not Report.objects.exists()


def test_generate_review_and_publish_through_the_pages(hearing, people, client, django_capture_on_commit_callbacks):
    client.force_login(people["organiser"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_url(hearing, "new/"), {"language": "en", "thai_digits": "0", "note": "first"})
    assert response.status_code == 302 and response["Location"] == staff_url(hearing, "1/")
    report = Report.objects.get()
    assert (report.status, report.language, report.note) == (ReportStatus.READY, "en", "first")
    page = client.get(staff_url(hearing, "1/")).content.decode()
    assert url_of(report, "html") in page and "<iframe" in page and staff_url(hearing, "1/publish/") in page
    progress = client.get(staff_url(hearing, "1/progress/"))
    assert progress.status_code == 286 and progress["HX-Refresh"] == "true"

    confirm = client.get(staff_url(hearing, "1/publish/"))
    assert confirm.status_code == 200 and not Report.objects.filter(status=ReportStatus.PUBLISHED).exists()
    response = client.post(staff_url(hearing, "1/publish/"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_bad_input_on_the_pages_changes_nothing(hearing, people, client):
    client.force_login(people["organiser"])
    response = client.post(staff_url(hearing, "new/"), {"language": "fr", "thai_digits": "maybe"})
    assert response.status_code == 422 and not Report.objects.exists()
    client.force_login(people["moderator"])
    report = generated(hearing, people["organiser"])
    response = client.post("/en" + staff_url(hearing, "1/publish/"), follow=True)
    assert "You do not have permission to do this." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    client.force_login(people["organiser"])
    response = client.post(staff_url(hearing, "1/withdraw/"), {"reason": ""})
    assert response.status_code == 422
    assert client.get(staff_url(hearing, "7/")).status_code == 404


def test_a_second_request_while_one_runs_says_why(hearing, people, client):
    report_request(actor=people["organiser"], consultation=hearing, enqueue=False)
    client.force_login(people["organiser"])
    response = client.post("/en" + staff_url(hearing, "new/"), {"language": "th", "thai_digits": "1"}, follow=True)
    assert "already being generated" in response.content.decode() and Report.objects.count() == 1


# --- the consultation page ------------------------------------------------------------------------------------


def test_the_consultation_page_shows_the_published_report_within_the_cache_lifetime(hearing, people, client, settings):
    page = f"/consultations/{hearing.slug}/"
    cache.clear()
    assert 'data-testid="results"' not in client.get(page).content.decode()  # now cached for anonymous visitors
    report = report_publish(actor=people["organiser"], report=generated(hearing, people["organiser"]))
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)):
        html = client.get(page).content.decode()
    assert 'data-testid="results"' in html
    for link in file_links(report):
        assert link.url in html
    assert f"/consultations/{hearing.slug}/open-data.zip" in html
    block = html.split('data-testid="results"')[1]
    year = to_thai_digits(str(timezone.localdate().year + 543))  # the demo asks for Thai digits
    assert "ฉบับที่ ๑" in block and year in block  # the date in the Buddhist era


def test_the_staff_page_names_who_requested_and_published_a_version_never_by_their_address(hearing, people, client):
    organiser = people["organiser"]
    organiser.username, organiser.first_name, organiser.last_name = "wanida@example.go.th", "วนิดา", "ศรีวงศ์"
    organiser.save()
    report = report_publish(actor=organiser, report=generated(hearing, organiser))
    client.force_login(organiser)
    page = client.get(f"/staff/consultations/{hearing.slug}/reports/{report.number}/").content.decode()
    assert page.count("วนิดา ศรีวงศ์") == 2 and "wanida@example.go.th" not in page
