"""Public pages of an event: its facts and the registration form, and the registrant's own page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rapfang.consultations.models import MilestoneKind
from rapfang.consultations.selectors import consultation_step_now, notice_controllers
from rapfang.core.actors import PUBLIC, Actor
from rapfang.core.arrival import arrived_at
from rapfang.core.errors import Conflict, DomainError, InvalidInput, NotFound
from rapfang.core.files import DOCX, PDF
from rapfang.core.i18n import current_language
from rapfang.core.ratelimit import request_limit
from rapfang.core.refusals import too_many_message, with_retry_after
from rapfang.hearings import files, printouts, selectors, services
from rapfang.hearings.forms import RegistrantForm
from rapfang.hearings.links import registration_from_token
from rapfang.hearings.models import Channel, Event, Registration
from rapfang.hearings.notices import notice_get, notice_history, notice_version_at
from rapfang.hearings.rules import registration_offer, registration_window
from rapfang.hearings.services.upkeep import retention_days
from rapfang.hearings.views.common import form_errors_from


def _event(event_id: int) -> Event:
    try:
        return selectors.event_get_public(event_id=event_id)
    except Event.DoesNotExist as error:
        raise Http404 from error


def _registration(token: str) -> Registration:
    try:
        return registration_from_token(token)
    except NotFound as error:
        raise Http404 from error


def _event_context(event: Event, **extra: object) -> dict[str, object]:
    consultation = event.consultation
    return {"event": event, "consultation": consultation, "thai_digits": consultation.thai_digits, **extra}


@never_cache
@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's facts, agenda and contacts, and the registration form while registration is open."""
    event = _event(event_id)
    form = RegistrantForm(request.POST or None, event=event)
    status, retry_after = 200, 0
    if request.method == "POST":
        taken, status, retry_after = _register(request, form, event)
        if taken:
            # a fragment of its own: the browser would otherwise keep the form's #form-errors across the redirect
            return redirect(reverse("hearings:registration_received", args=[event.pk]) + "#received")
        event = _event(event_id)  # the seats left as they are after the refusal
    response = render(request, "hearings/event_detail.html", _event_page(event, form), status=status)
    return with_retry_after(response, retry_after) if retry_after else response


def _register(request: HttpRequest, form: RegistrantForm, event: Event) -> tuple[bool, int, int]:
    """Whether the form is taken — also when its address or telephone had registered before: the owner is told by
    e-mail and the answer is the same, so that it tells no one who registered (services.repeats); otherwise the
    refusal (put on the form) with its status and, after too many attempts, the seconds until the next may be made."""
    if not (limit := request_limit(request, "registration")).allowed:
        form.add_error(None, too_many_message(limit.retry_after))
        return False, 429, limit.retry_after
    data = request.POST  # the service validates it (the form shows its refusal), as it does the API's
    try:
        services.registration_create(
            actor=PUBLIC,
            event_id=event.pk,
            data=data,
            channel=Channel.WEB,
            language=current_language(),
            received_at=arrived_at(request),  # the deadline is kept on the moment it arrived (decision 19)
        )
    except Conflict as error:
        if error.code != "duplicate":
            form_errors_from(form, error)
            return False, error.status, int(error.params.get("retry_after", 0))
        services.registration_repeat_notify(event_id=event.pk, data=data)
    except DomainError as error:
        form_errors_from(form, error)
        return False, error.status, int(error.params.get("retry_after", 0))
    return True, 202, 0


def _event_page(event: Event, form: RegistrantForm) -> dict[str, object]:
    """After the deadline the page points to the online comment period, as the hearing's announcement does."""
    now = timezone.now()
    offer = registration_offer(event, now).value
    comments = consultation_step_now(event.consultation, MilestoneKind.COMMENTS, now) if offer == "closed" else None
    return _event_context(event, form=form, offer=offer, privacy_version=notice_version_at(now), comments=comments)


