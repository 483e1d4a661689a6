"""Background jobs of questionnaires: the receipt by e-mail, and the purge of answerers' names and addresses."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from rapfang.core.actors import SYSTEM
from rapfang.questionnaires.models import Answer


@task()
def answer_receipt_mail(answer_id: int) -> None:
    """Send the receipt to the address the answerer gave, in the language they answered in."""
    answer = Answer.objects.select_related("consultation__agency").filter(pk=answer_id).first()
    if answer is None or not answer.email:
        return
    consultation = answer.consultation
    with translation.override(answer.language):
        subject = _("Your answers to the questionnaire were received: %(receipt)s") % {"receipt": answer.receipt}
        receipt_url = settings.SITE_URL + reverse("questionnaires:receipt", args=[answer.receipt])
        context = {"answer": answer, "consultation": consultation, "thai_digits": consultation.thai_digits,
                   "receipt_url": receipt_url}  # fmt: skip
        body = render_to_string("questionnaires/receipt_mail.txt", context)
    send_mail(subject, body, None, [answer.email])


@task()
def answerers_purge() -> int:
    """Remove answerers' names and e-mail addresses the configured number of days after the comment period."""
    from rapfang.questionnaires.moderation import answerers_purge as purge

    return purge(actor=SYSTEM)
