"""The links a participant receives: confirm or end a follow (by the follow's random token), and the signed link to
"my participation" (an e-mail address signed with the time it was asked for, valid for 24 hours)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from rapfang.core.errors import NotFound

MINE_SALT = "rapfang.participation.mine"
MINE_SECONDS = 24 * 3600


def site_url(name: str, *args: object, language: str = "th") -> str:
    """An absolute address of the site, in `language` (Thai at /, English at /en/)."""
    with translation.override(language or "th"):
        return settings.SITE_URL + reverse(name, args=list(args))


def mine_token(email: str) -> str:
    return signing.dumps(email.strip().lower(), salt=MINE_SALT, compress=True)


def mine_email(token: str) -> str:
    """The address a "my participation" link was made for; NotFound when the link is altered or older than 24 h."""
    try:
        return str(signing.loads(token, salt=MINE_SALT, max_age=MINE_SECONDS))
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise NotFound(code="link_expired") from error
