"""What the hearings' views share: turning domain errors into form errors and messages."""

from __future__ import annotations

from django import forms

from rapfang.core.errors import DomainError, InvalidInput


def form_errors_from(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal on the form: per field when it names fields, else on the whole form."""
    errors = error.params.get("errors") if isinstance(error, InvalidInput) else None
    if not errors:
        form.add_error(None, str(error.message))
        return
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
