"""Analysis results stored with the comments: runs, duplicate groups (campaigns), topic clusters, per-comment rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation, Topic


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class RunStage(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    READING = "reading", _("Reading the comments")
    NORMALISE = "normalise", _("Normalising the text")
    SEGMENT = "segment", _("Segmenting words")
    DEDUP = "dedup", _("Finding campaigns")
    CLUSTER = "cluster", _("Grouping topics")
    CLASSIFY = "classify", _("Assigning domains")
    STORE = "store", _("Saving the results")
    DONE = "done", _("Done")


class AnalysisRun(models.Model):
    """One analysis of a consultation's comments, with its progress (0-100), counts and timings per stage."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="analysis_runs")
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=12, choices=RunStage.choices, default=RunStage.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    comments = models.PositiveIntegerField(_("comments analysed"), default=0)
    segmented = models.PositiveIntegerField(_("comments segmented anew"), default=0)
    reused = models.PositiveIntegerField(_("comments whose words were reused"), default=0)
    groups = models.PositiveIntegerField(_("duplicate groups"), default=0)
    clusters = models.PositiveIntegerField(_("topic clusters"), default=0)
    with_domain = models.PositiveIntegerField(_("comments with a domain"), default=0)
    timings = models.JSONField(_("seconds per stage"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["consultation", "status"], name="analysis_run_state")]

    def __str__(self) -> str:
        return f"{self.consultation_id}#{self.pk} {self.status} {self.progress}%"


class DuplicateGroup(models.Model):
    """A campaign: comments with the same or nearly the same text; one representative, a count, its variants."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="duplicate_groups")
    representative = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    size = models.PositiveIntegerField(_("comments"), default=0)
    variants = models.PositiveIntegerField(_("distinct texts"), default=0)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    class Meta:
        verbose_name = _("duplicate group")
        verbose_name_plural = _("duplicate groups")
        ordering = ["-size", "id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}/G{self.pk} ({self.size})"


class TopicCluster(models.Model):
    """A topic: comments that use the same words; numbered per consultation, replaced by each run."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="topic_clusters")
    number = models.PositiveIntegerField(_("number"))
    representative = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    size = models.PositiveIntegerField(_("comments"), default=0)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    class Meta:
        verbose_name = _("topic cluster")
        verbose_name_plural = _("topic clusters")
        ordering = ["-size", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="topic_cluster_number")]

    def __str__(self) -> str:
        return f"{self.consultation_id}/T{self.number} ({self.size})"


class CommentAnalysis(models.Model):
    """What the analysis found for one comment; staff's moves (``*_by_staff``) survive later runs."""

    comment = models.OneToOneField(Comment, primary_key=True, on_delete=models.CASCADE, related_name="analysis")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(AnalysisRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_hash = models.CharField(_("hash of the analysed text"), max_length=32)
    text_key = models.CharField(_("key of the exact text"), max_length=32)
    tokens = models.TextField(_("words"), blank=True)
    group = models.ForeignKey(DuplicateGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    is_representative = models.BooleanField(_("representative of its group"), default=False)
    group_by_staff = models.BooleanField(_("group set by staff"), default=False)
    cluster = models.ForeignKey(TopicCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    domain = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    domain_by_staff = models.BooleanField(_("domain set by staff"), default=False)
    confidence = models.FloatField(_("confidence"), default=0.0)
    closest_domains = models.JSONField(_("closest topics"), default=list, blank=True)  # [[key, score], ...]
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    class Meta:
        verbose_name = _("comment analysis")
        verbose_name_plural = _("comment analyses")
        indexes = [
            models.Index(fields=["consultation", "domain"], name="analysis_domain"),
            models.Index(fields=["consultation", "group"], name="analysis_group"),
            models.Index(fields=["consultation", "cluster"], name="analysis_cluster"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: G{self.group_id} T{self.cluster_id} {self.domain_id}"
