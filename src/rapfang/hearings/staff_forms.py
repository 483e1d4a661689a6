"""The workspace's forms for an event: its facts and registration, its agenda, its questions, a message to its
registrants. The rules live in the services; these read what staff type and say what is wrong beside each field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import AgencyContact
from rapfang.consultations.models import Consultation
from rapfang.core.forms_bootstrap import BootstrapForm, BootstrapModelForm
from rapfang.core.forms_thai import ThaiDateTimeField, ThaiTimeField
from rapfang.hearings.models import Attendance, Audience, Event, QuestionKind, default_asked_fields
from rapfang.hearings.questions import question_problems
from rapfang.hearings.services import EVENT_FIELDS
from rapfang.hearings.services.events import WINDOW_WITHOUT_REGISTRATION
from rapfang.hearings.services.messages import message_problems, message_texts

ASKED_FIELD_LABELS = {
    "organisation": _("Organisation"),
    "position": _("Position"),
    "stakeholder_type": _("Takes part as (stakeholder type)"),
    "phone": _("Telephone"),
    "needs": _("Accessibility or dietary needs"),
}
REGISTRATION_CHOICES = [
    ("1", _("Open: people register online or by reply form, within the window below")),
    ("0", _("By invitation only: no public registration")),
]


FORM_FIELDS = [name for name in EVENT_FIELDS if name not in {"registration_closed_early_at"}]


def _form_field(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(BootstrapModelForm):
    """An event's facts, its registration and its contact persons (the consultation's agency's only)."""

    starts_at = ThaiDateTimeField(
        label=_("starts"), help_text=_("Such as 18/11/2569 09.30 (B.E.) or 2026-11-18 09:30.")
    )
    ends_at = ThaiDateTimeField(label=_("ends"))
    registration_required = forms.TypedChoiceField(
        label=_("Public registration"),
        choices=REGISTRATION_CHOICES,
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        help_text=_(
            "New events are open to registration. A window for registration is accepted only when registration is "
            "open, so that an event is never published with dates nobody can register in."
        ),
    )
    registration_opens_at = ThaiDateTimeField(
        label=_("registration opens"), required=False, help_text=_("Empty: open as soon as the hearing is published.")
    )
    registration_closes_at = ThaiDateTimeField(
        label=_("registration deadline"),
        required=False,
        help_text=_("Such as 14/11/2569 23.59.59. Empty: until the event."),
    )
    asked_fields = forms.MultipleChoiceField(
        label=_("Asked of registrants besides name, e-mail and consent"),
        choices=list(ASKED_FIELD_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=default_asked_fields,
    )
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, required=False, help_text=_("Empty: no limit."))
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons"),
        queryset=AgencyContact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Event
        fields = FORM_FIELDS
        formfield_callback = _form_field
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "join_details_th": forms.Textarea(attrs={"rows": 3}),
            "join_details_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["contacts"].queryset = consultation.agency.contacts.all()  # type: ignore[attr-defined]
        self.fields["capacity"].widget.attrs.update(inputmode="numeric")
        self.fields["attendance"].required = False  # left out: as it was (in person when new)
        if self.instance.pk is None:
            self.initial.setdefault("registration_required", "1")  # the model's default (off) is for old records
        else:
            self.initial["registration_required"] = "1" if self.instance.registration_required else "0"
            self.initial["contacts"] = list(self.instance.contacts.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("attendance") and "attendance" not in self.errors:
            data["attendance"] = self.instance.attendance or Attendance.IN_PERSON
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes < opens:
            self.add_error("registration_closes_at", _("The deadline cannot come before registration opens."))
        if data.get("registration_required") is False and (opens or closes):
            self.add_error("registration_required", WINDOW_WITHOUT_REGISTRATION)
        return data

    def _post_clean(self) -> None:
        """The service checks the event as a whole; the form leaves the instance as it was loaded."""

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FORM_FIELDS if name in self.cleaned_data}


class AgendaRowForm(BootstrapForm):
    """One agenda item; a row left wholly empty is no item."""

    starts_at = ThaiTimeField(label=_("time"), required=False, help_text=_("Such as 09.30"))
    ends_at = ThaiTimeField(label=_("until"), required=False)
    title_th = forms.CharField(label=_("title (Thai)"), max_length=400, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=400, required=False)
    speakers_th = forms.CharField(label=_("speakers (Thai)"), max_length=600, required=False)
    speakers_en = forms.CharField(label=_("speakers (English)"), max_length=600, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.blank = not any(data.get(name) for name in self.fields) and not self.errors
        if not self.blank and not data.get("title_th") and "title_th" not in self.errors:
            self.add_error("title_th", _("Please fill in this field."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("An item cannot end before it starts."))
        return data


class QuestionRowForm(BootstrapForm):
    """One question for registrants; a row left wholly empty is no question. The key is made later if not given."""

    label_th = forms.CharField(label=_("question (Thai)"), max_length=400, required=False)
    label_en = forms.CharField(label=_("question (English)"), max_length=400, required=False)
    kind = forms.ChoiceField(label=_("kind of answer"), choices=QuestionKind.choices, initial=QuestionKind.TEXT)
    options_th = forms.CharField(
        label=_("options (Thai)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one option a line."),
    )  # fmt: skip
    options_en = forms.CharField(
        label=_("options (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The same options in English, in the same order."),
    )  # fmt: skip
    required = forms.BooleanField(label=_("answer required"), required=False)
    key = forms.CharField(
        label=_("key"), max_length=40, required=False,
        help_text=_(
            "Names the answer in exports and the import file. Empty: made from the question. Keep it once people "
            "have answered: their answers are filed under it."
        ),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = ("label_th", "label_en", "options_th", "options_en", "key")
        self.blank = not any(data.get(name) for name in texts) and not self.errors
        if self.blank:
            return data
        if not data.get("label_th") and "label_th" not in self.errors:
            self.add_error("label_th", _("Please fill in this field."))
        data["key"] = (data.get("key") or "").strip()
        row = dict(data, key=data["key"] or "made")  # a key still to be made is checked once it is made
        for field, messages in question_problems(_Row(row)).items():
            for message in messages:
                if field not in self.errors:
                    self.add_error(field, message)
        return data


class _Row:
    """A question as typed, for `question_problems`, which reads attributes."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class MessageForm(BootstrapForm):
    """A message to an event's registrants: whom, and what, in Thai and optionally in English."""

    audience = forms.ChoiceField(label=_("To"), choices=Audience.choices, widget=forms.RadioSelect,
                                 initial=Audience.CONFIRMED)  # fmt: skip
    subject_th = forms.CharField(label=_("subject (Thai)"), max_length=200)
    body_th = forms.CharField(label=_("message (Thai)"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000)
    subject_en = forms.CharField(label=_("subject (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("message (English)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        required=False,
        help_text=_("For those who registered in English. Empty: they receive the Thai message."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = ("subject_th", "body_th", "subject_en", "body_en")
        if not any(name in self.errors for name in names):
            for field, messages in message_problems(message_texts(**{n: data.get(n, "") for n in names})).items():
                self.add_error(field, messages)
        return data
