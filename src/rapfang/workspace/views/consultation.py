"""A consultation in the workspace: a new one (or a copy), its overview with the checks, and its details."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.accounts.models import Agency
from rapfang.accounts.permissions import Perm, agencies_where
from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import consultation_get_for_staff
from rapfang.consultations.services import consultation_create, consultation_update
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.workspace.checks import going_live_checks
from rapfang.workspace.forms_consultation import ConsultationForm, CopyForm
from rapfang.workspace.selectors import consultation_overview
from rapfang.workspace.services import consultation_copy
from rapfang.workspace.views.common import READ, may_organise, organiser_only, page, refuse
from rapfang.workspace.views.steps import check_rows


def _organised_agencies(request: HttpRequest) -> list[Agency]:
    ids = agencies_where(request.user, Perm.ORGANISE)
    agencies = Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)
    return list(agencies.order_by("name_th"))


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    """A new consultation in one of the agencies the person organises; `?copy=<slug>`: a copy of that one."""
    if request.GET.get("copy"):
        return _copy(request, request.GET["copy"])
    agencies = _organised_agencies(request)
    if not agencies:
        raise Http404
    queryset = Agency.objects.filter(pk__in=[agency.pk for agency in agencies]).order_by("name_th")
    form = ConsultationForm(request.POST or None, agencies=queryset, initial={"agency": agencies[0]})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_create(actor=request.user, agency=form.cleaned_data["agency"],
                                               **form.service_fields())  # fmt: skip
        except DomainError as error:
            refuse(form, error, "slug")
        else:
            messages.success(request, _("The consultation is made, not yet public. Its address is %(slug)s.")
                             % {"slug": consultation.slug})  # fmt: skip
            return redirect("workspace:consultation", consultation.slug)
    return page(request, "workspace/consultation_new.html", {"form": form, "several": len(agencies) > 1})


def _copy(request: HttpRequest, slug: str) -> HttpResponse:
    source = consultation_get_for_staff(actor=request.user, slug=slug, perm=Perm.ORGANISE)
    if source is None:
        raise Http404
    initial = {"title_th": source.title_th, "title_en": source.title_en}
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            copy = consultation_copy(actor=request.user, source=source, **form.cleaned_data)
        except DomainError as error:
            refuse(form, error, "slug")
        else:
            messages.success(request, _("The copy is made, not yet public. Its address is %(slug)s.")
                             % {"slug": copy.slug})  # fmt: skip
            return redirect("workspace:consultation", copy.slug)
    return page(request, "workspace/consultation_copy.html", {"form": form, "source": source})


@staff_consultation(READ)
def consultation(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The overview: phase, timeline at a glance, figures, what needs attention, and the checks before going live."""
    now = timezone.now()
    row = consultation_overview(actor=request.user, consultation=consultation, now=now)
    context = {
        "consultation": row.consultation,
        "row": row,
        "checks": check_rows(going_live_checks(row.consultation, now=now), row.consultation),
        "can_organise": row.can_organise,
    }
    return page(request, "workspace/consultation_overview.html", context)


@staff_consultation(READ)
def consultation_edit(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The details: organisers edit them; the agency's moderators read them."""
    if request.method == "POST":
        organiser_only(request, consultation)
    initial = ConsultationForm.initial_of(consultation)
    form = ConsultationForm(request.POST or None, initial=initial).for_consultation(consultation)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_update(actor=request.user, consultation=consultation, **form.service_fields())
        except DomainError as error:
            consultation.refresh_from_db()  # the service may have set refused values on it before refusing
            refuse(form, error, "slug")
        else:
            messages.success(request, _("The details are saved."))
            return redirect("workspace:consultation_edit", consultation.slug)
    context = {
        "consultation": consultation,
        "form": form,
        "can_organise": may_organise(request, consultation),
        "contacts": list(consultation.contacts.all()),
    }
    return page(request, "workspace/consultation_edit.html", context)
