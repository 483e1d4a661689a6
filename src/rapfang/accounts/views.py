"""Staff login (password, then the second factor's code) and the second factor's page (enrol, new recovery codes,
turn off). Thai at /accounts/..., English at /en/accounts/...; errors beside their fields, with and without
JavaScript; refusals by the throttle are 429 with Retry-After."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from rapfang.accounts.forms import CodeForm, LoginForm
from rapfang.accounts.login import FACTOR, login_complete, login_password, login_pending_set, login_pending_user
from rapfang.accounts.models import User
from rapfang.accounts.second_factor import (
    WRONG_CODE,
    recovery_codes_renew,
    second_factor_enrol,
    second_factor_of,
    second_factor_remove,
    second_factor_required,
    second_factor_verify,
)
from rapfang.accounts.throttle import code_check, code_failed
from rapfang.accounts.totp import provisioning_uri, secret_new
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.ratelimit import Decision
from rapfang.core.refusals import minutes_to_wait, with_retry_after

SECRET = "rapfang_totp_secret"  # noqa: S105 (the session key under which an enrolment's secret waits)
ISSUER = "rapfang"


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    hosts = {request.get_host()}
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts=hosts, require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _too_many(decision: Decision) -> str:
    minutes = minutes_to_wait(decision.retry_after)
    return ngettext(
        "Too many login attempts. Please try again in about a minute.",
        "Too many login attempts. Please try again in about %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _page(request: HttpRequest, template: str, context: dict[str, Any], refused: Decision | None) -> HttpResponse:
    response = render(request, template, {"next": _next(request), **context}, status=429 if refused else 200)
    return with_retry_after(response, refused.retry_after) if refused else response


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        outcome = login_password(request, **form.cleaned_data)
        if outcome.refused:
            refused = outcome.refused
            form.add_error(None, _too_many(refused))
        elif outcome.user is None:
            form.add_error("password", _("The username or password is not correct. Please try again."))
        else:
            return _after_password(request, outcome.user)
    return _page(request, "registration/login.html", {"form": form}, refused)


def _after_password(request: HttpRequest, user: User) -> HttpResponse:
    if second_factor_of(user) is not None:
        login_pending_set(request, user)
        return redirect(f"{reverse('login_code')}?{urlencode({'next': _next(request)})}")
    target = reverse("two_factor") if second_factor_required(user) else _next(request)
    return login_complete(request, user, redirect(target), verified=False)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_code_view(request: HttpRequest) -> HttpResponse:
    user = login_pending_user(request)
    if user is None:
        return redirect(f"{reverse('login')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        if not (decision := code_check(user)).allowed:
            refused = decision
            form.add_error(None, _too_many(decision))
        elif second_factor_verify(user=user, code=form.cleaned_data["code"]):
            return login_complete(request, user, redirect(_next(request)), verified=True)
        else:
            code_failed(user)
            form.add_error("code", str(WRONG_CODE))
    return _page(request, "registration/login_code.html", {"form": form}, refused)


@login_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app; when enrolled, new recovery codes or turning it off."""
    user: User = request.user  # type: ignore[assignment]
    form = CodeForm(request.POST or None)
    codes: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            codes = _two_factor_action(request, user, request.POST.get("action", ""), form.cleaned_data["code"])
        except DomainError as error:
            errors = error.params.get("errors", {}) if isinstance(error, InvalidInput) else {}
            form.add_error("code" if errors else None, errors.get("code") or str(error.message))
        else:
            if not codes:
                return redirect("two_factor")
            form = CodeForm()
    return render(request, "accounts/two_factor.html", _two_factor_context(request, user, form, codes))


def _two_factor_action(request: HttpRequest, user: User, action: str, code: str) -> list[str]:
    if action == "renew":
        return recovery_codes_renew(actor=user, code=code)
    if action == "remove":
        second_factor_remove(actor=user, code=code)
        request.session[FACTOR] = "none"
        return []
    codes = second_factor_enrol(actor=user, secret=request.session.get(SECRET) or secret_new(), code=code)
    request.session.pop(SECRET, None)
    request.session[FACTOR] = "verified"
    return codes


def _two_factor_context(request: HttpRequest, user: User, form: CodeForm, codes: list[str]) -> dict[str, Any]:
    factor = second_factor_of(user)
    context: dict[str, Any] = {"form": form, "factor": factor, "codes": codes,
                               "required": second_factor_required(user),
                               "codes_left": user.recovery_codes.filter(used_at__isnull=True).count()}  # fmt: skip
    if factor is None:
        secret = request.session.setdefault(SECRET, secret_new())
        uri = provisioning_uri(secret, account=user.get_username(), issuer=ISSUER)
        qr = segno.make_qr(uri, error="m").svg_inline(scale=1, omitsize=True, svgclass="qr-code", title=_("QR code"))
        context.update(secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), qr=qr)
    return context
