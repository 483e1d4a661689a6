"""File types decided by content, never by the name a client gives."""

from __future__ import annotations

import io
import zipfile
from typing import BinaryIO

from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", PNG: ".png", JPEG: ".jpg", WEBP: ".webp"}
KB = 1024
MB = KB * 1024
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def sniff_content_type(stream: BinaryIO) -> str | None:
    """The type of the file from its first bytes (and, for Office files, its parts); None if unknown."""
    position = stream.tell()
    head = stream.read(12)
    stream.seek(position)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_ooxml(stream)
    return None


def _sniff_ooxml(stream: BinaryIO) -> str | None:
    position = stream.tell()
    try:
        with zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        stream.seek(position)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)


def size_text(size: int) -> str:
    """``812 B``, ``245 KB``, ``1.4 MB`` (one decimal under 10 MB)."""
    if size < KB:
        return _("%(size)s B") % {"size": size}
    if size < MB:
        return _("%(size)s KB") % {"size": max(1, round(size / KB))}
    megabytes = size / MB
    shown = f"{megabytes:.1f}" if megabytes < 10 else str(round(megabytes))
    return _("%(size)s MB") % {"size": shown}
