"""Writes about documents: one transaction and one audit entry each."""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, BinaryIO

from django.core.files import File
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.permissions import Perm, require
from rapfang.consultations.models import Consultation
from rapfang.core.audit import audit_log
from rapfang.core.errors import Conflict, InvalidInput
from rapfang.core.files import DOCX, EXTENSIONS, JPEG, PDF, PNG, WEBP, XLSX, sniff_content_type
from rapfang.documents.models import Attachment, AttachmentKind, Document, Paragraph, Section, Version
from rapfang.documents.versioning import ParsedDraft, anchors_for, draft_parse, source_format_of

__all__ = ["source_format_of"]  # kept importable from here for the callers that read it so

ATTACHMENT_TYPES = {PDF, DOCX, XLSX, PNG, JPEG, WEBP}
ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80


def _public_filename(filename: str, content_type: str) -> str:
    """The name the public downloads under: letters (Thai with its vowel and tone marks), digits, - and _; the
    extension is the one of the type found by content."""
    stem = unicodedata.normalize("NFC", PurePath(filename.replace("\\", "/")).stem)
    kept = "".join(char if char.isalnum() or char in "-_" or unicodedata.category(char) in {"Mn", "Mc"} else "_"
                   for char in stem)  # fmt: skip
    return (re.sub(r"_+", "_", kept).strip("_") or "document")[:150] + EXTENSIONS[content_type]


def _attachment_checked(content: BinaryIO) -> tuple[str, int]:
    """The file's type by its content, and its size; refused unless a PDF, DOCX, XLSX or image within the limit."""
    content_type = sniff_content_type(content)
    if content_type not in ATTACHMENT_TYPES:
        message = _("Only PDF, DOCX, XLSX and image (PNG, JPEG, WebP) files can be attached; the content was checked.")
        raise InvalidInput(message, code="file_type")
    size = _size(content)
    if size > ATTACHMENT_MAX_BYTES:
        raise InvalidInput(_("The file is larger than 50 MB."), code="file_too_large")
    return content_type, size


def _attachment_fields(kind: str, title_th: str) -> None:
    errors = {}
    if kind not in AttachmentKind.values:
        errors["kind"] = [str(_("Choose the kind of file."))]
    if not title_th.strip():
        errors["title_th"] = [str(_("Give the file a title in Thai."))]
    if errors:
        raise InvalidInput(code="invalid", errors=errors)


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
    order: int | None = None,
    is_public: bool = True,
    is_demo: bool = False,
) -> Attachment:
    """Attach a PDF, DOCX, XLSX or image file to a consultation; its type is checked by content. No order: last."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    _attachment_fields(kind, title_th)
    content_type, size = _attachment_checked(content)
    if order is None:
        order = (consultation.attachments.aggregate(last=Max("order"))["last"] or 0) + 1
    attachment = Attachment(
        consultation=consultation, kind=kind, title_th=title_th.strip(), title_en=title_en.strip(), order=order,
        filename=_public_filename(filename, content_type), content_type=content_type, size=size,
        is_public=is_public, is_demo=is_demo,
    )  # fmt: skip
    attachment.file.save(attachment.filename, File(content), save=False)
    attachment.save()
    audit_log(actor=actor, action="documents.attachment.add", target=attachment, data={"sha256": _sha256(content)})
    return attachment


@transaction.atomic
def attachment_update(
    *, actor: Any, attachment: Attachment, kind: str, title_th: str, title_en: str = "", order: int, is_public: bool
) -> Attachment:
    """Change a file's titles, kind, place in the list and whether the public sees it; its counter stays."""
    require(actor, Perm.ORGANISE, attachment.consultation.agency_id)
    _attachment_fields(kind, title_th)
    changes = {"kind": kind, "title_th": title_th.strip(), "title_en": title_en.strip(), "order": order,
               "is_public": is_public}  # fmt: skip
    changed = {name: value for name, value in changes.items() if getattr(attachment, name) != value}
    for name, value in changed.items():
        setattr(attachment, name, value)
    attachment.save(update_fields=[*changed, "updated_at"])
    audit_log(actor=actor, action="documents.attachment.update", target=attachment, data=changed)
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


@transaction.atomic
def document_create(
    *,
    actor: Any,
    consultation: Consultation,
    title_th: str,
    content: bytes,
    filename: str,
    title_en: str = "",
    slug: str = "",
    note_th: str = "",
    note_en: str = "",
) -> Version:
    """A new draft document of the consultation with its first version, read from the upload; all or nothing."""
    require(actor, Perm.ORGANISE, consultation.agency_id)
    slug, draft = document_create_checked(
        consultation=consultation, title_th=title_th, slug=slug, content=content, filename=filename
    )
    order = (consultation.documents.aggregate(last=Max("order"))["last"] or 0) + 1
    document = Document.objects.create(
        consultation=consultation, slug=slug, title_th=title_th.strip(), title_en=title_en.strip(), order=order
    )
    version = _version_write(document, draft, None, note_th, note_en)
    audit_log(
        actor=actor, action="documents.document.create", target=document,
        data={"version": 1, "format": draft.source_format, "sha256": hashlib.sha256(content).hexdigest()},
    )  # fmt: skip
    return version


