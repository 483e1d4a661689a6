"""The page an invited person opens from the mail: set a name and a password, or accept with an existing account.

It is not behind the login: the signed link is the key, and it works once.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from rapfang.accounts.invitations import (
    InvitationRefused,
    accounts_of,
    invitation_accept,
    invitation_from_token,
    username_for,
)
from rapfang.accounts.models import Invitation
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.workspace.team_forms import AcceptForm
from rapfang.workspace.views.agency_common import form_status, refusal_on


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(request, "workspace/invitation_refused.html", {"message": error.message}, status=error.status)


def _mode(request: HttpRequest, invitation: Invitation) -> str:
    """new (set a name and password), accept (signed in as the invited person), log_in, or other_account."""
    user = request.user
    if user.is_authenticated:
        mine = invitation.email in (user.email.lower(), user.get_username().lower())
        return "accept" if mine else "other_account"
    return "log_in" if accounts_of(invitation.email).exists() else "new"


@never_cache
@sensitive_post_parameters("password", "password_again")
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token)
    except InvitationRefused as error:
        return _refused(request, error)
    mode = _mode(request, invitation)
    form = AcceptForm(request.POST or None) if mode == "new" else None
    if request.method == "POST" and mode in ("new", "accept") and (form is None or form.is_valid()):
        fields = {} if form is None else {k: form.cleaned_data[k] for k in ("first_name", "last_name", "password")}
        try:
            user = invitation_accept(actor=request.user, token=token, **fields)
        except InvalidInput as error:
            if form is None:
                return _refused(request, error)
            refusal_on(form, error)
        except DomainError as error:
            return _refused(request, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            welcome = _(
                "Welcome. You are now %(role)s of %(agency)s. Next time, log in with the username %(username)s."
            )
            said = {"role": invitation.get_role_display(), "agency": invitation.agency, "username": user.get_username()}
            messages.success(request, welcome % said)
            return redirect("workspace:home")
    login_url = reverse("login") + "?" + urlencode({"next": request.path})
    context = {"invitation": invitation, "mode": mode, "form": form, "login_url": login_url,
               "username": username_for(invitation.email) if mode == "new" else ""}  # fmt: skip
    return render(request, "workspace/invitation_accept.html", context, status=form_status(form))
