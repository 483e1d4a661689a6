"""The activity log's filters: by consultation (on an agency's log), by person, by kind of action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapfang.workspace.activity.selectors import ActivityFilters
from rapfang.workspace.activity.sentences import KINDS


class ActivityFilterForm(forms.Form):
    consultation = forms.TypedChoiceField(label=_("Consultation"), coerce=int, empty_value=None, required=False)
    person = forms.ChoiceField(label=_("Who"), required=False)
    kind = forms.ChoiceField(label=_("Kind of action"), required=False)

    def __init__(
        self, *args: Any, consultations: list[tuple[int, str]] | None, people: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone: list[tuple[Any, Any]] = [("", _("All"))]
        if consultations is None:
            del self.fields["consultation"]
        else:
            self.fields["consultation"].choices = everyone + consultations  # type: ignore[attr-defined]
        self.fields["person"].choices = everyone + people  # type: ignore[attr-defined]
        self.fields["kind"].choices = everyone + [(key, label) for key, (label, _codes) in KINDS.items()]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-select"})

    def filters(self) -> ActivityFilters:
        """The filters asked for; a value not among the choices is reported beside its field and not applied."""
        self.is_valid()
        data = {key: value for key, value in getattr(self, "cleaned_data", {}).items() if key not in self.errors}
        return ActivityFilters(
            consultation=data.get("consultation"), person=data.get("person") or "", kind=data.get("kind") or ""
        )
