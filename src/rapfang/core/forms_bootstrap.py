"""Forms drawn with Bootstrap's classes, and the error summary staff pages show above a refused form.

Django (5.2) already marks a field with errors `aria-invalid` and points `aria-describedby` at its help text
(`<id>_helptext`) and its errors (`<id>_error`); the bound field here adds the classes, so that templates render
`{{ field }}` and nothing else decides how a field looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):  # CheckboxSelectMultiple is a RadioSelect
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class", ""), attrs.get("class", ""), _widget_class(widget)]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class BootstrapForm(forms.Form):
    bound_field_class = BootstrapBoundField


class BootstrapModelForm(forms.ModelForm):
    bound_field_class = BootstrapBoundField


@dataclass(frozen=True)
class Problem:
    """One line of an error summary: the field's id to jump to (empty for the whole form), its label, the error."""

    anchor: str
    label: str
    message: str


def form_problems(form: forms.BaseForm, row: int | None = None) -> list[Problem]:
    """A form's errors in the order of its fields, the form's own errors first; `row` numbers a formset's form."""
    prefix = "" if row is None else _("Row %(number)d") % {"number": row} + ": "
    problems = [Problem("", prefix.rstrip(": "), str(error)) for error in form.non_field_errors()]
    for field in form:
        problems += [
            Problem(field.id_for_label or field.auto_id, prefix + str(field.label), str(e)) for e in field.errors
        ]
    return problems


def error_summary(*forms_and_formsets: Any) -> list[Problem]:
    """Every error of the given forms and formsets, for the summary at the top of the page."""
    problems: list[Problem] = []
    for item in forms_and_formsets:
        if item is None or not item.is_bound:
            continue
        if isinstance(item, forms.BaseFormSet):
            problems += [Problem("", "", str(error)) for error in item.non_form_errors()]
            for number, form in enumerate(item.forms, start=1):
                problems += form_problems(form, row=number)
        else:
            problems += form_problems(item)
    return problems
