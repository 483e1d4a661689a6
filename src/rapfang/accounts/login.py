"""Logging in: the password behind the throttle, then the second factor when the account has one.

The views call these; the session carries a login whose password was right and whose code is still owed
(`PENDING`, for PENDING_SECONDS), and, once logged in, the state of the second factor (`FACTOR`):
"verified" (a code was given), "none" (not enrolled, not required), or "enrol" (required, not yet enrolled).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse

from rapfang.accounts.models import User
from rapfang.accounts.second_factor import second_factor_of, second_factor_required
from rapfang.accounts.throttle import (
    LoginTry,
    device_remember,
    login_check,
    login_failed,
    login_succeeded,
    login_try,
)
from rapfang.core.audit import audit_log
from rapfang.core.ratelimit import Decision

logger = logging.getLogger(__name__)
PENDING = "rapfang_login_pending"
FACTOR = "rapfang_second_factor"
PENDING_SECONDS = 300


@dataclass(frozen=True)
class PasswordOutcome:
    user: User | None
    attempt: LoginTry
    refused: Decision | None = None


def login_password(request: HttpRequest, *, username: str, password: str) -> PasswordOutcome:
    """Check the password unless the throttle refuses the try first (then nothing is hashed)."""
    username = username_as_stored(username)
    attempt = login_try(request, username)
    decision = login_check(attempt)
    if not decision.allowed:
        logger.info("login refused by the throttle (retry after %s s)", decision.retry_after)
        return PasswordOutcome(None, attempt, decision)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        login_failed(attempt)
        return PasswordOutcome(None, attempt)
    return PasswordOutcome(user, attempt)


def username_as_stored(typed: str) -> str:
    """The username of the account that `typed` names, letter case aside (a username is nearly always an e-mail
    address, which a telephone's keyboard starts with a capital), so that the throttle counts one account's tries
    however they are typed; `typed` itself when no account or more than one has it."""
    typed = typed.strip()
    found = list(User.objects.filter(username__iexact=typed).values_list("username", flat=True)[:2]) if typed else []
    return found[0] if len(found) == 1 else typed  # an exact match is tried as typed


def login_pending_set(request: HttpRequest, user: User) -> None:
    request.session[PENDING] = {"user": user.pk, "at": time.time(), "backend": user.backend}  # type: ignore[attr-defined]


def login_pending_user(request: HttpRequest) -> User | None:
    """The user whose password was right and who owes a code; or a logged-in user whose session owes one."""
    pending = request.session.get(PENDING)
    if pending and time.time() - float(pending["at"]) <= PENDING_SECONDS:
        return User.objects.filter(pk=pending["user"], is_active=True).first()
    if request.user.is_authenticated and request.session.get(FACTOR) == "pending":
        return request.user
    return None


def factor_state(user: User) -> str:
    """What a new session of `user` owes: a code ("pending"), an enrolment ("enrol"), or nothing ("none")."""
    if second_factor_of(user) is not None:
        return "pending"
    return "enrol" if second_factor_required(user) else "none"


def factor_state_on_login(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    """On `user_logged_in`: what the new session owes; the login page sets "verified" itself after a code."""
    if request is not None and hasattr(request, "session"):
        request.session[FACTOR] = factor_state(user)


def login_complete(request: HttpRequest, user: User, response: HttpResponse, *, verified: bool) -> HttpResponse:
    """Log `user` in, remember this browser and address as known to the account, and audit the login."""
    backend = (request.session.get(PENDING) or {}).get("backend") or getattr(user, "backend", None)
    login(request, user, backend=backend)
    request.session.pop(PENDING, None)
    request.session[FACTOR] = "verified" if verified else factor_state(user)
    login_succeeded(login_try(request, user.username), user)
    device_remember(request, response, user)
    audit_log(actor=user, action="accounts.user.login", target=user, data={"second_factor": verified})
    return response
