"""The summary report's versions: requested by staff, rendered by a job, reviewed, published, withdrawn.

Organisers of the consultation's agency and administrators write; ``actor=SYSTEM`` is the system (the CLI, jobs).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation, Milestone, MilestoneKind
from rapfang.consultations.services import milestone_set
from rapfang.core.actors import SYSTEM, acting_user
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.jobs import Progress, RowProgress, stage_spans
from rapfang.core.storage import stored_save
from rapfang.reports.models import Report, ReportFile, ReportStatus, report_file_path
from rapfang.reports.services.results import results_guard

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=1)  # a version still queued or running after this is taken as dead (its worker stopped)
ACTIVE = (ReportStatus.QUEUED, ReportStatus.RUNNING)
LANGUAGES = ("th", "en")
# The order in which the job works, and each stage's share of the 100 per cent: the PDF is the slowest.
STAGES = (("content", 10), ("html", 10), ("docx", 20), ("xlsx", 20), ("pdf", 40))
HASH_BLOCK = 1 << 20


def _lock(consultation: Consultation) -> None:
    """One write about the consultation's reports at a time."""
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()


def _fail_stale(consultation: Consultation, now: datetime) -> None:
    Report.objects.filter(
        consultation=consultation, status__in=ACTIVE, created_at__lt=now - STALE_AFTER
    ).update(status=ReportStatus.FAILED, error="stopped: no progress for an hour", finished_at=now)  # fmt: skip


