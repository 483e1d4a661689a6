"""The public comment form, with its bot defences: a honeypot field and a signed time of display."""

from __future__ import annotations

import secrets
import time
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from rapfang.comments.endorsements import endorsement_fields_checked
from rapfang.comments.models import CommentChannel, ModerationReason, StakeholderType
from rapfang.comments.services import TEXT_MAX_CHARS, comment_fields_checked
from rapfang.core.forms_thai import ThaiDateTimeField, plain_messages

SIGNING_SALT = "rapfang.comments.form-shown"
MAX_FORM_AGE_SECONDS = 24 * 3600


def min_seconds_to_submit() -> float:
    return float(getattr(settings, "COMMENT_MIN_SECONDS", 3))


def form_stamp(now: float | None = None) -> str:
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(int(now if now is not None else time.time())))


def not_a_bot_checked(data: dict[str, Any]) -> None:
    """The honeypot, and the signed moment the form was shown: a person takes some seconds to write (the comment
    form's and the questionnaire's)."""
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


class IdentityFields(forms.Form):
    """Who speaks, as the public forms ask it (a comment, an endorsement, answers to a questionnaire): named, for an
    organisation, or anonymous; the kind of stakeholder; an address for the receipt; consent to the notice. Each form
    says them in its own words (`wording`: per field, its label, help text, whether required, messages)."""

    anonymous = forms.BooleanField(required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    stakeholder_type = forms.ChoiceField(choices=[("", _("Choose one")), *StakeholderType.choices])
    email = forms.EmailField(
        required=False, max_length=254, error_messages={"invalid": _("This e-mail address is not valid.")}
    )
    consent = forms.BooleanField(label=_("I have read the personal data notice and agree to it."))
    wording: ClassVar[dict[str, dict[str, Any]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, words in self.wording.items():
            field = self.fields[name]
            for attribute, value in words.items():
                if attribute == "error_messages":
                    field.error_messages = {**field.error_messages, **value}
                else:
                    setattr(field, attribute, value)
            field.widget.is_required = field.required


class CommentForm(IdentityFields):
    """The comment as the public sends it. Its rules are the service's (`comment_fields_checked`): the form shows
    every problem at once, beside its field, before anything is stored."""

    text = forms.CharField(
        label=_("Your comment"), max_length=TEXT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 5,000 characters."), error_messages={"required": _("Please write your comment.")},
    )  # fmt: skip
    attachment = forms.FileField(
        label=_("Attachment (optional)"), required=False,
        help_text=_("PDF, DOCX or image (PNG, JPEG, WebP), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg,.webp"}),
    )  # fmt: skip
    section = forms.CharField(required=False, widget=forms.HiddenInput)
    paragraph = forms.CharField(required=False, widget=forms.HiddenInput)
    shown = forms.CharField(widget=forms.HiddenInput)
    # Made when the form is drawn: the same form sent twice (a retry, a second click) stores one comment.
    idempotency_key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # the honeypot
    field_order = ["text", "anonymous", "name", "organisation", "stakeholder_type", "email", "attachment", "consent"]
    wording = {
        "anonymous": {"label": _("Comment anonymously"),
                      "help_text": _("An anonymous comment is published without a name or organisation.")},
        "name": {"help_text": _("Needed unless you comment anonymously.")},
        "organisation": {"help_text": _(
            "Needed when you comment for an agency, a company, an institution or a group, unless you comment "
            "anonymously. A citizen commenting in their own name may leave it empty.")},
        "stakeholder_type": {"label": _("You comment as"),
                             "error_messages": {"required": _("Please choose who you are commenting as.")}},
        "email": {"label": _("E-mail (optional)"), "help_text": _("We send your receipt to this address.")},
        "consent": {"error_messages": {"required": _("Please agree to the personal data notice to send a comment.")}},
    }  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("shown", form_stamp())
            self.initial.setdefault("idempotency_key", secrets.token_urlsafe(18))
        plain_messages(self)
        for field in self.fields.values():  # for pages that render a widget as it is (staff keying in)
            css = {"CheckboxInput": "form-check-input", "Select": "form-select"}.get(
                type(field.widget).__name__, "form-control"
            )
            field.widget.attrs.setdefault("class", css)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def renew_key(self) -> None:
        """A new idempotency key for a form shown again whose key already sent another comment: sent again, it
        makes a comment of its own."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound to a request
        data["idempotency_key"] = secrets.token_urlsafe(18)
        self.data = data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _fields, problems = comment_fields_checked(self.service_data())
        for name, messages in problems.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, messages)
        not_a_bot_checked(data)
        return data

    def service_data(self) -> dict[str, Any]:
        data = getattr(self, "cleaned_data", {})
        keys = ("text", "anonymous", "name", "organisation", "stakeholder_type", "email", "consent", "section",
                "paragraph")  # fmt: skip
        return {key: data.get(key) for key in keys}


class OfflineCommentForm(CommentForm):
    """Staff key in a comment that came by letter, e-mail or fax, with its scan."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in (CommentChannel.LETTER, CommentChannel.EMAIL, CommentChannel.FAX)],
    )
    received_at = ThaiDateTimeField(
        label=_("Received at"), help_text=_("The date and time on the receipt stamp, such as 18/11/2559 09.30.")
    )
    accept_late = forms.BooleanField(label=_("Accept although it arrived after the period"), required=False)
    # Staff fill this form in for someone else: it speaks of the commenter, not to them.
    wording = {
        **CommentForm.wording,
        "stakeholder_type": {**CommentForm.wording["stakeholder_type"], "label": _("The commenter comments as")},
        "email": {"label": _("The commenter's e-mail (optional)"),
                  "help_text": _("The receipt is sent to this address.")},
    }  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Comment")
        self.fields["shown"].required = False  # staff are not timed; the honeypot is not checked either

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self) or {}


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ModerationReason.choices)


class EndorseForm(IdentityFields):
    """The public's "I agree with this comment"; its rules are the service's (`endorsement_fields_checked`)."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)  # the honeypot
    wording = {
        "anonymous": {"label": _("Endorse anonymously"),
                      "help_text": _("An anonymous endorsement is counted without a name or organisation.")},
        "name": {"help_text": _("Needed unless you endorse anonymously.")},
        "organisation": {"help_text": _("Needed when you endorse for an agency, a company, an institution or a "
                                        "group, unless you endorse anonymously.")},
        "stakeholder_type": {"label": _("You endorse as"),
                             "error_messages": {"required": _("Please choose who you are endorsing as.")}},
        "email": {"label": _("E-mail"), "required": True,
                  "help_text": _("One endorsement is counted per address; we send your receipt there. It is never "
                                 "published."),
                  "error_messages": {"required": _("Please give your e-mail address: one endorsement is counted "
                                                   "per address. It is never shown to the public.")}},
        "consent": {"error_messages": {"required": _("Please agree to the personal data notice to endorse the "
                                                     "comment.")}},
    }  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _fields, problems = endorsement_fields_checked(self.service_data())
        for name, messages in problems.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, messages)
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be accepted. Please try again."), code="bot")
        return data

    def service_data(self) -> dict[str, Any]:
        data = getattr(self, "cleaned_data", {})
        return {key: data.get(key) for key in ("anonymous", "name", "organisation", "stakeholder_type", "email",
                                                "consent")}  # fmt: skip
