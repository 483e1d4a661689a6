"""Events under a consultation: the public hearing, and the activities that prepared the draft."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel


class EventKind(models.TextChoices):
    HEARING = "hearing", _("Public hearing")
    WORKSHOP = "workshop", _("Brainstorming workshop")
    INTERVIEW = "interview", _("In-depth interview")
    DESK_STUDY = "desk_study", _("Study of plans and policies")


class Event(TimeStampedModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.HEARING)
    is_main = models.BooleanField(
        _("main hearing"),
        default=False,
        help_text=_("Its dates are the hearing and registration on the timeline."),
    )
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    panel_th = models.CharField(_("panel discussion (Thai)"), max_length=400, blank=True)
    panel_en = models.CharField(_("panel discussion (English)"), max_length=400, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_th = models.CharField(_("venue (Thai)"), max_length=400, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=400, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    invited_th = models.CharField(_("who is invited (Thai)"), max_length=400, blank=True)
    invited_en = models.CharField(_("who is invited (English)"), max_length=400, blank=True)
    occurrences = models.PositiveSmallIntegerField(_("number of sessions"), default=1)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_required = models.BooleanField(_("registration open to the public"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    accepts_online = models.BooleanField(_("registration online"), default=True)
    accepts_fax = models.BooleanField(_("reply form by fax"), default=False)
    accepts_email = models.BooleanField(_("reply form by e-mail"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            models.UniqueConstraint(fields=["consultation"], condition=Q(is_main=True), name="event_one_main"),
        ]

    def __str__(self) -> str:
        return localized(self, "title")