@transaction.atomic
def report_request(
    *,
    actor: Any,
    consultation: Consultation,
    language: str = "th",
    thai_digits: bool | None = None,
    note: str = "",
    enqueue: bool = True,
) -> Report:
    """Queue a new version of the summary report; Conflict while another version is being generated."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    if language not in LANGUAGES:
        raise InvalidInput(_("Choose Thai or English as the report's language."), code="unknown_language")
    _lock(consultation)
    now = timezone.now()
    _fail_stale(consultation, now)
    if Report.objects.filter(consultation=consultation, status__in=ACTIVE).exists():
        message = _("A version of this report is already being generated. Wait until it is ready, then try again.")
        raise Conflict(message, code="report_running")
    number = (Report.objects.filter(consultation=consultation).aggregate(last=Max("number"))["last"] or 0) + 1
    report = Report.objects.create(
        consultation=consultation, number=number, language=language,
        thai_digits=consultation.thai_digits if thai_digits is None else thai_digits,
        legal_minimum_days=settings.LEGAL_MINIMUM_DAYS, note=note.strip()[:400], requested_by=acting_user(actor),
    )  # fmt: skip
    audit_log(actor=actor, action="reports.report.request", target=report,
              data={"number": number, "language": language, "thai_digits": report.thai_digits})  # fmt: skip
    if enqueue:
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from rapfang.reports.tasks import report_execute_task

    report_execute_task.enqueue(report_id)


def report_execute(*, report_id: int, progress: Progress | None = None) -> Report:
    """Carry out a queued version (the job and the CLI call this): every format, or nothing at all."""
    claimed = Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), stage="content", progress=0
    )
    report = Report.objects.select_related("consultation").get(pk=report_id)
    if not claimed:
        return report  # already carried out, or under way elsewhere
    written: list[str] = []
    try:
        figures, files = _render_all(
            report, RowProgress(Report.objects.filter(pk=report_id), stage_spans(STAGES), progress), written
        )
        _finish(report, figures, files)
    except BaseException as error:
        _fail(report, written, error)
        raise
    report.refresh_from_db()
    return report


def _render_all(report: Report, step: RowProgress, written: list[str]) -> tuple[dict[str, Any], list[ReportFile]]:
    from rapfang.reports.content import report_content
    from rapfang.reports.render import FORMATS, render

    step("content", 0, 1)
    content = report_content(
        consultation=report.consultation, language=report.language, thai_digits=report.thai_digits,
        version=report.number, generated_at=timezone.now(), legal_minimum_days=report.legal_minimum_days,
    )  # fmt: skip
    step("content", 1, 1)
    files = []
    for fmt in (stage for stage, _share in STAGES if stage in FORMATS):
        step(fmt, 0, 1)
        row = ReportFile(report=report, format=fmt)
        with tempfile.TemporaryFile() as out:  # made whole on local disk, then stored
            render(content, fmt, out, progress=partial(step, fmt))
            row.size, row.sha256 = _size_and_digest(out)
            row.file.name = stored_save(row.file.storage, report_file_path(row, ""), out)
        written.append(row.file.name)
        step(fmt, 1, 1)
        files.append(row)
    return content.figures, files


def _size_and_digest(handle: Any) -> tuple[int, str]:
    handle.flush()
    handle.seek(0)
    digest, size = hashlib.sha256(), 0
    while block := handle.read(HASH_BLOCK):
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()


class ReportStopped(Exception):
    """The version was stopped while it was generated (a comment it may quote was erased): its files go."""


@transaction.atomic
def _finish(report: Report, figures: dict[str, Any], files: list[ReportFile]) -> None:
    ReportFile.objects.bulk_create(files)
    finished = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
        status=ReportStatus.READY, stage="done", progress=100, finished_at=timezone.now(), figures=figures, error=""
    )
    if not finished:
        raise ReportStopped("stopped: a comment it may quote was erased while it was generated")
    audit_log(actor=SYSTEM, action="reports.report.ready", target=report,
              data={"formats": ",".join(row.format for row in files)})  # fmt: skip


def _fail(report: Report, written: list[str], error: BaseException) -> None:
    logger.exception("report %s of consultation %s failed", report.number, report.consultation_id)
    storage = ReportFile._meta.get_field("file").storage
    for name in written:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not remove %s", name)
    with transaction.atomic():
        ReportFile.objects.filter(report_id=report.pk).delete()
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        audit_log(actor=SYSTEM, action="reports.report.fail", target=report, data={"error": type(error).__name__})


@transaction.atomic
def report_publish(*, actor: Any, report: Report, now: datetime | None = None) -> Report:
    """Publish a version that is ready: the version published before it becomes an earlier version.

    Refused before the online comment period has closed and before the main hearing has met."""
    consultation = report.consultation
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _lock(consultation)
    report = Report.objects.select_related("consultation").get(pk=report.pk)
    if report.status != ReportStatus.READY:
        raise Conflict(_("Only a version that is ready for review can be published."), code="report_not_ready")
    now = now or timezone.now()
    results_guard(consultation=consultation, now=now)
    earlier = Report.objects.filter(consultation=consultation, status=ReportStatus.PUBLISHED)
    superseded = list(earlier.values_list("number", flat=True))
    earlier.update(status=ReportStatus.SUPERSEDED)
    report.status, report.published_at, report.published_by = ReportStatus.PUBLISHED, now, acting_user(actor)
    report.save(update_fields=["status", "published_at", "published_by"])
    results_started = _start_results(actor, consultation, now)
    audit_log(actor=actor, action="reports.report.publish", target=report,
              data={"number": report.number, "superseded": ",".join(map(str, superseded)),
                    "results_started": results_started})  # fmt: skip
    return report


def _start_results(actor: Any, consultation: Consultation, now: datetime) -> bool:
    """The timeline's "results published" step starts now, unless it already has a start (or ended before now)."""
    step = Milestone.objects.filter(consultation=consultation, kind=MilestoneKind.RESULTS).first()
    if step is not None and (step.starts_at is not None or (step.ends_at is not None and step.ends_at < now)):
        return False
    milestone_set(actor=actor, consultation=consultation, kind=MilestoneKind.RESULTS, starts_at=now,
                  ends_at=step.ends_at if step else None)  # fmt: skip
    return True


@transaction.atomic
def report_withdraw(*, actor: Any, report: Report, reason: str) -> Report:
    """Take the published version off the public pages (its files too); the reason goes into the audit log."""
    consultation = report.consultation
    require(actor, Perm.ORGANISE, consultation.agency_id)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the report is withdrawn."), code="reason_required")
    _lock(consultation)
    report = Report.objects.select_related("consultation").get(pk=report.pk)
    if report.status != ReportStatus.PUBLISHED:
        raise Conflict(_("Only the published version can be withdrawn."), code="report_not_published")
    report.status, report.withdrawn_at = ReportStatus.WITHDRAWN, timezone.now()
    report.save(update_fields=["status", "withdrawn_at"])
    audit_log(actor=actor, action="reports.report.withdraw", target=report,
              data={"number": report.number, "reason": reason[:500]})  # fmt: skip
    return report


def report_file_download_record(*, file_id: int) -> None:
    """Count one download of a published file. A counter, not a user's write: no audit entry."""
    ReportFile.objects.filter(pk=file_id).update(downloads=F("downloads") + 1)
