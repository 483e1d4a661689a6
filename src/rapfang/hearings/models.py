"""Events under a consultation (the public hearing, and the activities that prepared the draft),
their agenda, and the people who register for them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import AgencyContact, StakeholderType
from rapfang.consultations.models import Consultation
from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel
from rapfang.core.receiptmail import MAIL_ATTEMPTS


class EventKind(models.TextChoices):
    HEARING = "hearing", _("Public hearing")
    WORKSHOP = "workshop", _("Brainstorming workshop")
    INTERVIEW = "interview", _("In-depth interview")
    DESK_STUDY = "desk_study", _("Study of plans and policies")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("In person and online")


def https_only(value: str) -> None:
    """A joining link is given to registrants to open as it is: only an https address is accepted."""
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("The joining link must begin with https://."), code="https_only")


# Registration fields an event may ask for besides name, e-mail and consent (always asked).
OPTIONAL_FIELDS = ("organisation", "position", "stakeholder_type", "phone", "needs")


def default_asked_fields() -> list[str]:
    return list(OPTIONAL_FIELDS)


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
    month_precision = models.BooleanField(
        _("dates known to the month only"), default=False, help_text=_("Show the period as months, not days.")
    )
    venue_th = models.CharField(_("venue (Thai)"), max_length=400, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=400, blank=True)
    address_th = models.CharField(_("address (Thai)"), max_length=400, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=400, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON,
        help_text=_("Online or both: the joining link goes to registrants only, never to public pages."),
    )  # fmt: skip
    join_url = models.URLField(
        _("joining link (registrants only)"), max_length=500, blank=True, validators=[https_only],
        help_text=_("The meeting's https link, sent in the confirmation and shown on the registrant's own page."),
    )  # fmt: skip
    join_details_th = models.TextField(
        _("joining details (Thai)"), blank=True, help_text=_("Such as the meeting ID and passcode; registrants only.")
    )
    join_details_en = models.TextField(_("joining details (English)"), blank=True)
    invited_th = models.CharField(_("who is invited (Thai)"), max_length=400, blank=True)
    invited_en = models.CharField(_("who is invited (English)"), max_length=400, blank=True)
    occurrences = models.PositiveSmallIntegerField(_("number of sessions"), default=1)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_required = models.BooleanField(_("registration open to the public"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    registration_closed_early_at = models.DateTimeField(
        _("registration closed early at"), null=True, blank=True, help_text=_("Set when the organiser closes early.")
    )
    accepts_online = models.BooleanField(_("registration online"), default=True)
    accepts_fax = models.BooleanField(_("reply form by fax"), default=False)
    accepts_email = models.BooleanField(_("reply form by e-mail"), default=False)
    asked_fields = models.JSONField(
        _("fields asked of registrants"),
        default=default_asked_fields,
        blank=True,
        help_text=_("Any of: organisation, position, stakeholder_type, phone, needs."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"), null=True, blank=True, default=2, help_text=_("Empty: no reminder.")
    )
    contacts = models.ManyToManyField(AgencyContact, verbose_name=_("contact persons"), blank=True)
    # Counters written only by the registration services, with conditional UPDATEs.
    taken = models.PositiveIntegerField(_("confirmed seats"), default=0, editable=False)
    waitlist_last = models.PositiveIntegerField(_("last waitlist number"), default=0, editable=False)
    waitlist_left = models.PositiveIntegerField(_("left the waitlist"), default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(is_main=True),
                name="event_one_main",
                violation_error_message=_("This consultation already has a main hearing: only one event can be it."),
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "title")

    @property
    def online(self) -> bool:
        """Whether people may join over the internet (online only, or both)."""
        return self.attendance != Attendance.IN_PERSON

    @property
    def at_venue(self) -> bool:
        """Whether people may come to the venue (in person, or both)."""
        return self.attendance != Attendance.ONLINE


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    speakers_th = models.CharField(_("speakers (Thai)"), max_length=600, blank=True)
    speakers_en = models.CharField(_("speakers (English)"), max_length=600, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["order", "starts_at", "id"]

    def __str__(self) -> str:
        return localized(self, "title")

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.event.consultation_id, None


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short answer")
    LONG_TEXT = "long_text", _("Long answer")
    CHOICE = "choice", _("One of several options")
    YES_NO = "yes_no", _("Yes or no")


class EventQuestion(models.Model):
    """A question of the event's own, asked of every registrant besides the standard fields.

    Its key names the answer in the API's request body, in the import file's header and in the exports. The
    options of a choice are lines of text, Thai and English in the same order; an answer keeps the option's number,
    so that correcting an option's wording does not orphan the answers already given.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(
        _("key"),
        max_length=40,
        help_text=_("Lower-case Latin letters, digits and underscores, starting with a letter, such as transport."),
    )
    label_th = models.CharField(_("question (Thai)"), max_length=400)
    label_en = models.CharField(_("question (English)"), max_length=400, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    options_th = models.TextField(_("options (Thai)"), blank=True, help_text=_("For a choice: one option a line."))
    options_en = models.TextField(
        _("options (English)"), blank=True, help_text=_("The same options in English, in the same order.")
    )
    required = models.BooleanField(_("answer required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question for registrants")
        verbose_name_plural = _("questions for registrants")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "key"], name="event_question_key_unique")]

    def __str__(self) -> str:
        return localized(self, "label")

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.event.consultation_id, None

    def clean(self) -> None:
        from rapfang.hearings.questions import question_problems

        if problems := question_problems(self):
            raise ValidationError(problems)


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    API = "api", _("API")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("Telephone")
    WALK_IN = "walk_in", _("Walk-in")


