"""What the agency heard and did: issues (grouped comments), their responses, the summary report's versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.analysis.models import DuplicateGroup, TopicCluster
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation, Topic
from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel
from rapfang.documents.models import Paragraph


class Issue(TimeStampedModel):
    """A point raised in the comments, numbered per consultation; the comments that raise it are its members."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="issues")
    number = models.PositiveIntegerField(_("number"))
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    summary_th = models.TextField(_("what we heard (Thai)"), blank=True)
    summary_en = models.TextField(_("what we heard (English)"), blank=True)
    domain = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    representative = models.ForeignKey(
        Comment, verbose_name=_("representative comment"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    source_group = models.ForeignKey(
        DuplicateGroup, verbose_name=_("made from the campaign"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    source_cluster = models.ForeignKey(
        TopicCluster, verbose_name=_("made from the topic"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    comments: models.ManyToManyField[Comment, IssueComment] = models.ManyToManyField(
        Comment, through="IssueComment", related_name="issues", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="issue_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {localized(self, 'title')}"


class IssueComment(models.Model):
    """A comment counted under an issue. A comment may raise several issues."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="memberships")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="issue_memberships")
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment of an issue")
        verbose_name_plural = _("comments of issues")
        constraints = [models.UniqueConstraint(fields=["issue", "comment"], name="issue_comment_unique")]

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.comment_id}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


class Response(TimeStampedModel):
    """The agency's answer to an issue, with its reasons and the paragraphs it changed in a later version."""

    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="response")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reasons_th = models.TextField(_("reasons (Thai)"))
    reasons_en = models.TextField(_("reasons (English)"), blank=True)
    changed_paragraphs = models.ManyToManyField(
        Paragraph, verbose_name=_("paragraphs changed"), blank=True, related_name="responses"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.issue}: {self.get_decision_display()}"

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.issue.consultation_id, None


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being generated")
    READY = "ready", _("Ready for review")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a later version")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class WithdrawnFor(models.TextChoices):
    """Why a version was withdrawn, when the public is told (an organiser's own reason stays in the audit log)."""

    ERASURE = "erasure", _("A comment in it was erased at its author's request")


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    HTML = "html", "HTML"


def report_file_path(instance: ReportFile, filename: str) -> str:
    """Stored under a random name outside the web root; served by a view that checks publication."""
    return f"reports/{instance.report.consultation_id}/{uuid.uuid4().hex}.{instance.format}"


class Report(models.Model):
    """One version of the hearing summary report: generated by a job, reviewed, then published."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="reports")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    error = models.TextField(_("error"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="th")
    thai_digits = models.BooleanField(_("Thai digits"), default=False)
    legal_minimum_days = models.PositiveSmallIntegerField(_("legal minimum comment period (days)"), default=15)
    note = models.CharField(_("note on this version"), max_length=400, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_for = models.CharField(_("withdrawn because"), max_length=12, choices=WithdrawnFor.choices, blank=True)

    class Meta:
        verbose_name = _("hearing summary report")
        verbose_name_plural = _("hearing summary reports")
        ordering = ["consultation", "-number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="report_unique_number")]
        indexes = [models.Index(fields=["consultation", "status"], name="report_state")]

    def __str__(self) -> str:
        return f"{self.consultation_id} v{self.number} {self.status}"


class ReportFile(models.Model):
    """One format of a report version."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices)
    file = models.FileField(_("file"), upload_to=report_file_path, max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["report", "format"]
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="report_file_unique_format")]

    def __str__(self) -> str:
        return f"{self.report} {self.format}"
