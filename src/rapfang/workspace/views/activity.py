"""The activity log: what was done in a consultation, or in an agency, in words."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rapfang.accounts.permissions import Perm
from rapfang.accounts.selectors import agency_get_for_staff
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.models import AuditEntry
from rapfang.workspace.activity.selectors import (
    activity_consultations,
    activity_entries,
    activity_page,
    activity_people,
)
from rapfang.workspace.forms_activity import ActivityFilterForm


@staff_consultation(Perm.VIEW)
def consultation_activity(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """A consultation's log, for its agency's organisers and moderators (and administrators)."""
    people = activity_people(entries=activity_entries(consultation=consultation))
    form = ActivityFilterForm(request.GET, consultations=None, people=people)
    entries = activity_entries(consultation=consultation, filters=form.filters())
    return _page(request, form, entries, {"consultation": consultation, "agency": consultation.agency})


@login_required
def agency_activity(request: HttpRequest, slug: str) -> HttpResponse:
    """An agency's log: its own entries and those of all its consultations. 404 for anyone without a role in it."""
    agency = agency_get_for_staff(actor=request.user, slug=slug, perm=Perm.VIEW)
    if agency is None:
        raise Http404
    consultations = activity_consultations(agency=agency)
    people = activity_people(entries=activity_entries(agency=agency))
    form = ActivityFilterForm(request.GET, consultations=consultations, people=people)
    entries = activity_entries(agency=agency, filters=form.filters())
    return _page(request, form, entries, {"agency": agency})


def _page(
    request: HttpRequest, form: ActivityFilterForm, entries: QuerySet[AuditEntry], extra: dict[str, object]
) -> HttpResponse:
    page, days = activity_page(entries=entries, page=request.GET.get("page"))
    asked = {key: value for key, value in request.GET.items() if key in form.fields and value}
    context = {**extra, "form": form, "page": page, "days": days, "query": urlencode(asked)}
    return render(request, "workspace/activity.html", context)
