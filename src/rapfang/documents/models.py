"""Downloadable attachments of a consultation (agenda, drafts, forms)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation
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
