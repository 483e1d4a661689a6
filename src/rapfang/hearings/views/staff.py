"""Staff pages for organisers of the event's agency: lists, exports, keyed-in replies, import, check-in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapfang.accounts.permissions import Perm, can
from rapfang.core.errors import DomainError
from rapfang.core.files import XLSX, sniff_content_type
from rapfang.hearings import printouts, selectors, services, tabular
from rapfang.hearings.forms import OfflineReplyForm, WalkInForm
from rapfang.hearings.models import Channel, Event, Registration, StakeholderType, Status
from rapfang.hearings.rules import seats_left
from rapfang.hearings.views.common import form_errors_from

View = Callable[..., HttpResponse]


def organiser_only(view: View) -> View:
    """Logged-in staff who organise the event's agency; anyone else gets 404 (nothing is revealed)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, event_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        event = Event.objects.select_related("consultation__agency").filter(pk=event_id).first()
        if event is None or not can(request.user, Perm.ORGANISE, event.consultation.agency_id):
            raise Http404
        return view(request, event, *args, **kwargs)

    return wrapped


def _context(event: Event, **extra: Any) -> dict[str, Any]:
    return {"event": event, "consultation": event.consultation, "thai_digits": False, **extra}


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list_for_staff(request.user).order_by("-starts_at")
    return render(request, "hearings/staff/event_list.html", {"events": events})


FILTERS = ("status", "channel", "stakeholder_type", "arrived", "q")


