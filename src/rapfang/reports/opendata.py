"""The open-data download of a published consultation: a ZIP of CSV and JSON tables and their README.

Built from querysets read in chunks into a temporary file, then kept in the file storage (shared by every machine)
by a fingerprint of what it holds (counts and latest changes), so a repeated download is served without a rebuild.
Nothing in it is personal data: no names, e-mail addresses, telephone numbers or national IDs (see ``opendata_readme``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import IO, Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone, translation

from rapfang.analysis.models import CommentAnalysis
from rapfang.comments.models import Comment, CommentStatus, Endorsement
from rapfang.comments.selectors import endorsement_counts
from rapfang.consultations.models import LICENCE_URLS, Consultation, MilestoneKind, OpenDataLicence
from rapfang.consultations.selectors import consultation_status
from rapfang.core.cells import csv_safe
from rapfang.core.redact import redact_personal_data
from rapfang.core.storage import StoredStream, kept_open, kept_prune
from rapfang.core.thai import BANGKOK, to_bangkok
from rapfang.documents.models import Document, Paragraph, Version
from rapfang.hearings.models import Registration
from rapfang.reports import opendata_readme as spec
from rapfang.reports.datapackage import datapackage
from rapfang.reports.models import Issue, IssueComment, Report, ReportStatus, Response
from rapfang.reports.questionnaire import questionnaire_fingerprint, questionnaire_rows
from rapfang.reports.selectors.issues import issue_endorsement_counts

FORMAT_VERSION = 3  # part of the fingerprint: a change in what the ZIP holds makes every kept file stale
CHUNK = 2000
COPY_BLOCK = 1 << 20
Row = tuple[Any, ...]


def public_comments(consultation: Consultation) -> QuerySet[Comment]:
    return Comment.objects.filter(consultation=consultation, status=CommentStatus.PUBLISHED, erased_at__isnull=True)


def public_issues(consultation: Consultation) -> QuerySet[Issue]:
    return Issue.objects.filter(consultation=consultation, response__published_at__isnull=False)


def _stamp(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def fingerprint(consultation: Consultation) -> str:
    """Counts and latest changes of everything the ZIP holds: equal fingerprints, equal contents."""
    comments = Comment.objects.filter(consultation=consultation).aggregate(
        n=Count("id"), last=Max("id"), moderated=Max("moderated_at"), erased=Max("erased_at"),
        withdrawn=Max("withdrawn_at"),
        published=Count("id", filter=Q(status=CommentStatus.PUBLISHED)),
    )  # fmt: skip
    analysis = CommentAnalysis.objects.filter(consultation=consultation).aggregate(
        n=Count("pk"), domains=Sum("domain_id"), groups=Sum("group_id")
    )
    issues = Issue.objects.filter(consultation=consultation).aggregate(n=Count("id"), changed=Max("updated_at"))
    endorsements = Endorsement.objects.filter(comment__consultation=consultation).aggregate(
        n=Count("id"), last=Max("id"), erased=Max("erased_at")
    )
    members = IssueComment.objects.filter(issue__consultation=consultation).aggregate(n=Count("id"), last=Max("id"))
    responses = Response.objects.filter(issue__consultation=consultation).aggregate(
        n=Count("id"), changed=Max("updated_at"), paragraphs=Count("changed_paragraphs")
    )
    versions = Version.objects.filter(document__consultation=consultation).aggregate(
        n=Count("id"), last=Max("created_at"), documents=Max("document__updated_at")
    )
    registrations = Registration.objects.filter(event__consultation=consultation).aggregate(
        n=Count("id"), changed=Max("updated_at"), arrived=Count("checked_in_at")
    )
    reports = Report.objects.filter(consultation=consultation, status=ReportStatus.PUBLISHED).aggregate(n=Max("number"))
    answers = questionnaire_fingerprint(consultation)
    parts = [FORMAT_VERSION, consultation.pk, consultation.updated_at, consultation_status(consultation)]
    for aggregate in (comments, endorsements, analysis, issues, members, responses, versions, registrations, reports,
                      answers):  # fmt: skip
        parts += [aggregate[key] for key in sorted(aggregate)]
    return hashlib.sha256("|".join(_stamp(part) for part in parts).encode()).hexdigest()[:20]


FOLDER = "opendata"


def opendata_open(consultation: Consultation) -> IO[bytes] | StoredStream:
    """The ZIP for the consultation's current state, opened for reading: the kept copy (in the file storage, for
    every machine), or one built now; the copies of earlier states are deleted."""
    name = f"{FOLDER}/{consultation.pk}-{fingerprint(consultation)}.zip"

    def build(out: IO[bytes]) -> None:
        opendata_write(consultation, out)
        kept_prune(FOLDER, f"{consultation.pk}-", keep=name)  # a reader that has an old one open keeps reading it

    return kept_open(name, build)


def opendata_write(consultation: Consultation, out: IO[bytes], *, now: datetime | None = None) -> None:
    """Write the whole ZIP to ``out``: README.md, then each table as CSV and as JSON, its rows read once."""
    now = now or timezone.now()
    licence = OpenDataLicence(consultation.open_data_licence)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        text = spec.readme(
            title_th=consultation.title_th, title_en=consultation.title_en, agency_th=consultation.agency.name_th,
            agency_en=consultation.agency.name_en, made_at=now, licence=_licence_line(licence),
        )  # fmt: skip
        archive.writestr(_member("README.md", now), text.encode())
        archive.writestr(_member("datapackage.json", now), _descriptor(consultation, licence, now).encode())
        for table, rows in _tables(consultation, now):
            _write_table(archive, table, rows, now)


def _licence_line(licence: OpenDataLicence) -> str:
    with translation.override("en"):
        return f"{licence.label} <{LICENCE_URLS[licence]}>"


def _descriptor(consultation: Consultation, licence: OpenDataLicence, now: datetime) -> str:
    """datapackage.json: every CSV with its fields' types, and the licence (reports.datapackage)."""
    with translation.override("th"):
        page = settings.SITE_URL + reverse("portal:consultation", args=[consultation.slug])
    descriptor = datapackage(
        slug=consultation.slug, title_th=consultation.title_th, title_en=consultation.title_en,
        agency=consultation.agency.name_en or consultation.agency.name_th, licence=licence.value,
        licence_title=_licence_line(licence).split(" <")[0], licence_url=LICENCE_URLS[licence], site_url=page,
        made_at=to_bangkok(now),
    )  # fmt: skip
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def _member(name: str, now: datetime) -> zipfile.ZipInfo:
    """A member dated when the ZIP was made (Bangkok time) and readable by everyone once extracted."""
    member = zipfile.ZipInfo(name, date_time=to_bangkok(now).timetuple()[:6])
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    return member


