"""Printouts of an event: the reply form (PDF to print, DOCX to fill in) and the sign-in sheet (PDF).

PDFs are drawn by WeasyPrint with the vendored Sarabun. WeasyPrint tells embedded fonts apart by family, weight
and style only, so each of Sarabun's subsets (Thai, Latin, Latin extended) is declared as a family of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from rapfang.core import thai
from rapfang.core.i18n import current_language, localized
from rapfang.core.pdf import FONT_STACK, render_pdf
from rapfang.core.when import format_window
from rapfang.hearings.models import Event, EventQuestion, QuestionKind, Registration, StakeholderType
from rapfang.hearings.notices import notice_version_at
from rapfang.hearings.questions import options
from rapfang.hearings.rules import registration_closes_at


def _pdf(template: str, context: dict[str, object]) -> bytes:
    """Sarabun and a text layer that reads back the Thai exactly (core.pdf)."""
    return render_pdf(render_to_string(template, {**context, "font_stack": FONT_STACK}))


def _when(event: Event, thai_digits: bool) -> str:
    language = current_language()
    return format_window(
        event.starts_at, event.ends_at, lang=language, thai_digits=thai_digits and language == "th",
        month_precision=event.month_precision,
    )  # fmt: skip


def _deadline(event: Event, thai_digits: bool) -> str:
    closes = registration_closes_at(event)
    if closes is None:
        return ""
    language = current_language()
    return format_window(None, closes, lang=language, thai_digits=thai_digits and language == "th")


def reply_form_fields(event: Event) -> list[str]:
    """The labels of the blanks on the reply form: the event's own registration fields."""
    labels = {
        "organisation": _("Organisation"),
        "position": _("Position"),
        "phone": _("Telephone"),
        "needs": _("Accessibility or dietary needs"),
    }
    asked = [name for name in ("organisation", "position", "phone") if name in event.asked_fields]
    fields = [_("Full name"), *[labels[name] for name in asked], _("E-mail")]
    if "needs" in event.asked_fields:
        fields.append(labels["needs"])
    fields += [_marked(question) for question in event.questions.all() if question.kind in TEXT_KINDS]
    return fields


TEXT_KINDS = (QuestionKind.TEXT, QuestionKind.LONG_TEXT)


def _marked(question: EventQuestion) -> str:
    return str(question) + (" *" if question.required else "")


def reply_form_choices(event: Event) -> list[tuple[str, list[str]]]:
    """The event's questions answered by ticking a box: each question's wording and its options."""
    ticked = []
    for question in event.questions.all():
        if question.kind == QuestionKind.CHOICE:
            ticked.append((_marked(question), options(question)))
        elif question.kind == QuestionKind.YES_NO:
            ticked.append((_marked(question), [_("Yes"), _("No")]))
    return ticked


def _reply_context(event: Event) -> dict[str, object]:
    consultation = event.consultation
    digits = consultation.thai_digits
    return {
        "event": event,
        "agency": consultation.agency,
        "when": _when(event, digits),
        "deadline": _deadline(event, digits),
        "fields": reply_form_fields(event),
        "choices": reply_form_choices(event),
        "stakeholder_types": StakeholderType.labels if "stakeholder_type" in event.asked_fields else [],
        "notice_version": notice_version_at(timezone.now()),
    }


def reply_form_pdf(event: Event) -> bytes:
    return _pdf("hearings/print/reply_form.html", _reply_context(event))


def reply_form_docx(event: Event) -> bytes:
    from rapfang.hearings.docx_form import reply_form_document

    return reply_form_document(_reply_context(event))


def signin_sheet_pdf(event: Event, registrations: Iterable[Registration], now: datetime | None = None) -> bytes:
    """The sign-in sheet of confirmed registrants: number, name, organisation, a column to sign."""
    digits = event.consultation.thai_digits
    context = {
        "event": event,
        "agency": event.consultation.agency,
        "when": _when(event, digits),
        "rows": list(registrations),
        "printed": thai.format_date(
            timezone.localtime(now or timezone.now()), lang=current_language(), thai_digits=digits
        ),
        "thai_digits": digits,
        "title": localized(event, "title"),
    }
    return _pdf("hearings/print/signin_sheet.html", context)
