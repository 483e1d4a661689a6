"""Agencies: administrators list and create them; an agency's organisers edit its details and contact persons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.accounts.models import Agency
from rapfang.accounts.permissions import Perm, can, is_administrator
from rapfang.accounts.selectors import agency_list_for_staff, invitation_list_pending, team_list
from rapfang.accounts.services import agency_contacts_replace, agency_save
from rapfang.core.errors import DomainError
from rapfang.workspace.team_forms import AgencyForm, RoleForm, contact_rows, contacts_formset
from rapfang.workspace.views.agency_common import agency_for, form_status, refusal_on


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    context = {"agencies": agency_list_for_staff(actor=request.user), "may_create": is_administrator(request.user)}
    return render(request, "workspace/agency_list.html", context)


@login_required
def agency_new(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise Http404
    form = AgencyForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_save(actor=request.user, slug=form.cleaned_data["slug"], **form.service_fields())
        except DomainError as error:
            refusal_on(form, error)
        else:
            messages.success(request, _("The agency %(agency)s was created. Invite its first organiser.") % {
                "agency": agency})  # fmt: skip
            return redirect("workspace:agency", slug=agency.slug)
    return render(request, "workspace/agency_form.html", {"form": form, "creating": True}, status=form_status(form))


def agency_page(
    request: HttpRequest, agency: Agency, *, status: int = 200, refused: tuple[int, str] | None = None
) -> HttpResponse:
    """The agency's page: details, contact persons, team and pending invitations (for those who manage the team)."""
    may_manage = can(request.user, Perm.MANAGE_TEAM, agency.pk)
    context = {
        "agency": agency,
        "contacts": agency.contacts.all(),
        "team": team_list(agency=agency),
        "invitations": invitation_list_pending(agency=agency) if may_manage else [],
        "may_organise": can(request.user, Perm.ORGANISE, agency.pk),
        "may_manage": may_manage,
        "role_form": RoleForm(),
        "refused": refused,
        "now": timezone.now(),
    }
    return render(request, "workspace/agency_detail.html", context, status=status)


@login_required
def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return agency_page(request, agency_for(request, slug, Perm.VIEW))


@login_required
def agency_edit(request: HttpRequest, slug: str) -> HttpResponse:
    agency = agency_for(request, slug, Perm.ORGANISE)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            agency_save(actor=request.user, slug=agency.slug, **form.service_fields())
        except DomainError as error:
            refusal_on(form, error)
        else:
            messages.success(request, _("The agency's details were saved."))
            return redirect("workspace:agency", slug=agency.slug)
    agency.refresh_from_db()  # the form's values stay in the form; the page's title stays the stored name
    return render(request, "workspace/agency_form.html", {"form": form, "agency": agency}, status=form_status(form))


@login_required
def agency_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    agency = agency_for(request, slug, Perm.ORGANISE)
    formset = contacts_formset(request.POST or None, list(agency.contacts.all()))
    refusal: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            agency_contacts_replace(actor=request.user, agency=agency, contacts=contact_rows(formset))
        except DomainError as error:
            refusal = [message for _field, message in error.field_messages()]
        else:
            messages.success(request, _("The contact persons were saved."))
            return redirect("workspace:agency", slug=agency.slug)
    context = {"agency": agency, "formset": formset, "refusal": refusal}
    # A POST that reaches here was refused: by a field, or by the service.
    return render(request, "workspace/agency_contacts.html", context, status=422 if request.method == "POST" else 200)
