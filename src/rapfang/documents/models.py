"""Downloadable attachments of a consultation (agenda, drafts, forms)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation, Topic
from rapfang.core.files import JPEG, PNG, WEBP
from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel


class AttachmentKind(models.TextChoices):
    AGENDA = "agenda", _("Event agenda")
    REPLY_FORM = "reply_form", _("Reply form")
    DRAFT_SUMMARY = "draft_summary", _("Draft (summary)")
    DRAFT_DETAILED = "draft_detailed", _("Draft (detailed)")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


def attachment_path(instance: Attachment, filename: str) -> str:
    """Stored under a random name; the public name is kept in `filename`."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"attachments/{instance.consultation_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(TimeStampedModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_public = models.BooleanField(_("in the public download list"), default=True)
    is_demo = models.BooleanField(_("demo material"), default=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return localized(self, "title")

    @property
    def format_label(self) -> str:
        """The file's format in a word: PDF, DOCX, XLSX, PNG, JPEG, WebP."""
        names = {PNG: "PNG", JPEG: "JPEG", WEBP: "WebP"}
        return names.get(self.content_type) or PurePath(self.filename).suffix.lstrip(".").upper()


class Document(TimeStampedModel):
    """A consultation's draft, read and commented on in the browser; it has versions."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo material"), default=False)

    class Meta:
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["consultation", "slug"], name="document_unique_slug")]

    def __str__(self) -> str:
        return localized(self, "title")


class SourceFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    MARKDOWN = "markdown", "Markdown"
    TEXT = "text", _("Plain text")


class Version(models.Model):
    """One version of a draft: its sections and paragraphs. The highest number is the current one."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    note_th = models.CharField(_("note (Thai)"), max_length=400, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=400, blank=True)
    source_format = models.CharField(_("imported from"), max_length=10, choices=SourceFormat.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")]

    def __str__(self) -> str:
        return str(_("%(document)s, version %(number)s") % {"document": self.document, "number": self.number})

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.document.consultation_id, None


class Section(models.Model):
    """A heading of a version and what follows it; `anchor` stays the same across versions."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    anchor = models.CharField(_("anchor"), max_length=24)
    order = models.PositiveIntegerField(_("order"))
    level = models.PositiveSmallIntegerField(_("heading level"), default=1)
    title = models.CharField(_("title"), max_length=500)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "anchor"], name="section_unique_anchor")]

    def __str__(self) -> str:
        return self.title


class Paragraph(models.Model):
    """One paragraph (or list item) of a section; `anchor` stays the same while its text is kept."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs")
    anchor = models.CharField(_("anchor"), max_length=24)
    order = models.PositiveIntegerField(_("order"))
    is_list_item = models.BooleanField(_("list item"), default=False)
    text = models.TextField(_("text"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "anchor"], name="paragraph_unique_anchor")]

    def __str__(self) -> str:
        return self.text[:80]
