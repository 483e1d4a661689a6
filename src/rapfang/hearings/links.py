"""Signed links that let a registrant see, change or cancel a registration without an account."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from rapfang.core.errors import NotFound
from rapfang.hearings.models import Registration

SALT = "rapfang.hearings.registration"


def registration_token(registration: Registration) -> str:
    return signing.Signer(salt=SALT).sign(registration.reference)


def registration_from_token(token: str) -> Registration:
    try:
        reference = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature as error:
        raise NotFound() from error
    try:
        return Registration.objects.select_related("event__consultation__agency").get(reference=reference)
    except Registration.DoesNotExist as error:
        raise NotFound() from error


def registration_url(registration: Registration, name: str = "hearings:registration", absolute: bool = True) -> str:
    """The registrant's page (or one of its actions) in the registrant's language."""
    with translation.override(registration.language or "th"):
        path = reverse(name, args=[registration_token(registration)])
    return settings.SITE_URL + path if absolute else path
