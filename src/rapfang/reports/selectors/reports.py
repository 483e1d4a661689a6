"""Reads about the summary report's versions: staff see every version, the public the published ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from rapfang.accounts.permissions import Perm, can
from rapfang.consultations.models import Consultation
from rapfang.reports.models import Report, ReportFile, ReportStatus, Response, WithdrawnFor
from rapfang.reports.render import report_filename

ACTIVE = (ReportStatus.QUEUED, ReportStatus.RUNNING)
PUBLIC = (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED)
FORMAT_ORDER = ("pdf", "docx", "xlsx", "html")


def _files() -> Prefetch[Any]:
    return Prefetch("files", queryset=ReportFile.objects.order_by("format"))


def report_list(*, consultation: Consultation) -> QuerySet[Report]:
    """Every version, newest first, with its files."""
    return (
        Report.objects.filter(consultation=consultation)
        .select_related("consultation", "requested_by", "published_by")
        .prefetch_related(_files())
        .order_by("-number")
    )


def report_get(*, consultation: Consultation, number: int) -> Report | None:
    return report_list(consultation=consultation).filter(number=number).first()


def report_is_active(report: Report | None) -> bool:
    return report is not None and report.status in ACTIVE


def report_versions_public(*, consultation: Consultation) -> QuerySet[Report]:
    """The published version and the earlier ones it replaced, newest first; nothing before publication."""
    if not consultation.is_published:
        return Report.objects.none()
    return (
        Report.objects.filter(consultation=consultation, status__in=PUBLIC, published_at__isnull=False)
        .select_related("consultation")
        .prefetch_related(_files())
        .order_by("-number")
    )


def files_in_order(report: Report) -> list[ReportFile]:
    """The version's files as people look for them: PDF first, then DOCX, XLSX, HTML."""
    return sorted(report.files.all(), key=lambda row: FORMAT_ORDER.index(row.format))


def report_file_name(report: Report, fmt: str) -> str:
    """The name a format of a version is downloaded under: the renderers' own name for it."""
    return report_filename(slug=report.consultation.slug, version=report.number, language=report.language, fmt=fmt)


@dataclass(frozen=True)
class FileLink:
    """One format of a version as pages and the API link it (``url`` is the path, without the site's address)."""

    format: str
    size: int
    sha256: str
    url: str


def file_links(report: Report) -> list[FileLink]:
    slug = report.consultation.slug
    return [
        FileLink(row.format, row.size, row.sha256,
                 reverse("report_file", args=[slug, report.number, report_file_name(report, row.format)]))
        for row in files_in_order(report)
    ]  # fmt: skip


@dataclass(frozen=True)
class PublicVersion:
    report: Report
    files: list[FileLink]


@dataclass(frozen=True)
class ReportDownload:
    """A file asked for by its address, and whether the public may have it."""

    file: ReportFile
    report: Report
    public: bool


def report_file_get(*, slug: str, number: int, filename: str, user: Any) -> ReportDownload | None:
    """The file at ``/consultations/<slug>/reports/<number>/<filename>``, if ``user`` may download it."""
    report = Report.objects.select_related("consultation").filter(consultation__slug=slug, number=number).first()
    if report is None:
        return None
    consultation = report.consultation
    public = consultation.is_published and report.status in PUBLIC and report.published_at is not None
    if not public and not can(user, Perm.VIEW, consultation.agency_id):
        return None
    row = next((row for row in report.files.all() if report_file_name(report, row.format) == filename), None)
    return ReportDownload(row, report, public) if row else None


@dataclass(frozen=True)
class Results:
    """What the consultation page shows under "results": the report's versions, responses, open data."""

    current: PublicVersion | None = None
    earlier: list[PublicVersion] = field(default_factory=list)
    responses: bool = False
    withdrawn: list[Report] = field(default_factory=list)  # published versions withdrawn after an erasure

    @property
    def shown(self) -> bool:
        return self.current is not None or bool(self.earlier) or self.responses or bool(self.withdrawn)


def results_public(*, consultation: Consultation) -> Results:
    """The published report and its earlier versions, and whether any response to the comments is public."""
    if not consultation.is_published:
        return Results()
    versions = [
        PublicVersion(report, file_links(report)) for report in report_versions_public(consultation=consultation)
    ]
    current = next((version for version in versions if version.report.status == ReportStatus.PUBLISHED), None)
    responses = Response.objects.filter(issue__consultation=consultation, published_at__isnull=False).exists()
    withdrawn = Report.objects.filter(
        consultation=consultation, status=ReportStatus.WITHDRAWN, withdrawn_for=WithdrawnFor.ERASURE,
        published_at__isnull=False,
    ).order_by("-number")  # fmt: skip
    return Results(current, [version for version in versions if version is not current], responses, list(withdrawn))
