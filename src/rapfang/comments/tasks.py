"""Background jobs of comments: the receipt by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from rapfang.comments.models import Comment


@task()
def comment_receipt_mail(comment_id: int) -> None:
    """Send the receipt to the address the commenter gave, in the language they wrote in."""
    comment = Comment.objects.select_related("consultation").filter(pk=comment_id).first()
    if comment is None or not comment.email:
        return
    with translation.override(comment.language):
        subject = _("Your comment was received: %(receipt)s") % {"receipt": comment.receipt}
        body = render_to_string(
            "comments/receipt_mail.txt",
            {"comment": comment, "consultation": comment.consultation, "site_url": settings.SITE_URL},
        )
    send_mail(subject, body, None, [comment.email])
