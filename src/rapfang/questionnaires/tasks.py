"""Background jobs of questionnaires: the receipt by e-mail, and the purge of answerers' names and addresses."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from rapfang.core.actors import SYSTEM
from rapfang.core.receiptmail import receipt_mail_retried, receipt_mail_send
from rapfang.questionnaires.models import Answer


@task()
def answer_receipt_mail(answer_id: int, attempt: int = 1) -> None:
    """Send the receipt to the address the answerer gave, in the language they answered in (tried again later when
    the mail server refuses it or is away)."""
    answer = Answer.objects.select_related("consultation__agency").filter(pk=answer_id).first()
    if answer is None or not answer.email:
        return
    consultation = answer.consultation
    with receipt_mail_retried(answer_receipt_mail, answer_id, attempt):
        receipt_mail_send(
            to=answer.email, language=answer.language, receipt=answer.receipt,
            subject=_("Your answers to the questionnaire were received: %(receipt)s"),
            template="questionnaires/receipt_mail.txt",
            context=lambda: {"answer": answer, "consultation": consultation, "thai_digits": consultation.thai_digits,
                     "receipt_url": settings.SITE_URL + reverse("questionnaires:receipt", args=[answer.receipt])},
        )  # fmt: skip


@task()
def answerers_purge() -> int:
    """Remove answerers' names and e-mail addresses the configured number of days after the comment period."""
    from rapfang.questionnaires.moderation import answerers_purge as purge

    return purge(actor=SYSTEM)
