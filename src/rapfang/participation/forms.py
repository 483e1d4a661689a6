"""The public forms of following and of "my participation"; their rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapfang.core.forms_thai import plain_messages

CHOOSE_TARGET = _("Please choose what to follow.")
EMAIL_MESSAGES = {"required": _("Please give your e-mail address."), "invalid": _("This e-mail address is not valid.")}


class FollowForm(forms.Form):
    target = forms.ChoiceField(
        label=_("What to follow"), widget=forms.RadioSelect,
        choices=[("consultation", _("This consultation")), ("agency", _("All public hearings of this agency"))],
        error_messages={"required": CHOOSE_TARGET, "invalid_choice": CHOOSE_TARGET},
    )  # fmt: skip
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, error_messages=EMAIL_MESSAGES,
        help_text=_("We send a link to confirm; nothing else is sent until you open it. Never published."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class MineForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, error_messages=EMAIL_MESSAGES,
        help_text=_("The address you gave with your comments, answers, endorsements or registrations."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)