def document_create_checked(
    *, consultation: Consultation, title_th: str, slug: str, content: bytes, filename: str
) -> tuple[str, ParsedDraft]:
    """What `document_create` would write, checked and read, writing nothing: the draft's short name and the upload
    read into sections and paragraphs (for a confirmation first); InvalidInput as `document_create` refuses."""
    slug = _new_slug(consultation, slug.strip().lower())
    if not title_th.strip():
        raise InvalidInput(code="invalid", errors={"title_th": [str(_("Give the draft a title in Thai."))]})
    return slug, draft_parse(consultation, content, filename)


def _new_slug(consultation: Consultation, slug: str) -> str:
    """The short name typed (checked, unused in the consultation), or draft, draft-2, draft-3…"""
    taken = set(consultation.documents.values_list("slug", flat=True))
    if not slug:
        candidates = ("draft" if n == 1 else f"draft-{n}" for n in itertools.count(1))
        return next(name for name in candidates if name not in taken)
    if not SLUG.match(slug) or len(slug) > SLUG_MAX:
        message = _("Use lower-case English letters, digits and hyphens only, such as draft-regulation (at most 80).")
        raise InvalidInput(code="invalid", errors={"slug": [str(message)]})
    if slug in taken:
        message = _("Another draft of this consultation already has this short name.")
        raise InvalidInput(code="invalid", errors={"slug": [str(message)]})
    return slug


@transaction.atomic
def version_import(
    *,
    actor: Any,
    document: Document,
    content: bytes,
    filename: str,
    note_th: str = "",
    note_en: str = "",
    after: int | None = None,
) -> Version:
    """Import a new version of `document`; paragraphs like those of the last version keep their anchors.

    `after`, when given, is the number of the version the new one was compared with (0: none); if another version
    was added since, the import is refused, so that what a dry run showed is what happens.
    """
    require(actor, Perm.ORGANISE, document.consultation.agency_id)
    Document.objects.select_for_update().filter(pk=document.pk).first()  # one import of a draft at a time
    draft = draft_parse(document.consultation, content, filename)
    previous = document.versions.order_by("-number").first()
    if after is not None and after != (previous.number if previous else 0):
        message = _("Another version of this draft was added in the meantime. Upload the file again to compare.")
        raise Conflict(message, code="version_stale")
    version = _version_write(document, draft, previous, note_th, note_en)
    audit_log(
        actor=actor, action="documents.version.import", target=version,
        data={"format": draft.source_format, "sha256": hashlib.sha256(content).hexdigest()},
    )  # fmt: skip
    return version


@transaction.atomic
def version_remove(*, actor: Any, version: Version) -> None:
    """Remove the latest version of a draft (its split was wrong), while no comment and no response names it."""
    document = version.document
    require(actor, Perm.ORGANISE, document.consultation.agency_id)
    Document.objects.select_for_update().filter(pk=document.pk).first()
    if document.versions.order_by("-number").values_list("pk", flat=True).first() != version.pk:
        raise Conflict(_("Only the latest version of a draft can be removed."), code="version_not_latest")
    if document.comments.filter(version=version).exists():
        raise _has_comments()
    if version.paragraphs.filter(responses__isnull=False).exists():
        message = _("Responses to comments name paragraphs of this version; it cannot be removed.")
        raise Conflict(message, code="version_has_responses")
    audit_log(actor=actor, action="documents.version.remove", target=version, data={"number": version.number})
    try:
        with transaction.atomic():
            version.delete()
    except ProtectedError as error:  # a comment arrived since the check
        raise _has_comments() from error


def _has_comments() -> Conflict:
    message = _("Comments were made on this version, so it cannot be removed. Upload a corrected version instead.")
    return Conflict(message, code="version_has_comments")


def _version_write(
    document: Document, draft: ParsedDraft, previous: Version | None, note_th: str, note_en: str
) -> Version:
    version = Version.objects.create(
        document=document, number=(previous.number + 1) if previous else 1, note_th=note_th.strip(),
        note_en=note_en.strip(), source_format=draft.source_format,
    )  # fmt: skip
    _store(version, draft, previous)
    return version


def _store(version: Version, draft: ParsedDraft, previous: Version | None) -> None:
    """The version's sections and paragraphs, and their topics, in a handful of bulk inserts."""
    anchoring = anchors_for(previous, draft)
    sections = Section.objects.bulk_create(
        Section(version=version, anchor=anchor, order=order, level=parsed.level, title=parsed.title[:500])
        for order, (parsed, anchor) in enumerate(zip(draft.sections, anchoring.sections, strict=True))
    )
    pieces = [
        (section, parsed)
        for section, found in zip(sections, draft.sections, strict=True)
        for parsed in found.paragraphs
    ]
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(version=version, section=section, anchor=anchor, order=order, is_list_item=parsed.is_list_item,
                  text=parsed.text)
        for order, ((section, parsed), anchor) in enumerate(zip(pieces, anchoring.paragraphs, strict=True))
    )  # fmt: skip
    _topics_link(Section, zip(sections, (parsed.domains for parsed in draft.sections), strict=True), draft)
    _topics_link(Paragraph, zip(paragraphs, (parsed.domains for _section, parsed in pieces), strict=True), draft)


def _topics_link(
    model: type[Section] | type[Paragraph], tagged: Iterable[tuple[Any, list[str]]], draft: ParsedDraft
) -> None:
    through: Any = model.topics.through
    field = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        through(**{field: row.pk, "topic_id": draft.topics[key].pk})
        for row, keys in tagged
        for key in dict.fromkeys(keys)
    )