def _write_table(archive: zipfile.ZipFile, table: spec.Table, rows: Iterable[Row], now: datetime) -> None:
    """The CSV goes straight into the ZIP; the JSON is written alongside into a temporary file, then copied in
    (a ZIP takes one member at a time), so the database and the redaction see each row once."""
    with tempfile.TemporaryFile() as spool:
        with archive.open(_member(f"{table.name}.csv", now), "w", force_zip64=True) as member:
            csv_text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
            json_text = io.TextIOWrapper(spool, encoding="utf-8")
            writer = csv.writer(csv_text)
            writer.writerow(table.header)
            json_text.write("[")
            for number, row in enumerate(rows):
                writer.writerow([_csv_value(value) for value in row])
                record = {name: _json_value(value) for name, value in zip(table.header, row, strict=True)}
                json_text.write(("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False))
            json_text.write("\n]\n")
            csv_text.flush()
            csv_text.detach()
            json_text.flush()
            json_text.detach()
        spool.seek(0)
        with archive.open(_member(f"{table.name}.json", now), "w", force_zip64=True) as target:
            shutil.copyfileobj(spool, target, COPY_BLOCK)


def _csv_value(value: Any) -> Any:
    """A cell of the CSV: lists joined by semicolons, times in ISO 8601, text never a formula (the JSON keeps the
    value exactly)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    if isinstance(value, datetime):
        return _iso(value)
    return csv_safe(value)


def _json_value(value: Any) -> Any:
    return _iso(value) if isinstance(value, datetime) else value


def _iso(moment: datetime) -> str:
    return to_bangkok(moment).isoformat(timespec="seconds")


def _tables(consultation: Consultation, now: datetime) -> Iterator[tuple[spec.Table, Iterable[Row]]]:
    """Each table with its rows, read lazily as the table is written."""
    yield spec.CONSULTATION, _consultation_rows(consultation, now)
    yield spec.DOCUMENTS, _document_rows(consultation)
    yield spec.PARAGRAPHS, _paragraph_rows(consultation)
    yield spec.COMMENTS, _comment_rows(consultation)
    yield spec.ISSUES, _issue_rows(consultation)
    yield spec.RESPONSES, _response_rows(consultation)
    yield spec.RESPONSE_PARAGRAPHS, _response_paragraph_rows(consultation)
    yield spec.PARTICIPATION, _participation_rows(consultation)
    yield spec.QUESTIONNAIRE_RESULTS, questionnaire_rows(consultation, now)


def _consultation_rows(consultation: Consultation, now: datetime) -> Iterator[Row]:
    period = consultation.milestones.filter(kind=MilestoneKind.COMMENTS).first()
    report = Report.objects.filter(consultation=consultation, status=ReportStatus.PUBLISHED).first()
    with translation.override("th"):
        url = settings.SITE_URL + reverse("portal:consultation", args=[consultation.slug])
    yield (
        consultation.slug, consultation.title_th, consultation.title_en, consultation.agency.name_th,
        consultation.agency.name_en, consultation_status(consultation, now).value,
        period.starts_at if period else None, period.ends_at if period else None,
        report.number if report else None, report.published_at if report else None, url, now,
    )  # fmt: skip


def _document_rows(consultation: Consultation) -> Iterator[Row]:
    versions = Version.objects.filter(document__consultation=consultation).order_by(
        "document__order", "document__slug", "number"
    )
    for version in versions.select_related("document"):
        document: Document = version.document
        yield (document.slug, document.title_th, document.title_en, version.number, version.note_th,
               version.note_en, version.created_at)  # fmt: skip


def _paragraph_rows(consultation: Consultation) -> Iterator[Row]:
    rows = (
        Paragraph.objects.filter(version__document__consultation=consultation)
        .order_by("version__document__order", "version__document__slug", "version__number", "order")
        .values_list("version__document__slug", "version__number", "section__anchor", "section__title", "anchor",
                     "order", "text")
    )  # fmt: skip
    yield from rows.iterator(chunk_size=CHUNK)


def _issue_numbers(consultation: Consultation) -> dict[int, list[int]]:
    numbers: dict[int, list[int]] = defaultdict(list)
    pairs = IssueComment.objects.filter(issue__in=public_issues(consultation)).order_by("issue__number")
    for comment_id, number in pairs.values_list("comment_id", "issue__number").iterator(chunk_size=CHUNK):
        numbers[comment_id].append(number)
    return numbers


def _comment_rows(consultation: Consultation) -> Iterator[Row]:
    issues = _issue_numbers(consultation)
    endorsed = endorsement_counts(comment_ids=public_comments(consultation).values("pk"))
    rows = public_comments(consultation).order_by("submitted_at", "id").values_list(
        "pk", "receipt", "submitted_at", "stakeholder_type", "channel", "anonymous", "organisation", "document__slug",
        "version__number", "section_anchor", "paragraph_anchor", "text", "is_late", "is_demo",
        "analysis__domain__key", "analysis__group_id",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=CHUNK):
        pk, receipt, at, stakeholder, channel, anonymous, organisation, document, version, section, paragraph = row[:11]
        text, late, demo, domain, group = row[11:]
        yield (
            receipt, at, stakeholder, channel, "" if anonymous else redact_personal_data(organisation),
            document or "", version, section, paragraph, redact_personal_data(text), late, demo, domain or "",
            group, issues.get(pk, []), endorsed.get(pk, 0),
        )  # fmt: skip


def _issue_rows(consultation: Consultation) -> Iterator[Row]:
    counted = Q(memberships__comment__status=CommentStatus.PUBLISHED, memberships__comment__erased_at__isnull=True)
    issues = (
        public_issues(consultation)
        .select_related("domain", "representative")
        .annotate(published=Count("memberships", filter=counted))
        .order_by("number")
    )
    endorsed = issue_endorsement_counts(issue_ids=public_issues(consultation).values("pk"))
    for issue in issues:
        shown = issue.representative
        receipt = shown.receipt if shown and shown.status == CommentStatus.PUBLISHED and not shown.erased_at else ""
        yield (
            issue.number, redact_personal_data(issue.title_th), redact_personal_data(issue.title_en),
            redact_personal_data(issue.summary_th), redact_personal_data(issue.summary_en),
            issue.domain.key if issue.domain else "", issue.published, receipt, issue.source_group_id,
            endorsed.get(issue.pk, 0),
        )  # fmt: skip


def _response_rows(consultation: Consultation) -> Iterator[Row]:
    responses = Response.objects.filter(issue__in=public_issues(consultation)).select_related("issue")
    for response in responses.order_by("issue__number"):
        yield (response.issue.number, response.decision, redact_personal_data(response.reasons_th),
               redact_personal_data(response.reasons_en), response.published_at)  # fmt: skip


def _response_paragraph_rows(consultation: Consultation) -> Iterator[Row]:
    links = Response.changed_paragraphs.through.objects.filter(response__issue__in=public_issues(consultation))
    ordered = links.order_by("response__issue__number", "paragraph__version__document__slug", "paragraph__order")
    yield from ordered.values_list(
        "response__issue__number", "paragraph__version__document__slug", "paragraph__version__number",
        "paragraph__section__anchor", "paragraph__anchor",
    )  # fmt: skip


def _participation_rows(consultation: Consultation) -> Iterator[Row]:
    registrations = Registration.objects.filter(event__consultation=consultation)
    for field in ("stakeholder_type", "channel", "status"):
        yield from _counts(f"registrations_by_{field}", registrations, field)
    yield ("check_ins", "all", registrations.filter(checked_in_at__isnull=False).count())
    comments = public_comments(consultation)
    yield from _counts("comments_by_channel", comments, "channel")
    yield from _counts("comments_by_stakeholder_type", comments, "stakeholder_type")
    by_domain = comments.values_list("analysis__domain__key").annotate(n=Count("id")).order_by("analysis__domain__key")
    yield from (("comments_by_domain", key or "none", count) for key, count in by_domain)
    days = comments.annotate(day=TruncDate("submitted_at", tzinfo=BANGKOK)).values_list("day")
    yield from (("comments_by_day", day.isoformat(), n) for day, n in days.annotate(n=Count("id")).order_by("day"))


def _counts(measure: str, queryset: QuerySet[Any], field: str) -> Iterator[Row]:
    for key, count in queryset.values_list(field).annotate(n=Count("id")).order_by(field):
        yield (measure, key, count)
