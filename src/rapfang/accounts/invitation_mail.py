"""The mail that invites a person to an agency's team, in the language the inviter chose for it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from rapfang.accounts.invitations import invitation_token
from rapfang.accounts.models import Invitation


def invitation_url(invitation: Invitation) -> str:
    """The absolute address of the invitation's page, in the invitation's language."""
    with translation.override(invitation.language or "th"):
        path = reverse("workspace:invitation_accept", args=[invitation_token(invitation)])
    return settings.SITE_URL + path


def invitation_message(invitation: Invitation) -> EmailMessage:
    inviter = invitation.invited_by
    with translation.override(invitation.language or "th"):
        context = {
            "invitation": invitation,
            "agency": invitation.agency,
            "role": invitation.get_role_display(),
            "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
            "link": invitation_url(invitation),
        }
        subject = " ".join(render_to_string("accounts/invitation_subject.txt", context).split())
        body = render_to_string("accounts/invitation_mail.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
