"""Background jobs of comments: the receipt by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from rapfang.comments.models import Comment


@task()
def comment_receipt_mail(comment_id: int) -> None:
    """Send the receipt to the address the commenter gave, in the language they wrote in."""
    comment = Comment.objects.select_related("consultation__agency").filter(pk=comment_id).first()
    if comment is None or not comment.email:
        return
    consultation = comment.consultation
    with translation.override(comment.language):
        subject = _("Your comment was received: %(receipt)s") % {"receipt": comment.receipt}
        receipt_url = settings.SITE_URL + reverse("comments:receipt", args=[comment.receipt])
        context = {"comment": comment, "consultation": consultation, "thai_digits": consultation.thai_digits,
                   "receipt_url": receipt_url}  # fmt: skip
        body = render_to_string("comments/receipt_mail.txt", context)
    send_mail(subject, body, None, [comment.email])
