"""Comments on a consultation's draft, their receipts, moderation and public flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import StakeholderType
from rapfang.consultations.models import Consultation
from rapfang.documents.models import Document, Version


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments are published after review")
    POST = "post", _("Post-moderation: comments are published at once and reviewed after")


class CommentPolicy(models.Model):
    """How a consultation takes comments. Without one, comments are pre-moderated."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="comment_policy")
    moderation = models.CharField(_("moderation"), max_length=10, choices=ModerationMode.choices)

    class Meta:
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policies")

    def __str__(self) -> str:
        return f"{self.consultation.slug}: {self.get_moderation_display()}"


class CommentChannel(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")
    LETTER = "letter", _("Letter")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


# Comments that are no longer counted anywhere the public reads (pages, search, API, analysis, report): hidden by a
# moderator or withdrawn by their author. The public surfaces filter on PUBLISHED; a count of comments "received"
# excludes these.
NOT_COUNTED = (CommentStatus.HIDDEN, CommentStatus.WITHDRAWN)


class ModerationReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive")
    PERSONAL_DATA = "personal_data", _("Personal data")
    OFF_TOPIC = "off_topic", _("Off-topic")


def comment_attachment_path(instance: Comment, filename: str) -> str:
    return f"comments/{instance.consultation_id}/{instance.receipt}{filename[filename.rfind('.') :][:6]}"


class Identity(models.Model):
    """Who speaks in a comment, an endorsement or answers to a questionnaire: a name, an organisation, or no one
    (anonymous); as which kind of stakeholder; the address the receipt goes to; when they agreed to the notice."""

    anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(_("consent to the personal data notice"), null=True, blank=True)

    class Meta:
        abstract = True


class Comment(Identity):
    """One comment: on the consultation, on a section or on a paragraph (by its stable anchor)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="comments")
    version = models.ForeignKey(Version, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    section_anchor = models.CharField(_("section"), max_length=24, blank=True)
    paragraph_anchor = models.CharField(_("paragraph"), max_length=24, blank=True)
    text = models.TextField(_("comment"))
    channel = models.CharField(_("channel"), max_length=10, choices=CommentChannel.choices)
    receipt = models.CharField(_("receipt number"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices)
    is_late = models.BooleanField(_("accepted late"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    language = models.CharField(_("language"), max_length=5, default="th")
    moderation_reason = models.CharField(_("reason"), max_length=20, choices=ModerationReason.choices, blank=True)
    # A hidden comment's reason in the moderator's own words, beside or instead of a fixed reason; the author
    # reads it on the receipt, so it must hold no personal data.
    moderation_note = models.CharField(_("reason in words"), max_length=500, blank=True)
    moderated_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag_count = models.PositiveIntegerField(_("flags from the public"), default=0)
    attachment = models.FileField(_("attachment"), upload_to=comment_attachment_path, max_length=200, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=120, blank=True)
    attachment_size = models.PositiveIntegerField(_("attachment size"), default=0)
    search_terms = models.TextField(_("search terms"), blank=True)
    has_personal_data = models.BooleanField(
        _("personal data found in the text"), default=False,
        help_text=_("An e-mail address, telephone number or national ID, masked on public pages."),
    )  # fmt: skip
    erased_at = models.DateTimeField(_("erased under the PDPA at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("name and e-mail removed at (retention)"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn by its author at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo material"), default=False)
    # Work owed after the intake (decision 22): the search terms and index row, and the receipt mail when one may be
    # sent. Written with the row, cleared by the job worker's follow-up (comments.followup) in one transaction.
    followup_due = models.BooleanField(_("search entry and mail still to be done"), default=False)
    receipt_mail_due = models.BooleanField(_("receipt mail still to be sent"), default=False)
    # The key it was sent under (the API's `Idempotency-Key`, the web form's own) and its content's fingerprint:
    # sent again under the same key within a day of `consent_at`, a submission gets this comment's receipt and
    # stores nothing (decision 19). A key is unique in a consultation, so two copies sent at once store one comment;
    # a key more than a day old is taken from its comment when a new one is sent under it.
    sent_under_key = models.CharField(_("idempotency key"), max_length=100, blank=True, default="")
    key_fingerprint = models.CharField(_("fingerprint of the content"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["consultation", "status", "submitted_at"], name="comment_public"),
            models.Index(fields=["consultation", "paragraph_anchor"], name="comment_paragraph"),
            models.Index(fields=["consultation", "section_anchor"], name="comment_section"),
            models.Index(fields=["status", "flag_count"], name="comment_queue"),
            models.Index(fields=["id"], condition=models.Q(followup_due=True), name="comment_followup_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "sent_under_key"], condition=~models.Q(sent_under_key=""),
                name="comment_sent_under_key_once",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.receipt


class CommentFlag(models.Model):
    """A member of the public asks moderators to look at a published comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=20, choices=ModerationReason.choices)
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason}"


class Endorsement(Identity):
    """A member of the public agrees with a published comment ("I agree with this comment"). One per e-mail address
    and comment (a unique constraint); the address is never shown. Under the same identity rules as a comment:
    named, as an organisation, or anonymous, with a stakeholder type and consent to the personal data notice."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="endorsements")
    receipt = models.CharField(_("receipt number"), max_length=40, unique=True)
    language = models.CharField(_("language"), max_length=5, default="th")
    created_at = models.DateTimeField(_("endorsed at"), db_index=True)
    erased_at = models.DateTimeField(_("erased under the PDPA at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("name and e-mail removed at (retention)"), null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "email"], condition=~models.Q(email=""), name="endorsement_once_per_email"
            )
        ]

    def __str__(self) -> str:
        return self.receipt

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.comment.consultation_id, None
