"""Forms of the issue and response pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rapfang.consultations.models import Consultation
from rapfang.core.forms_thai import plain_messages
from rapfang.core.i18n import localized
from rapfang.documents.models import Paragraph
from rapfang.reports.models import Decision
from rapfang.reports.services.issues import REASONS_MAX, SUMMARY_MAX, TITLE_MAX, receipts_parse

PARAGRAPH_START = 90  # characters of a paragraph shown beside its checkbox


def _domain_choices(consultation: Consultation) -> list[tuple[str, str]]:
    domains = consultation.topics.order_by("order", "key")
    return [("", str(_("No domain"))), *((domain.key, localized(domain, "name")) for domain in domains)]


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class IssueForm(forms.Form):
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=TITLE_MAX)
    title_en = forms.CharField(label=_("Title (English)"), max_length=TITLE_MAX, required=False)
    summary_th = forms.CharField(label=_("What we heard (Thai)"), max_length=SUMMARY_MAX, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    summary_en = forms.CharField(label=_("What we heard (English)"), max_length=SUMMARY_MAX, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    domain = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["domain"].choices = _domain_choices(consultation)  # type: ignore[attr-defined]
        _styled(self)

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        key = data.get("domain") or ""
        domain = self.consultation.topics.filter(key=key).first() if key else None
        return {"title_th": data["title_th"], "title_en": data["title_en"], "summary_th": data["summary_th"],
                "summary_en": data["summary_en"], "domain": domain}  # fmt: skip


class IssueEditForm(IssueForm):
    representative = forms.CharField(
        label=_("Receipt number of the representative comment"), max_length=40, required=False,
        help_text=_("One of the issue's comments; shown on the public page."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class ReceiptsForm(forms.Form):
    receipts = forms.CharField(
        label=_("Receipt numbers"), max_length=30000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, or separated by commas or spaces."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)

    def receipt_list(self) -> list[str]:
        return receipts_parse(self.cleaned_data["receipts"])


def paragraph_label(paragraph: Paragraph) -> str:
    text = " ".join(paragraph.text.split())
    start = text if len(text) <= PARAGRAPH_START else text[:PARAGRAPH_START].rstrip() + "…"
    return f"{start} (#{paragraph.anchor})"


class ResponseForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    reasons_th = forms.CharField(label=_("Reasons (Thai)"), max_length=REASONS_MAX,
                                 widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    reasons_en = forms.CharField(label=_("Reasons (English)"), max_length=REASONS_MAX, required=False,
                                 widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    paragraphs = forms.TypedMultipleChoiceField(
        label=_("Paragraphs changed in the new version"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraphs"].choices = [(p.pk, paragraph_label(p)) for p in paragraphs]  # type: ignore[attr-defined]
        _styled(self)


class LookupForm(forms.Form):
    """What became of my comment: a receipt number (a GET form, so the page sets no cookie)."""

    receipt = forms.CharField(
        label=_("Receipt number"), max_length=40,
        error_messages={"required": _("Please give the receipt number of your comment.")},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)
        self.fields["receipt"].widget.attrs.update({"class": "form-control", "autocomplete": "off",
                                                    "spellcheck": "false"})  # fmt: skip
