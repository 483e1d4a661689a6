"""Writes about documents: one transaction and one audit entry each."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any, BinaryIO

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.selectors import user_can_organise
from rapfang.consultations.models import Consultation
from rapfang.core.audit import audit_log
from rapfang.core.errors import InvalidInput, PermissionDenied
from rapfang.core.files import DOCX, EXTENSIONS, PDF, XLSX, sniff_content_type
from rapfang.documents.models import Attachment, AttachmentKind

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
    if actor is not None and not user_can_organise(actor, consultation.agency_id):
        raise PermissionDenied()
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
    if actor is not None and not user_can_organise(actor, attachment.consultation.agency_id):
        raise PermissionDenied()
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
