"""What the workspace's forms share: Bootstrap's classes on every field, and a service's refusal shown on the form.

Django marks a field with errors `aria-invalid` and points its `aria-describedby` at `<id>_helptext` and `<id>_error`;
`workspace/_field.html` gives those ids to the help text and the errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from rapfang.core.errors import DomainError
from rapfang.core.forms_thai import plain_messages


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect
        return "form-check-input"
    return "form-select" if isinstance(widget, forms.Select) else "form-control"


class StaffBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class", ""), _css_class(widget), "is-invalid" if self.errors else ""]
        attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class StaffForm(forms.Form):
    bound_field_class = StaffBoundField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)  # in the page's language where Django's own messages would speak


def apply_refusal(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form: beside the fields it names, else at the top."""
    problems = error.params.get("errors")
    if not problems:
        form.add_error(None, str(error.message))
        return
    for name, messages in problems.items():
        form.add_error(name if name in form.fields else None, messages)


def suggest(form: forms.Form, field: str, value: str) -> None:
    """Fill `field` of a refused form with `value` (an address the service suggests), keeping all else as typed."""
    if value and form.is_bound:
        data = dict(form.data.items())
        data[form.add_prefix(field)] = value
        form.data = data
