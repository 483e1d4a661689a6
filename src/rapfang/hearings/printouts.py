"""Printouts of an event: the reply form (PDF to print, DOCX to fill in) and the sign-in sheet (PDF).

PDFs are drawn by WeasyPrint with the vendored Sarabun. WeasyPrint tells embedded fonts apart by family, weight
and style only, so each of Sarabun's subsets (Thai, Latin, Latin extended) is declared as a family of its own.
The reply form's PDF is drawn once per version of the event: it is kept under the data folder, named by a hash of
everything it shows (the event's fields and questions, the agency's channels, the privacy notice's version, the
language and digits), so a changed event gets a new file and every other download reads the kept one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from rapfang.core import thai
from rapfang.core.i18n import current_language, localized
from rapfang.core.pdf import FONT_STACK, render_pdf
from rapfang.core.when import format_window
from rapfang.hearings.models import Event, EventQuestion, QuestionKind, Registration, StakeholderType
from rapfang.hearings.notices import notice_version_at
from rapfang.hearings.questions import options
from rapfang.hearings.rules import registration_closes_at

PRINTOUT_VERSION = 2  # part of the kept files' names: a change in how they are drawn makes every kept one stale


def _html(template: str, context: dict[str, object]) -> str:
    return render_to_string(template, {**context, "font_stack": FONT_STACK})


def _pdf(template: str, context: dict[str, object]) -> bytes:
    """Sarabun and a text layer that reads back the Thai exactly (core.pdf)."""
    return render_pdf(_html(template, context))


def _kept_pdf(name: str, html: str) -> bytes:
    """The PDF of `html`, drawn once and kept as `<name>-<hash of the html>.pdf`; older copies of `name` go."""
    digest = hashlib.sha256(f"{PRINTOUT_VERSION}|{html}".encode()).hexdigest()[:20]
    folder = Path(settings.DATA_DIR) / "printouts"
    path = folder / f"{name}-{digest}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = render_pdf(html)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".drawing-", suffix=".pdf", delete=False) as handle:
        handle.write(pdf)
    os.replace(handle.name, path)  # whole or not at all, whoever else draws it at the same moment
    for old in folder.glob(f"{name}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    return pdf


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
        "signature": signature_lines(),
        "fax": _digits(consultation.agency.fax, digits),  # the form's numbers in one kind of digits
        "parts": reply_form_parts(consultation),
    }


def reply_form_parts(consultation: Any) -> list[dict[str, Any]]:
    """What the form carries beside the registration (the consultation's questionnaire): each part of
    `settings.REPLY_FORM_PARTS` that has something to ask, as a title, an intro and its questions
    (`text`, `options` to tick, `lines` to write on)."""
    parts = (import_string(path)(consultation) for path in getattr(settings, "REPLY_FORM_PARTS", []))
    return [part for part in parts if part]


def _digits(text: str, thai_digits: bool) -> str:
    return thai.to_thai_digits(text) if thai_digits and current_language() == "th" else text


def signature_lines() -> list[tuple[str, str]]:
    """The signature block of a Thai form: ลงชื่อ …, (…), ตำแหน่ง …, วันที่ … — a label and what follows it."""
    dots = "." * 48
    return [(_("Signed"), dots), ("", f"({dots})"), (_("Position"), dots), (_("Date"), dots)]


def reply_form_pdf(event: Event) -> bytes:
    """Drawn once per version of the event and language; see the module's note."""
    html = _html("hearings/print/reply_form.html", _reply_context(event))
    return _kept_pdf(f"reply-form-{event.pk}-{current_language()}", html)


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
