"""Erasing a comment reaches the summary report: no file of any version keeps what the comment said.

A version holds a comment when its HTML file names the comment's receipt number (the annex lists every published
comment by its receipt, and a quoted comment carries its receipt too). Such a version loses its files, in every
format, and is withdrawn, with a note the public sees; a version being generated is stopped. When the published
version was withdrawn, a new version is queued at once for the organisers to review and publish (decision 16).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation
from rapfang.core.actors import SYSTEM
from rapfang.reports.models import Report, ReportFile, ReportFormat, ReportStatus, WithdrawnFor
from rapfang.reports.services.reports import ACTIVE, report_request

logger = logging.getLogger(__name__)
WITH_FILES = (ReportStatus.READY, ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED, ReportStatus.WITHDRAWN)
READ_BLOCK = 1 << 20


def _holds(report: Report, receipt: str) -> bool:
    """Whether the version's HTML file names the receipt (read in blocks that overlap by the receipt's length)."""
    html = next((row for row in report.files.all() if row.format == ReportFormat.HTML), None)
    if html is None:
        return bool(report.files.all())  # no HTML to read: take it that the other formats may hold the comment
    wanted, tail = receipt.encode(), b""
    try:
        with html.file.open("rb") as handle:
            while block := handle.read(READ_BLOCK):
                if wanted in tail + block:
                    return True
                tail = block[-len(wanted) :]
    except FileNotFoundError:
        return False
    return False


def _stop_active(consultation_id: int) -> list[Report]:
    """Versions queued or being generated may read the comment before the erasure is committed: they are stopped."""
    active = Report.objects.filter(consultation_id=consultation_id, status__in=ACTIVE)
    stopped = list(active.order_by("number"))
    active.update(status=ReportStatus.FAILED, error="stopped: a comment was erased", finished_at=timezone.now())
    return stopped


def _withdraw(reports: list[Report]) -> None:
    names = [row.file.name for report in reports for row in report.files.all()]
    ReportFile.objects.filter(report__in=reports).delete()
    Report.objects.filter(pk__in=[report.pk for report in reports]).update(
        status=ReportStatus.WITHDRAWN, withdrawn_at=timezone.now(), withdrawn_for=WithdrawnFor.ERASURE
    )
    storage = ReportFile._meta.get_field("file").storage
    transaction.on_commit(lambda: _delete_files(storage, names))


def _delete_files(storage: Any, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not remove %s", name)


def _replacement(consultation: Consultation, model: Report) -> Report:
    """A new version with the settings of `model` (the withdrawn published version, or a stopped one)."""
    with translation.override(model.language):
        note = gettext("Made again after a comment was erased at its author's request.")
    return report_request(
        actor=SYSTEM, consultation=consultation, language=model.language, thai_digits=model.thai_digits, note=note
    )


def reports_comment_erased(*, actor: Any, comment: Comment) -> dict[str, Any]:
    """A step of erasing a comment (`settings.ERASURE_STEPS`), in the erasure's transaction; what it did."""
    consultation = Consultation.objects.select_for_update().get(pk=comment.consultation_id)
    stopped = _stop_active(consultation.pk)
    versions = Report.objects.filter(consultation=consultation, status__in=WITH_FILES).prefetch_related("files")
    holding = [report for report in versions if _holds(report, comment.receipt)]
    published = next((report for report in holding if report.status == ReportStatus.PUBLISHED), None)
    if holding:
        _withdraw(holding)
    model = published or (stopped[-1] if stopped else None)
    replacement = _replacement(consultation, model) if model else None
    return {"reports_withdrawn": [report.number for report in holding],
            "reports_stopped": [report.number for report in stopped],
            "report_queued": replacement.number if replacement else None}  # fmt: skip