@organiser_only
def registrations(request: HttpRequest, event: Event) -> HttpResponse:
    filters = {name: request.GET.get(name, "") for name in FILTERS}
    rows = selectors.registration_list(event_id=event.pk, filters=filters)
    context = _context(
        event, rows=rows, filters=filters, counters=selectors.registration_counters(event_id=event.pk),
        statuses=Status.choices, channels=Channel.choices, stakeholder_types=StakeholderType.choices,
        query=request.GET.urlencode(), undelivered=selectors.mail_undelivered(event_id=event.pk),
    )  # fmt: skip
    return render(request, "hearings/staff/registrations.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organiser_only
def export(request: HttpRequest, event: Event, fmt: str) -> HttpResponse:
    filters = {name: request.GET.get(name, "") for name in FILTERS}
    rows = selectors.registration_list(event_id=event.pk, filters=filters)
    questions = list(event.questions.all())
    if fmt == "csv":
        return _download(
            tabular.export_csv(rows, questions), "text/csv; charset=utf-8", f"registrations-{event.pk}.csv"
        )
    if fmt == "xlsx":
        return _download(tabular.export_xlsx(rows, questions), XLSX, f"registrations-{event.pk}.xlsx")
    raise Http404


@organiser_only
def signin_sheet(request: HttpRequest, event: Event) -> HttpResponse:
    rows = selectors.registration_list(event_id=event.pk, filters={"status": Status.CONFIRMED}).order_by("name")
    return _download(printouts.signin_sheet_pdf(event, rows), "application/pdf", f"sign-in-{event.pk}.pdf")


@organiser_only
def reply_new(request: HttpRequest, event: Event) -> HttpResponse:
    """Key in a reply that came back by fax, e-mail, paper or phone."""
    form = OfflineReplyForm(request.POST or None, request.FILES or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                actor=request.user, event_id=event.pk, data=data, channel=data["channel"],
                received_at=data.get("received_at"), scan=data.get("scan"),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Registered: %(reference)s (%(status)s).") % _said(registration))
            return redirect("hearings:staff_reply_new", event_id=event.pk)
    return render(
        request, "hearings/staff/reply_new.html", _context(event, form=form), status=422 if form.errors else 200
    )


def _said(registration: Registration) -> dict[str, str]:
    return {"reference": registration.reference, "status": registration.get_status_display()}


@organiser_only
def bulk_import(request: HttpRequest, event: Event) -> HttpResponse:
    """Import a filled CSV or XLSX: all rows or none, with a report of each refused row."""
    report, error, status = None, None, 200
    if request.method == "POST" and (upload := request.FILES.get("file")):
        is_xlsx = sniff_content_type(upload.file) == XLSX  # type: ignore[arg-type]
        try:
            records = tabular.read_table(upload.read(), is_xlsx=is_xlsx)
            created = services.registrations_import(
                actor=request.user, event_id=event.pk, records=records, channel=request.POST.get("channel", "paper")
            )
        except services.ImportRefused as refused:
            error, report, status = str(refused.message), refused.params.get("rows", []), 422
        except (DomainError, UnicodeDecodeError, ValueError) as refused:
            error, status = str(getattr(refused, "message", _("The file could not be read."))), 422
        else:
            messages.success(request, _("%(count)d registrations imported.") % {"count": len(created)})
            return redirect("hearings:staff_registrations", event_id=event.pk)
    elif request.method == "POST":
        error, status = _("Choose a CSV or XLSX file."), 422
    context = _context(
        event,
        report=report,
        error=error,
        columns=tabular.import_columns(list(event.questions.all())),
        channels=_offline(),
    )
    return render(request, "hearings/staff/import.html", context, status=status)


def _offline() -> list[tuple[str, str]]:
    return [(c.value, str(c.label)) for c in (Channel.PAPER, Channel.FAX, Channel.EMAIL, Channel.PHONE)]


@organiser_only
def import_template(request: HttpRequest, event: Event) -> HttpResponse:
    return _download(
        tabular.import_template_csv(list(event.questions.all())),
        "text/csv; charset=utf-8",
        "registrations-template.csv",
    )


@organiser_only
@require_POST
def close_registration(request: HttpRequest, event: Event) -> HttpResponse:
    try:
        services.event_registration_close(actor=request.user, event_id=event.pk)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Registration is closed."))
    return redirect("hearings:staff_registrations", event_id=event.pk)


@organiser_only
@require_POST
def registration_action(request: HttpRequest, event: Event, registration_id: int, action: str) -> HttpResponse:
    """Check in or cancel one registration; back to the page the button was on."""
    if not Registration.objects.filter(pk=registration_id, event=event).exists():
        raise Http404
    try:
        if action == "checkin":
            beyond = request.POST.get("beyond_capacity") == "1"
            done = services.registration_check_in(
                actor=request.user, registration_id=registration_id, beyond_capacity=beyond
            )
            messages.success(request, _checked_in_note(done))
        elif action == "cancel":
            done = services.registration_cancel(actor=request.user, registration_id=registration_id)
            messages.success(request, _("Cancelled: %(reference)s.") % {"reference": done.reference})
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, str(error.message))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("hearings:staff_registrations", event_id=event.pk)


def _checked_in_note(done: Registration) -> str:
    said = {"name": done.name, "reference": done.reference}
    if done.beyond_capacity:
        return _("Checked in beyond the capacity: %(name)s (%(reference)s).") % said
    if done.from_waitlist_at_door:
        return _("Checked in from the waitlist, on a free seat: %(name)s (%(reference)s).") % said
    return _("Checked in: %(name)s (%(reference)s).") % said


@organiser_only
def checkin(request: HttpRequest, event: Event) -> HttpResponse:
    """The door: scan a QR code or search by name or reference; counters; walk-ins, on a seat or beyond capacity."""
    query = request.GET.get("q", "").strip()
    exact = selectors.registration_find(event_id=event.pk, reference=query) if query else None
    matches = (
        [exact]
        if exact
        else (list(selectors.registration_list(event_id=event.pk, filters={"q": query})[:20]) if query else [])
    )
    walk_in = WalkInForm(request.POST or None, event=event)
    full = False
    if request.method == "POST" and walk_in.is_valid():
        beyond = request.POST.get("beyond_capacity") == "1"
        try:
            done = services.registration_walk_in(
                actor=request.user, event_id=event.pk, data=walk_in.cleaned_data, beyond_capacity=beyond
            )
        except DomainError as error:
            full = error.code == "event_full"
            form_errors_from(walk_in, error)
        else:
            messages.success(request, _walk_in_note(done))
            return redirect("hearings:staff_checkin", event_id=event.pk)
    context = _context(
        event, query=query, matches=matches, walk_in=walk_in, full=full, seats_left=seats_left(event),
        counters=selectors.registration_counters(event_id=event.pk), now=timezone.now(),
    )  # fmt: skip
    return render(request, "hearings/staff/checkin.html", context, status=422 if walk_in.errors else 200)


def _walk_in_note(done: Registration) -> str:
    said = {"name": done.name, "reference": done.reference}
    if done.beyond_capacity:
        return _("Walk-in registered and let in beyond the capacity: %(name)s (%(reference)s).") % said
    return _("Walk-in registered and checked in: %(name)s (%(reference)s).") % said


@organiser_only
def counters(request: HttpRequest, event: Event) -> HttpResponse:
    context = _context(event, counters=selectors.registration_counters(event_id=event.pk))
    return render(request, "hearings/staff/_counters.html", context)
