"""An event's agenda and its questions for registrants, edited as rows: add, remove and reorder work without
JavaScript (each button draws the page again with the rows rearranged); the save button writes them all at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.formrows import posted_rows, rows_rearranged
from rapfang.core.forms_bootstrap import Problem, error_summary
from rapfang.hearings import services
from rapfang.hearings.models import Event
from rapfang.hearings.questions import key_from_label
from rapfang.hearings.staff_forms import AgendaRowForm, QuestionRowForm
from rapfang.hearings.views.staff import organiser_only

AGENDA_FIELDS = ("starts_at", "ends_at", "title_th", "title_en", "speakers_th", "speakers_en")
QUESTION_FIELDS = ("label_th", "label_en", "kind", "options_th", "options_en", "required", "key")


class QuestionRows(forms.BaseFormSet):
    def clean(self) -> None:
        """Two questions cannot share a key: both rows are told."""
        keys = [form.cleaned_data.get("key") for form in self.forms if not getattr(form, "blank", True)]
        for form in self.forms:
            key = form.cleaned_data.get("key") if hasattr(form, "cleaned_data") else None
            if key and keys.count(key) > 1 and "key" not in form.errors:
                form.add_error("key", _("Each question needs a key of its own."))


@dataclass(frozen=True)
class Rows:
    """What differs between the agenda page and the questions page."""

    prefix: str
    fields: tuple[str, ...]
    formset: Any
    saved: Callable[[Any, Event, list[dict[str, Any]]], Any]
    template: str
    done: Any


def _agenda_save(actor: Any, event: Event, rows: list[dict[str, Any]]) -> Any:
    return services.agenda_replace(actor=actor, event=event, items=rows)


def _questions_save(actor: Any, event: Event, rows: list[dict[str, Any]]) -> Any:
    taken = {row["key"] for row in rows if row["key"]}
    for row in rows:
        if not row["key"]:
            row["key"] = key_from_label(row["label_en"], row["label_th"], taken)
            taken.add(row["key"])
    return services.event_questions_replace(actor=actor, event=event, questions=rows)


AGENDA = Rows(
    "agenda", AGENDA_FIELDS, forms.formset_factory(AgendaRowForm, extra=0), _agenda_save,
    "hearings/staff/event_agenda.html", gettext_lazy("The agenda is saved."),
)  # fmt: skip
QUESTIONS = Rows(
    "questions", QUESTION_FIELDS, forms.formset_factory(QuestionRowForm, formset=QuestionRows, extra=0),
    _questions_save, "hearings/staff/event_questions.html", gettext_lazy("The questions are saved."),
)  # fmt: skip


@organiser_only
def event_agenda(request: HttpRequest, event: Event) -> HttpResponse:
    initial = [{name: getattr(item, name) for name in AGENDA_FIELDS} for item in event.agenda.all()]
    return _rows_page(request, event, AGENDA, initial)


@organiser_only
def event_questions(request: HttpRequest, event: Event) -> HttpResponse:
    initial = [{name: getattr(question, name) for name in QUESTION_FIELDS} for question in event.questions.all()]
    return _rows_page(request, event, QUESTIONS, initial)


def _rows_page(request: HttpRequest, event: Event, spec: Rows, initial: list[dict[str, Any]]) -> HttpResponse:
    focus, refused = None, []
    if request.method == "POST" and "row" in request.POST:
        rows, focus = rows_rearranged(posted_rows(request.POST, spec.prefix, spec.fields), request.POST["row"])
        formset = spec.formset(initial=rows or [{}], prefix=spec.prefix)
    elif request.method == "POST":
        formset = spec.formset(request.POST, prefix=spec.prefix)
        if formset.is_valid():
            rows = [dict(form.cleaned_data) for form in formset.forms if not getattr(form, "blank", True)]
            try:
                spec.saved(request.user, event, rows)
            except DomainError as error:
                refused = _problems(error)
            else:
                messages.success(request, str(spec.done))
                return redirect(request.path)
    else:
        formset = spec.formset(initial=initial or [{}], prefix=spec.prefix)
    problems = error_summary(formset) + refused
    context = {"event": event, "consultation": event.consultation, "formset": formset, "problems": problems,
               "focus": focus, "tab": spec.prefix}  # fmt: skip
    return render(request, spec.template, context, status=422 if problems else 200)


def _problems(error: DomainError) -> list[Problem]:
    errors = error.params.get("errors") if isinstance(error, InvalidInput) else None
    if not errors:
        return [Problem("", "", str(error.message))]
    return [Problem("", "", str(message)) for messages_ in errors.values() for message in messages_]
