"""Reads about a consultation's documents."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Prefetch, QuerySet, Subquery

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
    return Document.objects.filter(consultation_id=consultation_id, consultation__is_published=True).annotate(
        latest=Max("versions__number")
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
