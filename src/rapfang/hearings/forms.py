"""The registration form: one set of rules for the web page, the API, staff keying and bulk import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapfang.core.forms_thai import REQUIRED, ThaiDateTimeField, plain_messages
from rapfang.hearings.models import OFFLINE_CHANNELS, Channel, Event, StakeholderType
from rapfang.hearings.questions import question_field
from rapfang.hearings.rules import identity_keys


class RegistrantForm(forms.Form):
    """Who registers. Fields the event does not ask for are left out."""

    name = forms.CharField(label=_("Full name"), max_length=200, error_messages={"required": REQUIRED})
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    stakeholder_type = forms.ChoiceField(
        label=_("You take part as"),
        choices=[("", _("Choose one")), *StakeholderType.choices],
        error_messages={
            "required": _("Please choose how you take part."),
            "invalid_choice": _("Please choose one of the listed types."),
        },
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Please give a valid e-mail address, such as name@example.go.th.")},
    )
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    needs = forms.CharField(
        label=_("Accessibility or dietary needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organiser keeps the data above to run this event, as the privacy notice says."),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def __init__(self, *args: Any, event: Event, email_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.email_required = email_required
        for name in ("organisation", "position", "stakeholder_type", "phone", "needs"):
            if name not in (event.asked_fields or []):
                del self.fields[name]
        self.fields["email"].required = email_required
        self.fields["email"].error_messages["required"] = _("Please give your e-mail address for the confirmation.")
        self.questions = list(event.questions.all()) if event.pk else []
        for question in self.questions:
            self.fields[question.key] = question_field(question)
        self.order_fields([*(name for name in self.fields if name != "consent"), "consent"])
        plain_messages(self)

    def question_fields(self) -> list[forms.BoundField]:
        """The event's own questions, in order, for the templates."""
        return [self[question.key] for question in self.questions]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(REQUIRED)
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not 9 <= len(identity_keys("", phone).phone) <= 15:
            raise forms.ValidationError(_("Please give a telephone number of 9 to 15 digits."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.email_required and not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Please give an e-mail address or a telephone number."))
        data.setdefault("stakeholder_type", StakeholderType.CITIZEN)
        data["answers"] = {q.key: data[q.key] for q in self.questions if data.get(q.key)}
        return data


class OfflineReplyForm(RegistrantForm):
    """A reply that came back by fax, e-mail, paper or phone, keyed in by staff."""

    channel = forms.ChoiceField(label=_("Received by"), choices=[(c.value, c.label) for c in OFFLINE_CHANNELS])
    received_at = ThaiDateTimeField(
        label=_("Received at"), help_text=_("When the reply arrived, e.g. 14/11/2559 16:30. Empty: now.")
    )
    scan = forms.FileField(label=_("Scanned reply form"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["email_required"] = False
        super().__init__(*args, **kwargs)
        self.fields["received_at"].required = False
        self.fields["consent"].label = _("The registrant agreed to the privacy notice on the reply form.")
        self.order_fields(["channel", "received_at", "scan"])


class WalkInForm(RegistrantForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["email_required"] = False
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _("The person agreed to the privacy notice.")


ONLINE_CHANNELS = (Channel.WEB, Channel.API)
