"""Forms of a consultation's own pages: its details (new or edited), a copy, going live and coming off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import Agency, AgencyContact
from rapfang.consultations.models import Consultation, Instrument
from rapfang.core.forms_thai import ThaiDateTimeField
from rapfang.core.i18n import localized
from rapfang.workspace.forms_common import StaffForm

DETAIL_FIELDS = (
    "title_th", "title_en", "short_name", "summary_th", "summary_en", "rationale_th", "rationale_en", "instrument",
    "thai_digits",
)  # fmt: skip
SLUG_HELP = _(
    "The consultation's address on the site, in lower-case Latin letters, digits and hyphens. Leave it empty to "
    "have it made from the title: from the English title if there is one, else from the Thai title in Latin letters."
)


def _text(
    label: Any, *, required: bool = False, help_text: Any = "", rows: int = 0, limit_of: str = ""
) -> forms.CharField:
    """A text field; `limit_of` names the consultation's field whose length it keeps to (checked on the form, in
    the page's language, before the service sees it)."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    limit = getattr(Consultation._meta.get_field(limit_of), "max_length", None) if limit_of else None
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=widget, strip=True, max_length=limit
    )


class ContactChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AgencyContact) -> str:
        parts = [localized(obj, "name"), localized(obj, "position"), obj.phone, obj.email]
        return " · ".join(part for part in parts if part)


class ConsultationForm(StaffForm):
    """A consultation's details. New ones also choose the agency, among those the person organises."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), empty_label=None)
    title_th = _text(_("Title (Thai)"), required=True, limit_of="title_th")
    title_en = _text(_("Title (English)"), limit_of="title_en")
    short_name = _text(
        _("Short name"),
        help_text=_("Optional, such as DG2: sentences on the public page name the draft by it."),
        limit_of="short_name",
    )
    instrument = forms.ChoiceField(
        label=_("Kind of instrument"),
        choices=[("", _("Choose the kind of draft")), *Instrument.choices],
        help_text=_("The public pages name the draft after it, such as “draft ministerial regulation”."),
    )
    summary_th = _text(_("Summary (Thai)"), rows=3, help_text=_("Shown at the top of the public page."))
    summary_en = _text(_("Summary (English)"), rows=3)
    rationale_th = _text(_("Rationale (Thai)"), rows=6)
    rationale_en = _text(_("Rationale (English)"), rows=6)
    contacts = ContactChoice(
        label=_("Contact persons for this consultation"),
        queryset=AgencyContact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Shown on the public page for enquiries. The agency's contact persons are kept with the agency."),
    )
    thai_digits = forms.BooleanField(
        label=_("Thai digits"), required=False, help_text=_("Numbers and dates on the public page in Thai digits.")
    )
    slug = forms.CharField(label=_("Address"), required=False, max_length=80, help_text=SLUG_HELP)

    def __init__(self, *args: Any, agencies: QuerySet[Agency] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
            return
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        contacts = AgencyContact.objects.filter(agency__in=agencies).select_related("agency")
        self.fields["contacts"].queryset = contacts  # type: ignore[attr-defined]

    def for_consultation(self, consultation: Consultation) -> ConsultationForm:
        self.fields["contacts"].queryset = consultation.agency.contacts.all()  # type: ignore[attr-defined]
        return self

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in DETAIL_FIELDS},
            "contacts": list(data["contacts"]),
            "slug": data["slug"],
        }

    @staticmethod
    def initial_of(consultation: Consultation) -> dict[str, Any]:
        initial = {name: getattr(consultation, name) for name in DETAIL_FIELDS}
        return {**initial, "slug": consultation.slug, "contacts": list(consultation.contacts.all())}


class CopyForm(StaffForm):
    """A copy's new titles and address, and, if the organiser wants the timeline's dates, the new comment period."""

    title_th = _text(_("Title (Thai)"), required=True, limit_of="title_th")
    title_en = _text(_("Title (English)"), limit_of="title_en")
    slug = forms.CharField(label=_("Address"), required=False, max_length=80, help_text=SLUG_HELP)
    comments_starts_at = ThaiDateTimeField(
        label=_("New comment period: opens"),
        required=False,
        help_text=_("Optional. Such as 01/12/2569 00.00. Every step of the timeline moves with the comment period."),
    )
    comments_ends_at = ThaiDateTimeField(
        label=_("New comment period: closes"), required=False, help_text=_("Such as 15/12/2569 23.59.59.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("comments_starts_at"), data.get("comments_ends_at")
        if starts and ends and ends < starts:
            self.add_error("comments_ends_at", _("The end is before the start: give an end at or after the start."))
        return data


class PublishForm(StaffForm):
    short_period_reason = _text(
        _("Reason to go ahead with a shorter comment period"),
        rows=3,
        help_text=_("Kept with the consultation and in the activity log."),
    )


class UnpublishForm(StaffForm):
    reason = _text(
        _("Why the consultation comes off the public site"),
        required=True,
        rows=3,
        help_text=_("Kept in the activity log."),
    )