OFFLINE_CHANNELS = (Channel.EMAIL, Channel.FAX, Channel.PAPER, Channel.PHONE)


class Registration(TimeStampedModel):
    """One person's place at an event. Personal fields are emptied when the registration is purged."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    waitlist_number = models.PositiveIntegerField(_("waitlist number"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    phone_key = models.CharField(max_length=40, blank=True, editable=False)
    needs = models.TextField(_("accessibility or dietary needs"), blank=True)
    answers = models.JSONField(_("answers to the event's questions"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=2, default="th")
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    scan = models.FileField(_("scanned reply form"), upload_to="hearings/replies/", blank=True)
    keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("keyed in by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    checked_in_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    # How a person was let in at the door when it was not simply a seat of theirs (hearings.services.checkin).
    beyond_capacity = models.BooleanField(
        _("admitted beyond capacity"), default=False, help_text=_("Let in at the door when every seat was taken.")
    )
    from_waitlist_at_door = models.BooleanField(_("came from the waitlist at the door"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waitlist at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=Q(status__in=ACTIVE) & ~Q(email_key=""),
                name="registration_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "phone_key"],
                condition=Q(status__in=ACTIVE) & ~Q(phone_key=""),
                name="registration_one_per_phone",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "waitlist_number"], name="registration_queue")]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.event.consultation_id, None


class PrivacyNotice(TimeStampedModel):
    """A version of the privacy notice that registrants consent to. A notice in force is never edited: a new text
    is a new version, in force from its own moment, so each consent names the exact words agreed to."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    text_th = models.TextField(_("text (Thai)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    in_force_from = models.DateTimeField(_("in force from"), help_text=_("At least one minute from now."))

    class Meta:
        verbose_name = _("privacy notice for registration")
        verbose_name_plural = _("privacy notices for registration")
        ordering = ["-in_force_from", "-id"]

    def __str__(self) -> str:
        return self.version


class MailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("confirmation")
    PROMOTED = "promoted", _("seat from the waitlist")
    CANCELLED = "cancelled", _("cancellation")
    REMINDER = "reminder", _("reminder")
    MESSAGE = "message", _("message from the organiser")
    REPEAT = "repeat", _("registered again")


class MailOutbox(models.Model):
    """A message a registrant is owed, written in the same transaction as the change that owes it.

    The job worker sends what is due every second (`services.outbox.mail_outbox_flush`) and deletes each row once
    its message is handed to the mail server; a failed send is tried again later, a few times.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=MailKind.choices)
    message = models.ForeignKey("EventMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="outbox")
    due_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    MAX_ATTEMPTS = MAIL_ATTEMPTS  # then the message is given up on, and the row stays with its last error

    class Meta:
        verbose_name = _("message waiting to be sent")
        verbose_name_plural = _("messages waiting to be sent")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.registration_id}"

    @property
    def given_up(self) -> bool:
        return self.attempts >= self.MAX_ATTEMPTS


class Audience(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed registrants")
    WAITLISTED = "waitlisted", _("People on the waitlist")
    ACTIVE = "active", _("Everyone registered: confirmed and on the waitlist")


class EventMessage(TimeStampedModel):
    """A message the organiser sent to an event's registrants, kept as written; each copy goes through the outbox.

    Registrants read it in the language they registered in: the English text when there is one, else the Thai.
    Those without an e-mail address are kept by id, for staff to telephone.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("to"), max_length=12, choices=Audience.choices)
    subject_th = models.CharField(_("subject (Thai)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_th = models.TextField(_("message (Thai)"))
    body_en = models.TextField(_("message (English)"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    mailed = models.PositiveIntegerField(_("e-mailed"), default=0)
    without_email = models.JSONField(_("registrations without an e-mail address"), default=list, blank=True)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject_th

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.event.consultation_id, None