@never_cache
def registration_received(request: HttpRequest, event_id: int) -> HttpResponse:
    """What every registrant sees once the form is accepted: the confirmation is on its way by e-mail."""
    return render(request, "hearings/registration_received.html", _event_context(_event(event_id)))


def _may_change(registration: Registration) -> bool:
    return registration.status != "cancelled" and registration_window(registration.event).is_open(timezone.now())


@never_cache
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's page: status, reference, QR code, calendar file; change or cancel links."""
    registration = _registration(token)
    context = _event_context(
        registration.event,
        registration=registration,
        token=token,
        position=selectors.waitlist_position(registration),
        answers=selectors.registration_answers(registration),
        qr=files.qr_svg(registration.reference) if registration.status == "confirmed" else "",
        may_change=_may_change(registration),
        new=request.GET.get("new") == "1",
        just=next((word for word in ("changed", "cancelled") if request.GET.get(word) == "1"), ""),
    )
    return render(request, "hearings/registration_detail.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant changes their details; saving records their consent to the notice in force now."""
    registration = _registration(token)
    initial = {name: getattr(registration, name) for name in RegistrantForm.base_fields if name != "consent"}
    initial.update(registration.answers or {})
    form = RegistrantForm(request.POST or None, event=registration.event, initial=initial)
    status = 200
    if request.method == "POST":
        status = _save_changes(form, registration)
        if status == 200:
            return redirect(reverse("hearings:registration", args=[token]) + "?changed=1#registration-status")
    context = _event_context(
        registration.event, registration=registration, form=form, token=token, may_change=_may_change(registration),
        privacy_version=notice_version_at(timezone.now()),
    )  # fmt: skip
    return render(request, "hearings/registration_edit.html", context, status=status)


def _save_changes(form: RegistrantForm, registration: Registration) -> int:
    """200 when saved; else the refusal is on the form and its status is returned."""
    try:
        services.registration_update(
            actor=Actor.registrant(registration.pk), registration_id=registration.pk, data=form.data
        )
    except DomainError as error:
        form_errors_from(form, error)
        return error.status
    return 200


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    error = None
    if request.method == "POST":
        try:
            services.registration_cancel(actor=Actor.registrant(registration.pk), registration_id=registration.pk)
        except (Conflict, InvalidInput) as refused:
            error = str(refused.message)
        else:
            return redirect(reverse("hearings:registration", args=[token]) + "?cancelled=1#registration-status")
    context = _event_context(registration.event, registration=registration, token=token, error=error)
    context["may_change"] = _may_change(registration)
    return render(request, "hearings/registration_cancel.html", context, status=409 if error else 200)


def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    response = HttpResponse(files.event_ics(registration.event, registration), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{registration.reference}.ics"'
    return response


def registration_qr(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    return HttpResponse(files.qr_png(registration.reference), content_type="image/png")


def privacy_notice(request: HttpRequest) -> HttpResponse:
    """The notice in force, or an earlier version by `?version=`, so that anyone can read what they agreed to."""
    now = timezone.now()
    current = notice_version_at(now)
    version = request.GET.get("version", "").strip() or current
    notice = notice_get(version)
    history = notice_history(now)
    if notice is None or notice.version not in {n.version for n in history}:
        raise Http404
    context = {
        "notice": notice, "version": notice.version, "current": current, "history": history,
        "retention_days": retention_days(), "thai_digits": True,  # a legal notice: Thai digits throughout, in Thai
        "controllers": notice_controllers(agency_slug=request.GET.get("agency", "")[:80]),
    }  # fmt: skip
    return render(request, "hearings/privacy_notice.html", context)


def reply_form(request: HttpRequest, event_id: int, fmt: str) -> HttpResponse:
    """The event's reply form, generated from its own registration fields: PDF to print or DOCX to fill in."""
    event = _event(event_id)
    if fmt == "pdf":
        response = HttpResponse(printouts.reply_form_pdf(event), content_type=PDF)
    elif fmt == "docx":
        response = HttpResponse(printouts.reply_form_docx(event), content_type=DOCX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="reply-form-{event.pk}.{fmt}"'
    return response
