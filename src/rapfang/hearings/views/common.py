"""What the hearings' views share: turning domain errors into form errors and messages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from rapfang.core.errors import DomainError, InvalidInput


def form_errors_from(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal on the form: per field when it names fields, else on the whole form."""
    errors = error.params.get("errors") if isinstance(error, InvalidInput) else None
    if not errors:
        form.add_error(None, str(error.message))
        return
    for field, messages in errors.items():
        name = field if field in form.fields else None
        shown = list(form.errors.get(name or NON_FIELD_ERRORS, ()))  # a bound form finds its own fields' errors itself
        for message in messages:
            if message not in shown:
                form.add_error(name, message)
