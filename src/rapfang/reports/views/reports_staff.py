"""Staff pages of the summary report: versions, progress, review, publication.

Organisers of the consultation's agency (and administrators) generate, publish and withdraw; moderators read.
Anyone else gets a 404, as on the other staff pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm, can
from rapfang.consultations.models import Consultation
from rapfang.consultations.staff import staff_consultation
from rapfang.core.errors import DomainError
from rapfang.reports.models import Report, ReportStatus
from rapfang.reports.selectors.reports import (
    file_links,
    report_get,
    report_is_active,
    report_list,
)
from rapfang.reports.services.reports import report_publish, report_request, report_withdraw

View = Callable[..., HttpResponse]
STOP_POLLING = 286  # htmx stops polling on this status
STAGES = {
    "content": gettext_lazy("Gathering the figures, issues and comments"),
    "html": gettext_lazy("Writing the HTML file"),
    "docx": gettext_lazy("Writing the DOCX file"),
    "xlsx": gettext_lazy("Writing the XLSX file"),
    "pdf": gettext_lazy("Writing the PDF file"),
    "done": gettext_lazy("Finished"),
}
# The headline figures stored with each version, in the order staff read them.
FIGURES = (
    ("comments_received", gettext_lazy("Comments received")),
    ("comments_published", gettext_lazy("Comments published")),
    ("campaigns", gettext_lazy("Campaigns")),
    ("comments_in_campaigns", gettext_lazy("Comments in campaigns")),
    ("issues", gettext_lazy("Issues")),
    ("issues_with_response", gettext_lazy("Issues with a decision")),
    ("responses_published", gettext_lazy("Responses published")),
    ("registrations", gettext_lazy("Registrations")),
    ("check_ins", gettext_lazy("Checked in at the event")),
    ("period_days", gettext_lazy("Days of the online comment period")),
    ("legal_minimum_days", gettext_lazy("Legal minimum (days)")),
)


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the report"),
        choices=[("th", gettext_lazy("Thai")), ("en", gettext_lazy("English"))],
        widget=forms.RadioSelect,
        initial="th",
    )
    thai_digits = forms.TypedChoiceField(
        label=gettext_lazy("Thai digits"),
        choices=[
            ("1", gettext_lazy("Yes: numbers and dates in Thai digits")),
            ("0", gettext_lazy("No: Arabic digits")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note on this version"), max_length=400, required=False,
        help_text=gettext_lazy("For staff, e.g. what changed since the last version."),
    )  # fmt: skip


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the report withdrawn?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


staff_only = staff_consultation(Perm.VIEW)


def _context(request: HttpRequest, consultation: Consultation, **extra: Any) -> dict[str, Any]:
    return {
        "consultation": consultation, "thai_digits": consultation.thai_digits, "stages": STAGES,
        "can_write": can(request.user, Perm.ORGANISE, consultation.agency_id), **extra,
    }  # fmt: skip


def _version_or_404(consultation: Consultation, number: int) -> Report:
    report = report_get(consultation=consultation, number=number)
    if report is None:
        raise Http404
    return report


def _figures(report: Report) -> list[tuple[str, Any]]:
    return [(str(label), report.figures[key]) for key, label in FIGURES if report.figures.get(key) is not None]


def _version(report: Report) -> dict[str, Any]:
    return {"report": report, "files": file_links(report), "figures": _figures(report),
            "active": report_is_active(report), "stage": STAGES.get(report.stage, "")}  # fmt: skip


@staff_only
def report_list_staff(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    versions = [_version(report) for report in report_list(consultation=consultation)]
    form = ReportRequestForm(initial={"thai_digits": "1" if consultation.thai_digits else "0"})
    return _list_page(request, consultation, versions, form)


def _list_page(request: HttpRequest, consultation: Consultation, versions: list[dict[str, Any]], form: Any,
               status: int = 200) -> HttpResponse:  # fmt: skip
    active = next((version for version in versions if version["active"]), None)
    figured = next((version for version in versions if version["figures"]), None)
    context = _context(request, consultation, versions=versions, active=active, figured=figured, form=form)
    return render(request, "reports/staff/report_list.html", context, status=status)


@staff_only
@require_POST
def report_request_view(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        versions = [_version(report) for report in report_list(consultation=consultation)]
        return _list_page(request, consultation, versions, form, status=422)
    try:
        report = report_request(actor=request.user, consultation=consultation, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("reports:report_list_staff", consultation.slug)
    return redirect("reports:report_staff", consultation.slug, report.number)


@staff_only
def report_detail_staff(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    version = _version(_version_or_404(consultation, number))
    preview = next((link.url for link in version["files"] if link.format == "html"), None)
    context = _context(request, consultation, version=version, report=version["report"], preview=preview)
    return render(request, "reports/staff/report_detail.html", context)


@staff_only
def report_progress(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    """The progress box alone, polled by htmx every second. Once the version has ended, 286 tells htmx to stop and
    the page reloads to show the files and the preview."""
    report = _version_or_404(consultation, number)
    active = report_is_active(report)
    context = _context(request, consultation, report=report, active=active, stage=STAGES.get(report.stage, ""))
    response = render(request, "reports/staff/report_progress.html", context, status=200 if active else STOP_POLLING)
    if not active:
        response["HX-Refresh"] = "true"
    return response


@staff_only
def report_publish_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    """GET: the confirmation step; POST: publish."""
    report = _version_or_404(consultation, number)
    if request.method == "POST":
        try:
            report_publish(actor=request.user, report=report)
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("reports:report_staff", consultation.slug, number)
        messages.success(request, _("Version %(number)s is published on the consultation's page.") % {"number": number})
        return redirect("reports:report_staff", consultation.slug, number)
    current = report_list(consultation=consultation).filter(status=ReportStatus.PUBLISHED).first()
    context = _context(request, consultation, report=report, current=current, files=file_links(report))
    return render(request, "reports/staff/report_publish.html", context)


@staff_only
def report_withdraw_view(request: HttpRequest, consultation: Consultation, number: int) -> HttpResponse:
    """GET: the form asking why; POST: withdraw."""
    report = _version_or_404(consultation, number)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            report_withdraw(actor=request.user, report=report, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("reports:report_staff", consultation.slug, number)
        messages.success(request, _("Version %(number)s is withdrawn.") % {"number": number})
        return redirect("reports:report_staff", consultation.slug, number)
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/staff/report_withdraw.html",
                  _context(request, consultation, report=report, form=form), status=status)  # fmt: skip
