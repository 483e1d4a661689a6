"""What the consultation's workspace pages share: who may write, and how a refused form is answered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rapfang.accounts.permissions import Perm, can
from rapfang.consultations.models import Consultation
from rapfang.core.errors import DomainError
from rapfang.workspace.forms_common import apply_refusal, suggest

# Pages read by the agency's moderators and written by its organisers.
READ = Perm.VIEW


def may_organise(request: HttpRequest, consultation: Consultation) -> bool:
    return can(request.user, Perm.ORGANISE, consultation.agency_id)


def organiser_only(request: HttpRequest, consultation: Consultation) -> None:
    """A write by someone who may only read the consultation's pages: answered as if there were nothing here."""
    if not may_organise(request, consultation):
        raise Http404


def refuse(form: forms.Form, error: DomainError, suggestion_field: str = "") -> None:
    """Show a service's refusal on the form, and fill in the value it suggests (an address, a key), if any."""
    apply_refusal(form, error)
    if suggestion_field:
        suggest(form, suggestion_field, error.params.get("suggestion", ""))


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page; 422 when it answers a POST (a refused form, shown again with everything typed)."""
    return render(request, template, context, status=422 if request.method == "POST" else 200)
