"""Forms of the agency pages, the team and invitations. They read and check input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, AgencyContact, Role
from rapfang.accounts.services import AGENCY_FIELDS, CONTACT_FIELDS
from rapfang.core.forms_thai import plain_messages, telephone_validator

SLUG_HELP = _("Latin letters, digits and hyphens, e.g. dol for the Department of Lands. It cannot be changed later.")


class AgencyForm(forms.ModelForm):
    """An agency's names and public channels; the short name in addresses only when it is created."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Agency
        fields = ("slug", *(name for name in AGENCY_FIELDS if name != "successor"))
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            "slug": {"unique": _("Another agency already uses this short name. Choose another.")},
        }

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["slug"]
        else:
            self.fields["slug"].error_messages["invalid"] = _(
                "Use only Latin letters, digits, hyphens and underscores in the short name, e.g. dol."
            )
        plain_messages(self)
        for name in ("phone", "fax"):
            self.fields[name].validators.append(telephone_validator)
        self.fields["email"].error_messages["invalid"] = _("Enter a valid e-mail address.")
        self.fields["website"].error_messages["invalid"] = _(
            "Enter a valid web address, such as https://www.example.go.th."
        )

    def clean_slug(self) -> str:
        """In small letters: an address is one agency's however its letters are typed (DOL is dol)."""
        return str(self.cleaned_data["slug"]).lower()

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in AGENCY_FIELDS if name in self.cleaned_data}


class ContactForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name_th = forms.CharField(
        label=_("name (Thai)"), max_length=200, error_messages={"required": _("Enter the person's name in Thai.")}
    )
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    position_th = forms.CharField(label=_("position (Thai)"), max_length=200, required=False)
    position_en = forms.CharField(label=_("position (English)"), max_length=200, required=False)
    phone = forms.CharField(label=_("telephone"), max_length=60, required=False, validators=[telephone_validator])
    email = forms.EmailField(
        label=_("e-mail"), required=False, error_messages={"invalid": _("Enter a valid e-mail address.")}
    )


ContactFormSet = forms.formset_factory(ContactForm, extra=2, can_delete=True)


def contacts_formset(data: Any, contacts: list[AgencyContact]) -> Any:
    initial = [{"id": contact.pk, **{name: getattr(contact, name) for name in CONTACT_FIELDS}} for contact in contacts]
    formset = ContactFormSet(data, initial=initial, prefix="contacts")
    for form in formset.forms:
        form.fields["DELETE"].label = _("Remove this person")
    return formset


def contact_rows(formset: Any) -> list[dict[str, Any]]:
    """The rows to keep, in order: filled in and not marked for removal."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if data and not data.get("DELETE"):
            rows.append({name: data.get(name) for name in ("id", *CONTACT_FIELDS)})
    return rows


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("role"), choices=Role.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role."), "invalid_choice": _("Choose a role.")},
    )  # fmt: skip


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("e-mail"),
        error_messages={"required": _("Enter the e-mail address."), "invalid": _("Enter a valid e-mail address.")},
    )
    role = _role_field()
    language = forms.ChoiceField(label=_("language of the e-mail"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language() or "th"
        self.fields["role"].help_text = _(
            "Organisers set up and run the agency's hearings and its team; moderators review comments."
        )


class RoleForm(forms.Form):
    role = _role_field()


class AcceptForm(forms.Form):
    """A new account: a name and a password (checked by the site's password rules in the service)."""

    first_name = forms.CharField(
        label=_("first name"), max_length=150, error_messages={"required": _("Enter your first name.")}
    )
    last_name = forms.CharField(
        label=_("last name"), max_length=150, error_messages={"required": _("Enter your last name.")}
    )
    password = forms.CharField(
        label=_("password"), strip=False, widget=forms.PasswordInput,
        error_messages={"required": _("Choose a password.")},
    )  # fmt: skip
    password_again = forms.CharField(
        label=_("password again"), strip=False, widget=forms.PasswordInput,
        error_messages={"required": _("Type the password a second time.")},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = _(
            "At least 8 characters, not only digits, not a common password and not like your name or e-mail."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are not the same. Type the same password twice."))
        return data
