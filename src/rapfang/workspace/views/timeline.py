"""The timeline: its steps with their dates; a step set, added or removed; the comment period counted as typed.

The hearing step (and registration, when the main hearing takes any) are written by the main hearing event: they
are shown here, read-only, with a link to the event.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rapfang.consultations.models import Consultation, MilestoneKind
from rapfang.consultations.selectors import comment_period_check, milestone_list_in_order
from rapfang.consultations.services import milestone_remove, milestone_set
from rapfang.consultations.staff import staff_consultation
from rapfang.consultations.timeline import PeriodCheck, window_days
from rapfang.core.errors import DomainError
from rapfang.core.windows import Window
from rapfang.workspace.forms_timeline import AddStepForm, StepForm, StepMomentField
from rapfang.workspace.selectors import steps_owned_by_event
from rapfang.workspace.views.common import READ, may_organise, organiser_only, page, refuse
from rapfang.workspace.views.steps import step_url


def _steps(consultation: Consultation) -> list:
    return list(milestone_list_in_order().filter(consultation=consultation))


@staff_consultation(READ)
def timeline(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The steps in the order they happen, the comment period against the legal minimum, and a step to add."""
    steps = _steps(consultation)
    owned = steps_owned_by_event(consultation)
    present = {step.kind for step in steps} | set(owned)
    now = timezone.now()
    context = {
        "consultation": consultation,
        "steps": [(step, Window(step.starts_at, step.ends_at).state(now), step.kind in owned) for step in steps],
        "period": comment_period_check(consultation),
        "add_form": AddStepForm(present=present) if len(present) < len(MilestoneKind.values) else None,
        "events_url": step_url("events", consultation),
        "can_organise": may_organise(request, consultation),
    }
    return render(request, "workspace/timeline.html", context)


def _kind_or_404(consultation: Consultation, kind: str) -> str:
    if kind not in MilestoneKind.values or kind in steps_owned_by_event(consultation):
        raise Http404
    return kind


@staff_consultation(READ)
def timeline_step(request: HttpRequest, consultation: Consultation, kind: str) -> HttpResponse:
    """Set one step: its start and end as Thai date-times, its flags and notes."""
    organiser_only(request, consultation)
    kind = _kind_or_404(consultation, kind)
    step = consultation.milestones.filter(kind=kind).first()
    form = StepForm(request.POST or None, initial=StepForm.initial_of(step))
    if request.method == "POST" and form.is_valid():
        try:
            milestone_set(actor=request.user, consultation=consultation, kind=kind, **form.cleaned_data)
        except DomainError as error:
            refuse(form, error)
        else:
            _saved_message(request, consultation, kind)
            return redirect("workspace:timeline", consultation.slug)
    label = MilestoneKind(kind).label
    period = comment_period_check(consultation) if kind == MilestoneKind.COMMENTS else None
    context = {"consultation": consultation, "form": form, "kind": kind, "label": label, "period": period}
    return page(request, "workspace/timeline_step.html", context)


@require_GET
@staff_consultation(READ)
def timeline_add(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The step chosen to add: its own page, where its dates are set."""
    organiser_only(request, consultation)
    return redirect(
        "workspace:timeline_step", consultation.slug, _kind_or_404(consultation, request.GET.get("kind", ""))
    )


def _saved_message(request: HttpRequest, consultation: Consultation, kind: str) -> None:
    check = comment_period_check(consultation) if kind == MilestoneKind.COMMENTS else None
    if check is not None and not check.meets_minimum:
        if consultation.is_published:
            warning = _("Saved. The online comment period runs %(days)s days, shorter than the legal minimum of "
                        "%(minimum)s days.")  # fmt: skip
        else:
            warning = _("Saved. The online comment period runs %(days)s days, shorter than the legal minimum of "
                        "%(minimum)s days: going live will ask for the reason.")  # fmt: skip
        messages.warning(request, warning % {"days": check.days, "minimum": check.minimum})
    else:
        messages.success(request, _("The step is saved."))


@staff_consultation(READ)
def timeline_step_remove(request: HttpRequest, consultation: Consultation, kind: str) -> HttpResponse:
    """GET: the question; POST: the step is removed from the timeline."""
    organiser_only(request, consultation)
    step = consultation.milestones.filter(kind=_kind_or_404(consultation, kind)).first()
    if step is None:
        raise Http404
    if request.method == "POST":
        milestone_remove(actor=request.user, milestone=step)
        messages.success(request, _("The step is removed from the timeline."))
        return redirect("workspace:timeline", consultation.slug)
    return render(request, "workspace/timeline_remove.html", {"consultation": consultation, "step": step})


@require_GET
@staff_consultation(READ)
def timeline_period(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The comment period's length against the legal minimum, for the dates being typed (a fragment, for htmx)."""
    try:
        starts = StepMomentField(required=False).clean(request.GET.get("starts_at", ""))
        ends = StepMomentField(required=False, end=True).clean(request.GET.get("ends_at", ""))
    except ValidationError:
        starts = ends = None
    period = None
    if starts and ends and ends >= starts:
        period = PeriodCheck(window_days(starts, ends), settings.LEGAL_MINIMUM_DAYS)
    return render(request, "workspace/_period_length.html", {"period": period})
