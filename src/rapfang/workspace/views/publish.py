"""Going live: the checks, the preview of the public page, and the step itself; coming off the site with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.consultations.models import Consultation
from rapfang.consultations.selectors import comment_period_check
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.workspace.checks import failing, going_live_checks
from rapfang.workspace.forms_consultation import PublishForm, UnpublishForm
from rapfang.workspace.services import consultation_publish, consultation_unpublish
from rapfang.workspace.views.common import READ, may_organise, organiser_only, page, refuse
from rapfang.workspace.views.steps import check_rows


def _context(request: HttpRequest, consultation: Consultation, **forms: object) -> dict[str, object]:
    checks = going_live_checks(consultation, now=timezone.now())
    period = comment_period_check(consultation)
    return {
        "consultation": consultation,
        "checks": check_rows(checks, consultation),
        "blocked": [check for check in failing(checks) if check.key != "legal_minimum"],
        "short": period is not None and not period.meets_minimum,
        "period": period,
        "can_organise": may_organise(request, consultation),
        "form": PublishForm(initial={"short_period_reason": consultation.short_period_reason}),
        "unpublish_form": UnpublishForm(),
        **forms,
    }


@staff_consultation(READ)
def publish(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """GET: the checks and the step; POST: go live (refused, saying why, while a blocking check fails)."""
    if request.method != "POST":
        return page(request, "workspace/publish.html", _context(request, consultation))
    organiser_only(request, consultation)
    form = PublishForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["short_period_reason"]
        try:
            consultation_publish(actor=request.user, consultation=consultation, short_period_reason=reason)
        except DomainError as error:
            refuse(form, error)
        else:
            messages.success(request, _("The consultation is live on the public site."))
            return redirect("workspace:consultation", consultation.slug)
    return page(request, "workspace/publish.html", _context(request, consultation, form=form))


@require_POST
@staff_consultation(READ)
def unpublish(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    organiser_only(request, consultation)
    form = UnpublishForm(request.POST)
    if form.is_valid():
        try:
            consultation_unpublish(actor=request.user, consultation=consultation, reason=form.cleaned_data["reason"])
        except DomainError as error:
            refuse(form, error)
        else:
            messages.success(request, _("The consultation is off the public site. Its page is visible to staff only."))
            return redirect("workspace:consultation", consultation.slug)
    return page(request, "workspace/publish.html", _context(request, consultation, unpublish_form=form))
