"""A consultation's questionnaire: its questions (on the whole draft or one section), their choices, and the
answers people send under the same rules as a comment (the period, who speaks, consent, a receipt, moderation)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.comments.models import CommentChannel, CommentStatus, Identity, ModerationReason
from rapfang.consultations.models import Consultation

SCALE_MIN = 1


class QuestionKind(models.TextChoices):
    AGREE = "agree", _("Agree, disagree or not sure, with a reason")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale")
    TEXT = "text", _("Free text")


class Stance(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    NOT_SURE = "not_sure", _("Not sure")


class Question(models.Model):
    """One question of a consultation's questionnaire, on the whole draft or on one section (by its stable anchor)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    section_anchor = models.CharField(_("section"), max_length=24, blank=True)
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveIntegerField(_("order"), default=0)
    text_th = models.CharField(_("question (Thai)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    help_th = models.CharField(_("explanation (Thai)"), max_length=500, blank=True)
    help_en = models.CharField(_("explanation (English)"), max_length=500, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest point of the scale"), default=5)
    low_label_th = models.CharField(_("meaning of the lowest point (Thai)"), max_length=100, blank=True)
    low_label_en = models.CharField(_("meaning of the lowest point (English)"), max_length=100, blank=True)
    high_label_th = models.CharField(_("meaning of the highest point (Thai)"), max_length=100, blank=True)
    high_label_en = models.CharField(_("meaning of the highest point (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gte=2, scale_max__lte=10), name="question_scale_2_to_10"
            )
        ]

    def __str__(self) -> str:
        return self.text_th[:80]

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("order"), default=0)
    text_th = models.CharField(_("choice (Thai)"), max_length=300)
    text_en = models.CharField(_("choice (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text_th[:80]

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.question.consultation_id, None


class Answer(Identity):
    """One person's answers to a consultation's questionnaire, with a comment's identity rules and its own receipt.
    The status moderates the written reasons and free texts: they are shown to the public only once published."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    channel = models.CharField(_("channel"), max_length=10, choices=CommentChannel.choices)
    receipt = models.CharField(_("receipt number"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices)
    is_late = models.BooleanField(_("accepted late"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    language = models.CharField(_("language"), max_length=5, default="th")
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, blank=True)
    fingerprint = models.CharField(_("fingerprint of the content"), max_length=64, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=20, choices=ModerationReason.choices, blank=True)
    moderated_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    has_personal_data = models.BooleanField(_("personal data found in the text"), default=False)
    erased_at = models.DateTimeField(_("erased under the PDPA at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("name and e-mail removed at (retention)"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo material"), default=False)

    class Meta:
        verbose_name = _("answer to the questionnaire")
        verbose_name_plural = _("answers to the questionnaire")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["consultation", "status", "submitted_at"], name="answer_public")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="answer_key_once",
            )
        ]

    def __str__(self) -> str:
        return self.receipt


class AnswerItem(models.Model):
    """One answer to one question: a stance, a choice (one row per choice of a multiple choice), a point on the
    scale, and the written reason or free text."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="items")
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.PROTECT, related_name="items")
    value = models.PositiveSmallIntegerField(_("point on the scale"), null=True, blank=True)
    text = models.TextField(_("reason or text"), blank=True)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to a question")
        ordering = ["question__position", "question_id", "id"]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.question_id}"

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.question.consultation_id, None
