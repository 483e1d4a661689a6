"""A consultation (a public hearing on a draft plan or law), its timeline and its own taxonomy of topics."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, AgencyContact
from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel


class Instrument(models.TextChoices):
    """The kind of instrument a consultation's draft is: the public wording follows it."""

    PLAN = "plan", _("Plan")
    ACT = "act", _("Act")
    ROYAL_DECREE = "royal_decree", _("Royal decree")
    MINISTERIAL_REGULATION = "ministerial_regulation", _("Ministerial regulation")
    REGULATION = "regulation", _("Regulation")
    NOTIFICATION = "notification", _("Notification")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


DRAFT_OF: dict[str, Any] = {
    Instrument.PLAN: _("Draft plan"),
    Instrument.ACT: _("Draft act"),
    Instrument.ROYAL_DECREE: _("Draft royal decree"),
    Instrument.MINISTERIAL_REGULATION: _("Draft ministerial regulation"),
    Instrument.REGULATION: _("Draft regulation"),
    Instrument.NOTIFICATION: _("Draft notification"),
    Instrument.POLICY: _("Draft policy"),
    Instrument.OTHER: _("Draft"),
}


class OpenDataLicence(models.TextChoices):
    """Licences an agency may give its open data under; the default is Creative Commons Attribution 4.0."""

    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC0 = "CC0-1.0", _("Creative Commons Zero 1.0: public domain (CC0)")
    ODC_BY = "ODC-By-1.0", _("Open Data Commons Attribution Licence 1.0 (ODC-By)")
    ODBL = "ODbL-1.0", _("Open Data Commons Open Database Licence 1.0 (ODbL)")


LICENCE_URLS = {
    OpenDataLicence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    OpenDataLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    OpenDataLicence.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
    OpenDataLicence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}


class Consultation(TimeStampedModel):
    """A public hearing on a draft plan or law, from announcement to published result."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="consultations"
    )
    instrument = models.CharField(
        _("kind of instrument"), max_length=30, choices=Instrument.choices, default=Instrument.PLAN
    )
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    page_title_th = models.CharField(_("page title (Thai)"), max_length=400, blank=True)
    page_title_en = models.CharField(_("page title (English)"), max_length=400, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    summary_th = models.TextField(_("summary (Thai)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    rationale_th = models.TextField(_("rationale (Thai)"), blank=True)
    rationale_en = models.TextField(_("rationale (English)"), blank=True)
    followup_th = models.TextField(_("follow-up note (Thai)"), blank=True)
    followup_en = models.TextField(_("follow-up note (English)"), blank=True)
    page_date = models.DateField(_("page date"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("went live"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put live by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_period_reason = models.TextField(
        _("reason for a comment period shorter than the legal minimum"), blank=True, editable=False
    )
    contacts = models.ManyToManyField(
        AgencyContact,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="consultations",
        help_text=_("The agency's contact persons for this consultation, shown on its public page."),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    is_demo = models.BooleanField(_("demo material"), default=False)
    thai_digits = models.BooleanField(
        _("Thai digits"),
        default=False,
        help_text=_("Show numbers and dates in Thai digits, as in official documents."),
    )
    views = models.PositiveIntegerField(_("views"), default=0)
    open_data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=OpenDataLicence.choices,
        default=OpenDataLicence.CC_BY_4,
        help_text=_("The licence the open-data download and its datapackage.json name."),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-page_date", "-id"]

    def __str__(self) -> str:
        return localized(self, "title")

    @property
    def open_data_licence_url(self) -> str:
        return LICENCE_URLS.get(OpenDataLicence(self.open_data_licence), "")

    @property
    def draft_label(self) -> str:
        """The kind of draft in words, as the public pages name it: "Draft ministerial regulation"."""
        return str(DRAFT_OF.get(self.instrument, DRAFT_OF[Instrument.OTHER]))

    @property
    def draft_name(self) -> str:
        """How sentences on the public pages name the draft: "the draft ministerial regulation LF27" (with a short
        name), else its title."""
        if not self.short_name:
            return str(self)
        return _("the %(kind)s %(name)s") % {"kind": self.draft_label.lower(), "name": self.short_name}

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.pk, self.agency_id


class Topic(models.Model):
    """One topic of a consultation's own taxonomy (for the demo, the plan's digital capability domains).

    Organisers make them, or copy them from an earlier consultation. Comments are sorted into them by the analysis,
    paragraphs of the draft may be tagged with them, and issues, filters, reports and open data follow them.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="topics")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Lower-case Latin letters, digits and hyphens or underscores.")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True, help_text=_("Words that point to this topic, one a line."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "key"]
        constraints = [models.UniqueConstraint(fields=["consultation", "key"], name="topic_unique_key")]

    def __str__(self) -> str:
        return localized(self, "name")


class MilestoneKind(models.TextChoices):
    PREPARATION = "preparation", _("Preparation of the draft")
    ANNOUNCEMENT = "announcement", _("Announcement")
    REGISTRATION = "registration", _("Registration for the hearing")
    HEARING = "hearing", _("Hearing")
    COMMENTS = "comments", _("Online comment period")
    ANALYSIS = "analysis", _("Analysis of the comments")
    RESULTS = "results", _("Results published")
    ADOPTION = "adoption", _("Final text adopted")


class Milestone(models.Model):
    """One step of a consultation's timeline, with aware start and end (Asia/Bangkok on display)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(_("whole days"), default=False)
    month_precision = models.BooleanField(_("known to the month only"), default=False)
    note_th = models.CharField(_("note (Thai)"), max_length=400, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("timeline step")
        verbose_name_plural = _("timeline")
        ordering = ["starts_at", "ends_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="milestone_one_per_kind"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="milestone_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation.slug}: {self.get_kind_display()}"
