"""The forms of logging in and of the second factor; their errors are shown beside their fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150,
                               error_messages={"required": _("Please enter your username.")})  # fmt: skip
    password = forms.CharField(label=_("Password"), max_length=4096, strip=False, widget=forms.PasswordInput,
                               error_messages={"required": _("Please enter your password.")})  # fmt: skip


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        error_messages={"required": _("Please enter the code.")},
    )  # fmt: skip
