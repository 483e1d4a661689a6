"""An agency's team: invite by e-mail, send again or withdraw an invitation, change a role, remove a person.

Organisers of the agency and administrators manage the team; anyone else gets a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.invitations import invitation_create, invitation_resend, invitation_withdraw
from rapfang.accounts.models import Agency, Invitation, Role, User
from rapfang.accounts.permissions import Perm
from rapfang.accounts.selectors import invitation_get_pending, team_list, team_member_get
from rapfang.accounts.services import membership_change, membership_revoke
from rapfang.core.errors import DomainError
from rapfang.workspace.team_forms import InvitationForm, RoleForm
from rapfang.workspace.views.agencies import agency_page
from rapfang.workspace.views.agency_common import agency_for, form_status, refusal_on


def _team_url(agency: Agency, anchor: str = "team") -> str:
    return reverse("workspace:agency", args=[agency.slug]) + "#" + anchor


@login_required
def invitation_new(request: HttpRequest, slug: str) -> HttpResponse:
    agency = agency_for(request, slug, Perm.MANAGE_TEAM)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as error:
            refusal_on(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s as %(role)s.") % {
                "email": invitation.email, "role": invitation.get_role_display()})  # fmt: skip
            return redirect(_team_url(agency, "invitations"))
    context = {"agency": agency, "form": form, "days": settings.INVITATION_DAYS}
    return render(request, "workspace/invitation_new.html", context, status=form_status(form))


def _pending(agency: Agency, pk: int) -> Invitation:
    invitation = invitation_get_pending(agency=agency, pk=pk)
    if invitation is None:
        raise Http404
    return invitation


@login_required
@require_POST
def invitation_resend_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = agency_for(request, slug, Perm.MANAGE_TEAM)
    try:
        invitation = invitation_resend(actor=request.user, invitation=_pending(agency, pk))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The invitation was sent again to %(email)s with a new link; the earlier link "
                                    "no longer works.") % {"email": invitation.email})  # fmt: skip
    return redirect(_team_url(agency, "invitations"))


@login_required
@require_POST
def invitation_withdraw_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = agency_for(request, slug, Perm.MANAGE_TEAM)
    try:
        invitation = invitation_withdraw(actor=request.user, invitation=_pending(agency, pk))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The invitation to %(email)s was withdrawn; its link no longer works.") % {
            "email": invitation.email})  # fmt: skip
    return redirect(_team_url(agency, "invitations"))


def _member(agency: Agency, user_id: int) -> User:
    user = team_member_get(agency=agency, user_id=user_id)
    if user is None:
        raise Http404
    return user


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    agency = agency_for(request, slug, Perm.MANAGE_TEAM)
    member = _member(agency, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return agency_page(request, agency, status=422, refused=(member.pk, str(form.errors["role"][0])))
    try:
        membership_change(actor=request.user, agency=agency, user=member, role=form.cleaned_data["role"])
    except DomainError as error:
        return agency_page(request, agency, status=422, refused=(member.pk, str(error.message)))
    messages.success(request, _("%(person)s is now %(role)s.") % {
        "person": _name(member), "role": Role(form.cleaned_data["role"]).label})  # fmt: skip
    return redirect(_team_url(agency))


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


@login_required
def member_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    """GET asks to confirm; POST removes every role the person holds in the agency."""
    agency = agency_for(request, slug, Perm.MANAGE_TEAM)
    member = _member(agency, user_id)
    refusal = ""
    if request.method == "POST":
        try:
            membership_revoke(actor=request.user, agency=agency, user=member)
        except DomainError as error:
            refusal = str(error.message)
        else:
            messages.success(request, _("%(person)s was removed from the team; their access ended at once.") % {
                "person": _name(member)})  # fmt: skip
            return redirect(_team_url(agency))
    roles = next((m.roles for m in team_list(agency=agency) if m.user.pk == member.pk), [])
    context = {"agency": agency, "member": member, "roles": roles, "refusal": refusal}
    return render(request, "workspace/member_remove.html", context, status=422 if refusal else 200)
