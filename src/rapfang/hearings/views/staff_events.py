"""The workspace's pages for a consultation's events: the list, a new event, and an event's facts and registration.

Organisers write; moderators see the list only. A capacity that moves people up from the waitlist is shown, with
who moves, before it is saved.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rapfang.accounts.permissions import Perm, can
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.core.forms_bootstrap import error_summary
from rapfang.hearings import selectors, services
from rapfang.hearings.models import Event
from rapfang.hearings.rules import registration_switch_problems
from rapfang.hearings.staff_forms import EventForm
from rapfang.hearings.views.common import form_errors_from
from rapfang.hearings.views.staff import organiser_only


@staff_consultation(Perm.VIEW)
def consultation_events(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    events = list(selectors.event_list_for_consultation(consultation_id=consultation.pk))
    context = {
        "consultation": consultation,
        "rows": [(event, registration_switch_problems(event)) for event in events],
        "may_organise": can(request.user, Perm.ORGANISE, consultation.agency_id),
    }
    return render(request, "hearings/staff/consultation_events.html", context)


@staff_consultation(Perm.ORGANISE)
def event_new(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = EventForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                actor=request.user, consultation=consultation, contacts=form.cleaned_data["contacts"],
                **form.service_fields(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The event is saved. Next, its agenda and its questions for registrants."))
            return redirect("hearings:staff_event_edit", event_id=event.pk)
    return _form_page(request, form, consultation=consultation, event=None)


@organiser_only
def event_edit(request: HttpRequest, event: Event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, consultation=event.consultation)
    effect = None
    if request.method == "POST" and form.is_valid():
        confirmed = [ref for ref in request.POST.get("promotions_confirmed", "").split(",") if ref] or None
        try:
            services.event_save(
                actor=request.user, consultation=event.consultation, event=copy.copy(event),  # the page shows `event`
                promotions_confirmed=confirmed, contacts=form.cleaned_data["contacts"], **form.service_fields(),
            )  # fmt: skip
        except DomainError as error:
            if error.code != "capacity_promotes":
                form_errors_from(form, error)
            else:
                effect = selectors.capacity_effect(event_id=event.pk, capacity=form.cleaned_data["capacity"])
        else:
            messages.success(request, _("The event is saved."))
            return redirect("hearings:staff_event_edit", event_id=event.pk)
    return _form_page(request, form, consultation=event.consultation, event=event, effect=effect)


def _form_page(request: HttpRequest, form: EventForm, **context: Any) -> HttpResponse:
    event = context.get("event")
    context.update(
        form=form,
        problems=error_summary(form),
        switch_problems=registration_switch_problems(event) if event and not form.is_bound else [],  # as saved
        tab="details",
        references=",".join(row.reference for row in context["effect"].moving_up) if context.get("effect") else "",
    )
    return render(request, "hearings/staff/event_form.html", context, status=422 if form.errors else 200)
