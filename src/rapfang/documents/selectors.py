"""Reads about a consultation's documents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from rapfang.accounts.permissions import Perm
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import comment_window, consultation_get_for_staff
from rapfang.documents.models import Attachment, Document, Paragraph, Section, Version


def attachment_list_public(*, consultation_id: int) -> QuerySet[Attachment]:
    return Attachment.objects.filter(consultation_id=consultation_id, is_public=True, consultation__is_published=True)


def attachment_get_public(*, consultation_slug: str, attachment_id: int) -> Attachment:
    """A downloadable attachment of a published consultation; raises DoesNotExist."""
    return Attachment.objects.select_related("consultation").get(
        pk=attachment_id,
        consultation__slug=consultation_slug,
        consultation__is_published=True,
        is_public=True,
    )


def document_list_public(*, consultation_id: int) -> QuerySet[Document]:
    """The drafts of a published consultation that have a version to read."""
    return document_list_readable(consultation_id=consultation_id).filter(consultation__is_published=True)


def document_list_readable(*, consultation_id: int) -> QuerySet[Document]:
    """The consultation's drafts that have a version to read, published or not (for the staff's preview)."""
    return (
        Document.objects.filter(consultation_id=consultation_id)
        .annotate(latest=Max("versions__number"))
        .filter(latest__isnull=False)
    )


def document_get_public(*, consultation_slug: str, document_slug: str) -> Document:
    """A draft of a published consultation; raises DoesNotExist."""
    return Document.objects.select_related("consultation__agency").get(
        slug=document_slug, consultation__slug=consultation_slug, consultation__is_published=True
    )


def version_get(*, document: Document, number: int | None = None) -> Version:
    """The version `number` of `document`, or its latest; raises DoesNotExist."""
    versions = document.versions.all()
    return versions.get(number=number) if number is not None else versions.latest("number")


def version_sections(*, version: Version) -> list[Section]:
    """The version's sections in order, each with its paragraphs and domains fetched."""
    paragraphs = Paragraph.objects.order_by("order").prefetch_related("topics")
    return list(
        version.sections.order_by("order").prefetch_related(Prefetch("paragraphs", queryset=paragraphs), "topics")
    )


def version_anchors(*, version: Version) -> set[str]:
    return set(version.paragraphs.values_list("anchor", flat=True)) | set(
        version.sections.values_list("anchor", flat=True)
    )


def paragraph_pairs(*, version: Version) -> list[tuple[str, str]]:
    return list(version.paragraphs.order_by("order").values_list("anchor", "text"))


def latest_versions(*, consultation_id: int) -> list[Version]:
    """The current version of each of the consultation's drafts."""
    latest = Version.objects.filter(document=OuterRef("document")).order_by("-number").values("pk")[:1]
    return list(
        Version.objects.filter(document__consultation_id=consultation_id, pk=Subquery(latest)).select_related(
            "document"
        )
    )


def anchor_locate(*, consultation_id: int, section: str = "", paragraph: str = "") -> tuple[Version, str, str] | None:
    """The current version holding the anchors, and the section anchor (found from the paragraph's if not given)."""
    for version in latest_versions(consultation_id=consultation_id):
        if paragraph:
            found = version.paragraphs.filter(anchor=paragraph).select_related("section").first()
            if found and (not section or found.section.anchor == section):
                return version, found.section.anchor, paragraph
        elif section and version.sections.filter(anchor=section).exists():
            return version, section, ""
    return None


def current_anchors(*, consultation_id: int) -> set[str]:
    """Section and paragraph anchors of the current version of each of the consultation's drafts."""
    versions = [version.pk for version in latest_versions(consultation_id=consultation_id)]
    return set(Paragraph.objects.filter(version_id__in=versions).values_list("anchor", flat=True)) | set(
        Section.objects.filter(version_id__in=versions).values_list("anchor", flat=True)
    )


def attachment_list_for_staff(*, consultation: Consultation) -> QuerySet[Attachment]:
    """Every file of the consultation, public or not, in the order the public sees them."""
    return consultation.attachments.order_by("order", "id")


