"""Forms of the timeline: one step's dates, flags and notes; which step to add."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Milestone, MilestoneKind
from rapfang.core.forms_thai import ThaiDateField, ThaiDateTimeField
from rapfang.core.thai import BANGKOK
from rapfang.workspace.forms_common import StaffForm

STEP_FIELDS = ("starts_at", "ends_at", "all_day", "month_precision", "note_th", "note_en")
END_OF_DAY = time(23, 59, 59)


class StepMomentField(ThaiDateTimeField):
    """A date and time, or a date alone for the whole day: from 00.00 when it starts, until 23.59.59 when it ends."""

    def __init__(self, *, end: bool = False, **kwargs: Any) -> None:
        self.end = end
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        try:
            return super().to_python(value)
        except ValidationError as error:
            day = _date_alone(value) if error.code == "invalid" else None
            if day is None:
                raise
            return datetime.combine(day, END_OF_DAY if self.end else time(), tzinfo=BANGKOK)


def _date_alone(value: Any) -> date | None:
    """The date `value` names if it is a date alone; None if it is not a date at all (other refusals are raised)."""
    try:
        return ThaiDateField(required=False).clean(value)
    except ValidationError as error:
        if error.code == "invalid":
            return None
        raise


class StepForm(StaffForm):
    starts_at = StepMomentField(
        label=_("Starts"),
        required=False,
        help_text=_("Such as 18/11/2569 09.00 (B.E. or C.E. years). A date alone starts at 00.00."),
    )
    ends_at = StepMomentField(
        label=_("Ends"),
        end=True,
        required=False,
        help_text=_("Such as 23/11/2569 23.59.59. A date alone ends at 23.59.59 that day."),
    )
    all_day = forms.BooleanField(label=_("Whole days"), required=False, help_text=_("Shown as dates, without times."))
    month_precision = forms.BooleanField(
        label=_("Known to the month only"), required=False, help_text=_("Shown as months, such as August 2569.")
    )
    note_th = forms.CharField(label=_("Note (Thai)"), required=False, max_length=400)
    note_en = forms.CharField(label=_("Note (English)"), required=False, max_length=400)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed when the comment period of a published consultation is made to end earlier than "
            "announced. It is kept in the activity log."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The end is before the start: give an end at or after the start."))
        return data

    @staticmethod
    def initial_of(step: Milestone | None) -> dict[str, Any]:
        return {name: getattr(step, name) for name in STEP_FIELDS} if step else {}


class AddStepForm(StaffForm):
    kind = forms.ChoiceField(label=_("Step"))

    def __init__(self, *args: Any, present: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in MilestoneKind.choices if value not in present]
        self.fields["kind"].choices = choices  # type: ignore[attr-defined]
