"""Writes about documents: one transaction and one audit entry each."""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePath
from typing import Any, BinaryIO

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation, Topic
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.files import DOCX, EXTENSIONS, PDF, XLSX, sniff_content_type
from rapfang.documents.anchors import match_anchors
from rapfang.documents.importing import ParsedSection, parse
from rapfang.documents.models import Attachment, AttachmentKind, Document, Paragraph, Section, SourceFormat, Version

ATTACHMENT_TYPES = {PDF, DOCX, XLSX}
ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024


def _public_filename(filename: str, content_type: str) -> str:
    stem = PurePath(filename).stem or "document"
    return get_valid_filename(stem)[:150] + EXTENSIONS[content_type]


@transaction.atomic
def attachment_add(
    *,
    actor: Any,
    consultation: Consultation,
    kind: str,
    title_th: str,
    content: BinaryIO,
    filename: str,
    title_en: str = "",
    order: int = 0,
    is_public: bool = True,
    is_demo: bool = False,
) -> Attachment:
    """Attach a PDF, DOCX or XLSX file to a consultation; its type is checked by content."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    if kind not in AttachmentKind.values:
        raise InvalidInput(code="unknown_kind")
    content_type = sniff_content_type(content)
    if content_type not in ATTACHMENT_TYPES:
        raise InvalidInput(_("Only PDF, DOCX and XLSX files can be attached."), code="file_type")
    size = _size(content)
    if size > ATTACHMENT_MAX_BYTES:
        raise InvalidInput(_("The file is larger than 50 MB."), code="file_too_large")
    attachment = Attachment(
        consultation=consultation, kind=kind, title_th=title_th, title_en=title_en, order=order,
        filename=_public_filename(filename, content_type), content_type=content_type, size=size,
        is_public=is_public, is_demo=is_demo,
    )  # fmt: skip
    attachment.file.save(attachment.filename, File(content), save=False)
    attachment.save()
    audit_log(actor=actor, action="documents.attachment.add", target=attachment, data={"sha256": _sha256(content)})
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    require(actor, Perm.ORGANISE, attachment.consultation.agency_id)
    audit_log(actor=actor, action="documents.attachment.remove", target=attachment)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def attachment_download_record(*, attachment_id: int) -> None:
    """Count one download. A counter, not a user's write: no audit entry."""
    Attachment.objects.filter(pk=attachment_id).update(downloads=F("downloads") + 1)


def _size(content: BinaryIO) -> int:
    position = content.tell()
    content.seek(0, 2)
    size = content.tell()
    content.seek(position)
    return size


def _sha256(content: BinaryIO) -> str:
    content.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: content.read(1 << 16), b""):
        digest.update(block)
    content.seek(0)
    return digest.hexdigest()


@transaction.atomic
def document_save(
    *,
    actor: Any,
    consultation: Consultation,
    slug: str,
    title_th: str,
    title_en: str = "",
    order: int = 0,
    is_demo: bool = False,
) -> Document:
    """Create the consultation's draft document `slug`, or update its titles."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    document, created = Document.objects.update_or_create(
        consultation=consultation, slug=slug,
        defaults={"title_th": title_th, "title_en": title_en, "order": order, "is_demo": is_demo},
    )  # fmt: skip
    audit_log(actor=actor, action="documents.document." + ("create" if created else "update"), target=document)
    return document


@transaction.atomic
def document_delete(*, actor: Any, document: Document) -> None:
    """Delete a draft document nobody has commented on, with its versions; one with comments stays on record."""
    require(actor, Perm.ORGANISE, document.consultation.agency_id)
    if document.comments.exists():
        raise Conflict(
            _("This draft has comments and cannot be deleted. Import a new version of it instead."),
            code="document_in_use",
        )
    audit_log(actor=actor, action="documents.document.delete", target=document)
    document.delete()


def source_format_of(filename: str, content: bytes) -> str:
    """DOCX by content; otherwise Markdown for .md files and plain text for the rest."""
    if sniff_content_type(io.BytesIO(content)) == DOCX:
        return SourceFormat.DOCX
    if PurePath(filename).suffix.lower() in {".md", ".markdown"}:
        return SourceFormat.MARKDOWN
    if content.startswith((b"PK", b"%PDF")):
        raise InvalidInput(_("Only DOCX, Markdown and plain-text drafts can be imported."), code="file_type")
    return SourceFormat.TEXT


@transaction.atomic
def version_import(
    *, actor: Any, document: Document, content: bytes, filename: str, note_th: str = "", note_en: str = ""
) -> Version:
    """Import a new version of `document`; paragraphs like those of the last version keep their anchors."""
    require(actor, Perm.ORGANISE, document.consultation.agency_id)
    source_format = source_format_of(filename, content)
    parsed = parse(content, source_format)
    domains = _topics_named(document.consultation, parsed)
    previous = document.versions.order_by("-number").first()
    version = Version.objects.create(
        document=document, number=(previous.number + 1) if previous else 1, note_th=note_th, note_en=note_en,
        source_format=source_format,
    )  # fmt: skip
    _store(version, parsed, previous, domains)
    audit_log(
        actor=actor, action="documents.version.import", target=version,
        data={"format": source_format, "sha256": hashlib.sha256(content).hexdigest()},
    )  # fmt: skip
    return version


def _topics_named(consultation: Consultation, parsed: list[ParsedSection]) -> dict[str, Topic]:
    """The consultation's topics that the draft's tags name by key; an unknown key refuses the import."""
    keys = {key for s in parsed for key in s.domains} | {key for s in parsed for p in s.paragraphs for key in p.domains}
    topics = {topic.key: topic for topic in consultation.topics.filter(key__in=keys)}
    if missing := keys - set(topics):
        message = _("The draft names topics that this consultation does not have: %(keys)s.")
        raise InvalidInput(message % {"keys": ", ".join(sorted(missing))}, code="unknown_domain", keys=sorted(missing))
    return topics


def _store(version: Version, parsed: list[ParsedSection], previous: Version | None, domains: dict) -> None:
    old_sections = list(previous.sections.values_list("anchor", "title")) if previous else []
    old_paragraphs = list(previous.paragraphs.values_list("anchor", "text")) if previous else []
    section_anchors = match_anchors(old_sections, [s.title for s in parsed], "s")
    paragraph_texts = [p.text for s in parsed for p in s.paragraphs]
    paragraph_anchors = iter(match_anchors(old_paragraphs, paragraph_texts, "p"))
    order = 0
    for section_order, (parsed_section, anchor) in enumerate(zip(parsed, section_anchors, strict=True)):
        section = Section.objects.create(
            version=version, anchor=anchor, order=section_order, level=parsed_section.level,
            title=parsed_section.title[:500],
        )  # fmt: skip
        section.topics.set([domains[key] for key in parsed_section.domains])
        for parsed_paragraph in parsed_section.paragraphs:
            paragraph = Paragraph.objects.create(
                version=version, section=section, anchor=next(paragraph_anchors), order=order,
                is_list_item=parsed_paragraph.is_list_item, text=parsed_paragraph.text,
            )  # fmt: skip
            order += 1
            if parsed_paragraph.domains:
                paragraph.topics.set([domains[key] for key in parsed_paragraph.domains])
