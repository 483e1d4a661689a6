"""Base models and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.core import thai
from rapfang.core.i18n import current_language


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write done through a service: who did what, when, to which object."""

    # The moment of the write it records: set when the entry is made, or given (a comment's entry, written by the
    # comment's follow-up, keeps the moment the comment was taken).
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_kind = models.CharField(_("acting as"), max_length=12, default="system")
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # Where the target belongs, kept as plain numbers: an entry outlives the rows it names.
    consultation_id = models.PositiveIntegerField(_("consultation"), null=True, blank=True, db_index=True)
    agency_id = models.PositiveIntegerField(_("agency"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        """The entry's time in Bangkok (B.E. in Thai), to the second, its action and object."""
        if self.at is None:
            return f"{self.action} {self.object_repr}".strip()
        local = thai.to_bangkok(self.at)
        day = thai.format_date(local, lang=current_language(), style="short")
        return f"{day} {local:%H:%M:%S} {self.action} {self.object_repr}".strip()


class DailyRun(models.Model):
    """A daily job queued on a day (Bangkok date): at most one row per job and day, whatever the number of workers."""

    job = models.CharField(_("job"), max_length=200)
    day = models.DateField(_("day"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily job run")
        verbose_name_plural = _("daily job runs")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="daily_run_once")]

    def __str__(self) -> str:
        return f"{self.day} {self.job}"


class RateCounter(models.Model):
    """Hits on one rate-limit key in one window, when there is no Redis (core.hitcounter). No personal data: keys
    name an address or a hashed e-mail, never the e-mail itself."""

    name = models.CharField(_("key"), max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    expires = models.BigIntegerField(_("expires (Unix time)"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.name}: {self.hits}"


class WorkerHeartbeat(models.Model):
    """A job worker's sign of life, refreshed every few seconds (core.heartbeat) and read by `/readyz`."""

    name = models.CharField(_("worker"), max_length=200, unique=True)
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("job worker heartbeat")
        verbose_name_plural = _("job worker heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.seen_at:%Y-%m-%d %H:%M:%S}"
