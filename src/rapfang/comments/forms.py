"""The public comment form, with its bot defences: a honeypot field and a signed time of display."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from rapfang.comments.models import CommentChannel, ModerationReason, StakeholderType
from rapfang.comments.services import TEXT_MAX_CHARS
from rapfang.core.forms_thai import ThaiDateTimeField

SIGNING_SALT = "rapfang.comments.form-shown"
MAX_FORM_AGE_SECONDS = 24 * 3600


def min_seconds_to_submit() -> float:
    return float(getattr(settings, "COMMENT_MIN_SECONDS", 3))


def form_stamp(now: float | None = None) -> str:
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(int(now if now is not None else time.time())))


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=TEXT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 5,000 characters."),
    )  # fmt: skip
    anonymous = forms.BooleanField(label=_("Comment anonymously"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    stakeholder_type = forms.ChoiceField(label=_("You comment as"), choices=StakeholderType.choices)
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, help_text=_("We send your receipt to this address.")
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"), required=False,
        help_text=_("PDF, DOCX or image (PNG, JPEG, WebP), at most 10 MB."),
    )  # fmt: skip
    consent = forms.BooleanField(label=_("I have read the personal data notice and agree to it."))
    section = forms.CharField(required=False, widget=forms.HiddenInput)
    paragraph = forms.CharField(required=False, widget=forms.HiddenInput)
    shown = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # the honeypot

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("shown", form_stamp())
        for field in self.fields.values():
            widget = field.widget
            css = {"CheckboxInput": "form-check-input", "Select": "form-select"}.get(
                type(widget).__name__, "form-control"
            )
            widget.attrs.setdefault("class", css)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["anonymous"].widget.attrs.update({"aria-describedby": "anonymous-help"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be accepted. Please try again."), code="bot")
        try:
            shown = int(signing.TimestampSigner(salt=SIGNING_SALT).unsign(data.get("shown", ""),
                                                                           max_age=MAX_FORM_AGE_SECONDS))  # fmt: skip
        except (signing.BadSignature, ValueError) as error:
            raise forms.ValidationError(_("The form has expired. Please send it again."), code="stale") from error
        if time.time() - shown < min_seconds_to_submit():
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your comment and send it again."), code="too_fast"
            )
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = ("text", "anonymous", "name", "organisation", "stakeholder_type", "email", "consent", "section",
                "paragraph")  # fmt: skip
        return {key: data.get(key) for key in keys}


class OfflineCommentForm(CommentForm):
    """Staff key in a comment that came by letter, e-mail or fax, with its scan."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in (CommentChannel.LETTER, CommentChannel.EMAIL, CommentChannel.FAX)],
    )
    received_at = ThaiDateTimeField(label=_("Received at"))
    accept_late = forms.BooleanField(label=_("Accept although it arrived after the period"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shown"].required = False  # staff are not timed; the honeypot is not checked either

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self) or {}


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ModerationReason.choices)
