"""What the agency, team and invitation pages share: finding the agency for the user, and showing a refusal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest

from rapfang.accounts.models import Agency
from rapfang.accounts.permissions import Perm
from rapfang.accounts.selectors import agency_get_for_staff
from rapfang.core.errors import DomainError


def agency_for(request: HttpRequest, slug: str, perm: Perm) -> Agency:
    """The agency `slug` if the user holds `perm` in it; a 404 otherwise, so nothing reveals another agency's team."""
    agency = agency_get_for_staff(actor=request.user, slug=slug, perm=perm)
    if agency is None:
        raise Http404
    return agency


def refusal_on(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal on the form: beside the field it names, else at the top."""
    for field, message in error.field_messages():
        form.add_error(field if field in form.fields else None, message)


def form_status(*forms_shown: Any) -> int:
    """422 when a form shown was refused, so that clients and tests see the refusal; 200 otherwise."""
    return 422 if any(form is not None and form.errors for form in forms_shown) else 200