def attachment_get_for_staff(*, actor: Any, consultation_slug: str, attachment_id: int) -> Attachment | None:
    """A file of a consultation whose agency's staff `actor` belongs to (public or not, published or not)."""
    consultation = consultation_get_for_staff(actor=actor, slug=consultation_slug, perm=Perm.VIEW)
    if consultation is None:
        return None
    return consultation.attachments.filter(pk=attachment_id).first()


def _counted(model: Any) -> Coalesce:
    rows = model.objects.filter(version=OuterRef("pk")).order_by().values("version").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")), 0)


def document_list_for_staff(*, consultation: Consultation) -> list[Document]:
    """The consultation's drafts, each with its versions newest first, counted: sections, paragraphs, comments (and
    the draft's `comment_total`)."""
    versions = Version.objects.order_by("-number").annotate(
        section_count=_counted(Section), paragraph_count=_counted(Paragraph)
    )
    documents = list(consultation.documents.order_by("order", "id").prefetch_related(Prefetch("versions", versions)))
    comments = version_comment_counts(consultation_id=consultation.pk)
    for document in documents:
        for version in document.versions.all():
            version.comment_count = comments.get(version.pk, 0)  # type: ignore[attr-defined]
        document.comment_total = sum(comments.get(version.pk, 0) for version in document.versions.all())  # type: ignore[attr-defined]
    return documents


def version_comment_counts(*, consultation_id: int) -> dict[int, int]:
    """Comments (in any state) made on each version of the consultation's drafts, read through the drafts' comments."""
    rows = (
        Document.objects.filter(consultation_id=consultation_id, comments__version__isnull=False)
        .values("comments__version")
        .annotate(n=Count("comments"))
        .order_by()
    )
    return {row["comments__version"]: row["n"] for row in rows}


def paragraph_comment_counts(*, document: Document) -> dict[str, int]:
    """Comments (in any state, from any version) on each paragraph anchor of the draft."""
    rows = document.comments.exclude(paragraph_anchor="").values("paragraph_anchor").annotate(n=Count("pk")).order_by()
    return {row["paragraph_anchor"]: row["n"] for row in rows}


def version_previous(*, version: Version) -> Version | None:
    return version.document.versions.filter(number__lt=version.number).order_by("-number").first()


def version_changes(*, version: Version) -> tuple[dict[str, str], int]:
    """Each paragraph anchor of `version` marked kept, changed or added against the version before it, and how many
    of that version's paragraphs it removed; ({}, 0) for a first version."""
    previous = version_previous(version=version)
    if previous is None:
        return {}, 0
    before = dict(paragraph_pairs(version=previous))
    now = paragraph_pairs(version=version)
    marks = {anchor: "added" if anchor not in before else "kept" if before[anchor] == text else "changed"
             for anchor, text in now}  # fmt: skip
    return marks, len(set(before) - set(marks))


def version_needs_confirmation(*, document: Document, now: datetime) -> bool:
    """Whether a new version is first compared and confirmed: the draft has a version, and comments were made on it
    or the comment period of the published consultation is open."""
    if not document.versions.exists():
        return False
    consultation = document.consultation
    window = comment_window(consultation) if consultation.is_published else None
    return (window is not None and window.is_open(now)) or document.comments.exists()


@dataclass(frozen=True)
class Structure:
    """How a version was split: its sections, each paragraph marked (`mark`: kept, changed or added against the
    version before; `comment_count`: comments on its anchor), and the counts of each change."""

    sections: list[Section]
    paragraph_total: int
    changes: Counter[str]
    removed: int


def version_structure(*, version: Version) -> Structure:
    sections = version_sections(version=version)
    marks, removed = version_changes(version=version)
    comments = paragraph_comment_counts(document=version.document)
    total = 0
    for section in sections:
        for paragraph in section.paragraphs.all():
            paragraph.mark = marks.get(paragraph.anchor, "")  # type: ignore[attr-defined]
            paragraph.comment_count = comments.get(paragraph.anchor, 0)  # type: ignore[attr-defined]
            total += 1
    return Structure(sections, total, Counter(marks.values()), removed)
