"""Follows (an e-mail address follows a consultation or an agency) and the alerts sent to them, once each."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency
from rapfang.comments.models import Comment
from rapfang.consultations.models import Consultation
from rapfang.core.receiptmail import MAIL_ATTEMPTS


class Follow(models.Model):
    """An e-mail address follows one consultation or one agency (all its consultations).

    Double opt-in: nothing is sent but the confirmation until the person opens the link in it (`confirmed_at`).
    `token` is the random secret of the confirmation and unsubscribe links. Unsubscribing empties the address (it is
    kept no longer than it is needed) and keeps the row with `unsubscribed_at`, so that its link still answers;
    following again makes a new follow with a new token.
    """

    email = models.EmailField(_("e-mail"))
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    language = models.CharField(_("language"), max_length=5, default="th")
    token = models.CharField(_("link token"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("asked at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(consultation__isnull=False, agency__isnull=True)
                | Q(consultation__isnull=True, agency__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["email", "consultation"],
                condition=Q(consultation__isnull=False) & ~Q(email=""),
                name="follow_consultation_once",
            ),
            models.UniqueConstraint(
                fields=["email", "agency"], condition=Q(agency__isnull=False) & ~Q(email=""), name="follow_agency_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {'consultation' if self.consultation_id else 'agency'}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Moment(models.TextChoices):
    OPENS = "opens", _("The comment period opens")
    CLOSES_SOON = "closes_soon", _("Three days before the comment period closes")
    HEARING_SOON = "hearing_soon", _("Three days before the hearing")
    RESPONSES = "responses", _("Responses published")
    REPORT = "report", _("Summary report published")
    COUNTED = "counted", _("A comment was counted in a published response")


class Alert(models.Model):
    """One message owed at one moment: to a follow (about one consultation), or to a commenter (their comment was
    counted). Unique per follow, consultation and moment, and per comment and moment, so that a moment is sent once
    even with many workers and after a restart. The row is its own outbox: a worker claims it by moving `due_at`,
    sends, and sets `sent_at`; a failed send is tried again later, a few times (as `hearings.MailOutbox`)."""

    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(_("moment"), max_length=16, choices=Moment.choices)
    moment_at = models.DateTimeField(_("moment"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    MAX_ATTEMPTS = MAIL_ATTEMPTS

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow__isnull=False, comment__isnull=True) | Q(follow__isnull=True, comment__isnull=False),
                name="alert_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["follow", "consultation", "moment"], condition=Q(follow__isnull=False), name="alert_follow_once"
            ),
            models.UniqueConstraint(
                fields=["comment", "moment"], condition=Q(comment__isnull=False), name="alert_comment_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.moment} → {self.follow_id or self.comment_id}"
