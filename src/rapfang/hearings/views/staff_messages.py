"""Messages to an event's registrants: write, look at the preview with who receives it, then send through the
outbox. Nothing is queued before the organiser has seen the preview and pressed Send."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from rapfang.core.errors import DomainError
from rapfang.core.forms_bootstrap import error_summary
from rapfang.hearings import selectors, services
from rapfang.hearings.mail import organiser_message
from rapfang.hearings.models import Event, EventMessage, Registration
from rapfang.hearings.staff_forms import MessageForm
from rapfang.hearings.views.common import form_errors_from
from rapfang.hearings.views.staff import organiser_only


@organiser_only
def event_messages(request: HttpRequest, event: Event) -> HttpResponse:
    form = MessageForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "send" in request.POST:
            try:
                sent = services.event_message_send(
                    actor=request.user, event_id=event.pk, expected=_expected(request.POST["send"]),
                    **form.cleaned_data,
                )  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _sent_note(sent))
                return redirect("hearings:staff_event_message", event_id=event.pk, message_id=sent.pk)
        preview = _preview(event, form.cleaned_data)
    context = {
        "event": event, "consultation": event.consultation, "form": form, "preview": preview, "tab": "messages",
        "problems": error_summary(form), "sent": selectors.event_message_list(event_id=event.pk),
    }  # fmt: skip
    return render(request, "hearings/staff/event_messages.html", context, status=422 if form.errors else 200)


def _expected(value: str) -> tuple[int, int] | None:
    mailed, _, without = value.partition(",")
    return (int(mailed), int(without)) if mailed.isdigit() and without.isdigit() else None


def _sent_note(sent: EventMessage) -> str:
    return ngettext(
        "The message is on its way to %(count)d person by e-mail.",
        "The message is on its way to %(count)d people by e-mail.",
        sent.mailed,
    ) % {"count": sent.mailed}


def _preview(event: Event, data: dict[str, Any]) -> dict[str, Any]:
    """Who receives the message, and how it reads in Thai and in English, as a registrant gets it."""
    recipients = selectors.message_recipients(event_id=event.pk, audience=data["audience"])
    draft = EventMessage(
        event=event, **{name: data[name] for name in ("subject_th", "subject_en", "body_th", "body_en")}
    )
    samples = []
    for language in ("th", "en"):
        sample = next((row for row in recipients.mailed if row.language == language), None)
        sample = sample or Registration(event=event, reference="ABCD-2345", name="…", language=language)
        samples.append(organiser_message(sample, draft))
    english = sum(1 for row in recipients.mailed if row.language == "en")
    return {
        "recipients": recipients,
        "samples": samples,
        "english": english,
        "counts": "{},{}".format(*recipients.counts),
    }


@organiser_only
def event_message(request: HttpRequest, event: Event, message_id: int) -> HttpResponse:
    sent = selectors.event_message_list(event_id=event.pk).filter(pk=message_id).first()
    if sent is None:
        raise Http404
    context = {
        "event": event, "consultation": event.consultation, "sent": sent, "tab": "messages",
        "to_phone": selectors.registrations_by_id(event_id=event.pk, ids=sent.without_email),
    }  # fmt: skip
    return render(request, "hearings/staff/event_message.html", context)
