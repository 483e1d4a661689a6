"""Login throttling that a flood cannot turn into a lockout of a known staff member (decision 11).

A try comes from an *origin*: the browser's device cookie when it has logged in to this account before, else the
client's address (IPv6 by /64). An origin is *known* for an account when that browser or that address logged in to
it successfully (password and, when enrolled, the code) within the last ORIGIN_DAYS.

Before any password is hashed:
- unknown origins: at most `login_address` tries per address, and at most `login_site` password checks a minute on
  the whole site (a flood from many addresses costs bounded CPU);
- every origin: at most `login_failures` failures per account and origin in the window;
- unknown origins: none while the account has had `login_account` failures in the window (the account is being
  attacked); known origins go on trying, so the right password from a known browser or address still passes.
Refused tries hash nothing. Counters hold keyed hashes of user names, never the names.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from rapfang.accounts.models import LoginOrigin, User
from rapfang.core.http import client_ip
from rapfang.core.ratelimit import Decision, address_key, identity_key, ratelimit_hit, ratelimit_peek, rule

DEVICE_COOKIE = "rapfang_device"
DEVICE_SALT = "rapfang.accounts.device"
DEVICE_DAYS = 180
ORIGIN_DAYS = 90
ALLOWED = Decision(allowed=True, remaining=0, retry_after=0)


@dataclass(frozen=True)
class LoginTry:
    account: str  # keyed hash of the user name as typed, in lower case
    address: str  # the client's address key
    device: str  # this browser's device token ("" before its first successful login)
    known: bool  # the origin logged in to this account before

    @property
    def origin(self) -> str:
        return f"dev:{self.device}" if self.known and self.device else f"ip:{self.address}"


def device_read(request: HttpRequest) -> tuple[str, list[int]]:
    """The browser's device token and the accounts it logged in to, from its signed cookie."""
    try:
        value = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_DAYS * 86400)
        return str(value["d"]), [int(pk) for pk in value["u"]][:20]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "", []


def device_remember(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """After a successful login: this browser is known to `user` from now on."""
    token, users = device_read(request)
    value = {"d": token or secrets.token_urlsafe(16), "u": [user.pk, *[pk for pk in users if pk != user.pk]][:20]}
    response.set_cookie(
        DEVICE_COOKIE, signing.dumps(value, salt=DEVICE_SALT), max_age=DEVICE_DAYS * 86400, httponly=True,
        secure=settings.SESSION_COOKIE_SECURE, samesite="Lax",
    )  # fmt: skip


def login_try(request: HttpRequest, username: str) -> LoginTry:
    address = address_key(client_ip(request))
    token, users = device_read(request)
    user = User.objects.filter(username=username).only("pk").first()
    since = timezone.now() - timedelta(days=ORIGIN_DAYS)
    known = user is not None and (
        user.pk in users
        or LoginOrigin.objects.filter(user=user, address_key=identity_key(address), last_success_at__gte=since).exists()
    )
    return LoginTry(account=identity_key(username), address=address, device=token, known=known)


def login_check(attempt: LoginTry) -> Decision:
    """Whether this try may have its password checked now; counts it against the address and site budgets."""
    if not attempt.known:
        decision = ratelimit_hit(key=f"login:ip:{attempt.address}", limit=rule("login_address"))
        if not decision.allowed:
            return decision
    decision = ratelimit_peek(key=f"login:fail:{attempt.account}:{attempt.origin}", limit=rule("login_failures"))
    if not decision.allowed or attempt.known:
        return decision
    decision = ratelimit_peek(key=f"login:account:{attempt.account}", limit=rule("login_account"))
    if not decision.allowed:
        return decision
    return ratelimit_hit(key="login:site", limit=rule("login_site"))


def login_failed(attempt: LoginTry) -> None:
    """Count a wrong password against the account from this origin, and against the account."""
    ratelimit_hit(key=f"login:fail:{attempt.account}:{attempt.origin}", limit=rule("login_failures"))
    ratelimit_hit(key=f"login:account:{attempt.account}", limit=rule("login_account"))


def login_succeeded(attempt: LoginTry, user: User) -> LoginTry:
    """Remember the address as a known origin of `user` (the caller sets the device cookie)."""
    LoginOrigin.objects.update_or_create(
        user=user, address_key=identity_key(attempt.address), defaults={"last_success_at": timezone.now()}
    )
    return replace(attempt, known=True)


def code_check(user: User) -> Decision:
    return ratelimit_peek(key=f"login:code:{user.pk}", limit=rule("login_code"))


def code_failed(user: User) -> None:
    ratelimit_hit(key=f"login:code:{user.pk}", limit=rule("login_code"))
